import { sql } from 'kysely';
import type { DnaFollowUpFacts } from '../domain/appointments/dna.types.js';
import type { Executor } from './database.js';
import type { FollowUpRow, FollowUpStatus } from './schema.js';

export class FollowUpRepository {
  constructor(private readonly db: Executor) {}

  /**
   * One follow-up per missed appointment, and one welcome per person: starting it again finds the first.
   */
  async start(f: {
    kind: 'dna' | 'welcome';
    participantId: string;
    appointmentId: string | null;
    days: number[];
    startedAt: Date;
    nextAt: Date;
  }): Promise<FollowUpRow> {
    const inserted = await this.db
      .insertInto('follow_ups')
      .values({
        kind: f.kind,
        participant_id: f.participantId,
        appointment_id: f.appointmentId,
        days: JSON.stringify(f.days),
        started_at: f.startedAt,
        next_at: f.nextAt,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return inserted;
    const existing = this.db.selectFrom('follow_ups').selectAll().where('kind', '=', f.kind);
    return (
      f.appointmentId
        ? existing.where('appointment_id', '=', f.appointmentId)
        : existing.where('participant_id', '=', f.participantId)
    ).executeTakeFirstOrThrow();
  }

  /** Welcomes for many people in one statement; someone who already has one keeps it (it is returned instead). */
  async startWelcomes(welcomes: ReadonlyArray<{ participantId: string; days: number[]; startedAt: Date; nextAt: Date }>): Promise<Map<string, FollowUpRow>> {
    if (welcomes.length === 0) return new Map();
    const inserted = await this.db
      .insertInto('follow_ups')
      .values(
        welcomes.map((w) => ({
          kind: 'welcome' as const,
          participant_id: w.participantId,
          appointment_id: null,
          days: JSON.stringify(w.days),
          started_at: w.startedAt,
          next_at: w.nextAt,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .execute();
    const byParticipant = new Map(inserted.map((row) => [row.participant_id, row]));
    const missing = welcomes.map((w) => w.participantId).filter((id) => !byParticipant.has(id));
    if (missing.length > 0) {
      const existing = await this.db.selectFrom('follow_ups').selectAll().where('kind', '=', 'welcome').where('participant_id', 'in', missing).execute();
      for (const row of existing) byParticipant.set(row.participant_id, row);
    }
    return byParticipant;
  }

  async findById(id: string): Promise<FollowUpRow | undefined> {
    return this.db.selectFrom('follow_ups').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async lock(id: string): Promise<FollowUpRow | undefined> {
    return this.db.selectFrom('follow_ups').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async advance(id: string, step: number, nextAt: Date | null): Promise<void> {
    await this.db.updateTable('follow_ups').set({ step, next_at: nextAt, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
  }

  async moveNextAt(id: string, nextAt: Date): Promise<void> {
    await this.db.updateTable('follow_ups').set({ next_at: nextAt, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
  }

  async end(id: string, status: Exclude<FollowUpStatus, 'active'>, reason: string): Promise<void> {
    await this.db
      .updateTable('follow_ups')
      .set({ status, ended_reason: reason, next_at: null, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Ends active follow-ups of a person (a reply, STOP, a new attendance, the key worker, a wrong number) and
   * returns the kinds it ended. `kind` limits it to one kind.
   */
  async endActiveFor(
    participantId: string,
    status: Exclude<FollowUpStatus, 'active'>,
    reason: string,
    kind?: 'dna' | 'welcome',
  ): Promise<Array<'dna' | 'welcome'>> {
    let query = this.db
      .updateTable('follow_ups')
      .set({ status, ended_reason: reason, next_at: null, updated_at: sql<Date>`now()` })
      .where('participant_id', '=', participantId)
      .where('status', '=', 'active');
    if (kind) query = query.where('kind', '=', kind);
    const rows = await query.returning('kind').execute();
    return rows.map((r) => r.kind);
  }

  async hasActive(participantId: string, kind: 'dna' | 'welcome'): Promise<boolean> {
    const row = await this.db
      .selectFrom('follow_ups')
      .select('id')
      .where('participant_id', '=', participantId)
      .where('kind', '=', kind)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return row !== undefined;
  }

  async markReasonRecorded(participantId: string, followUpId: string, at: Date): Promise<void> {
    await this.db
      .updateTable('follow_ups')
      .set({ reason_recorded_at: at, updated_at: sql<Date>`now()` })
      .where('id', '=', followUpId)
      .where('participant_id', '=', participantId)
      .where('reason_recorded_at', 'is', null)
      .execute();
  }

  /** The latest follow-up started since `since`, as the reply dialog sees it. */
  async latestFacts(participantId: string, since: Date): Promise<DnaFollowUpFacts | null> {
    const row = await this.db
      .selectFrom('follow_ups')
      .innerJoin('appointments', 'appointments.id', 'follow_ups.appointment_id')
      .select([
        'follow_ups.id',
        'follow_ups.appointment_id',
        'follow_ups.started_at',
        'follow_ups.reason_recorded_at',
        'appointments.starts_at',
        'appointments.title',
      ])
      .where('follow_ups.participant_id', '=', participantId)
      .where('follow_ups.kind', '=', 'dna')
      .where('follow_ups.started_at', '>=', since)
      .orderBy('follow_ups.started_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      appointmentId: row.appointment_id as string,
      appointmentStartsAt: row.starts_at,
      appointmentTitle: row.title,
      startedAt: row.started_at,
      reasonRecorded: row.reason_recorded_at !== null,
    };
  }

  /** Active follow-ups whose next step is due before `before`: the sweep re-adds their jobs. */
  async listDueBefore(before: Date, limit: number): Promise<FollowUpRow[]> {
    return this.db
      .selectFrom('follow_ups')
      .selectAll()
      .where('status', '=', 'active')
      .where('next_at', '<', before)
      .orderBy('next_at')
      .limit(limit)
      .execute();
  }
}
