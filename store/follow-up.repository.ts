import { sql } from 'kysely';
import type { DnaFollowUpFacts } from '../domain/dna.types.js';
import type { Executor } from './database.js';
import type { FollowUpRow, FollowUpStatus } from './schema.js';

export const followUpJobId = (id: string, step: number) => `followup-${id}-step${step}`;

export class FollowUpRepository {
  constructor(private readonly db: Executor) {}

  /** One follow-up per missed appointment; a second DNA mark for the same appointment finds the first. */
  async start(f: { participantId: string; appointmentId: string; days: number[]; startedAt: Date; nextAt: Date }): Promise<FollowUpRow> {
    const inserted = await this.db
      .insertInto('follow_ups')
      .values({
        participant_id: f.participantId,
        appointment_id: f.appointmentId,
        days: JSON.stringify(f.days),
        started_at: f.startedAt,
        next_at: f.nextAt,
      })
      .onConflict((oc) => oc.columns(['appointment_id', 'kind']).doNothing())
      .returningAll()
      .executeTakeFirst();
    return inserted ?? (await this.db.selectFrom('follow_ups').selectAll().where('appointment_id', '=', f.appointmentId).executeTakeFirstOrThrow());
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

  /** Ends every active follow-up of a person (a reply, STOP, a new attendance, the key worker). */
  async endActiveFor(participantId: string, status: Exclude<FollowUpStatus, 'active'>, reason: string): Promise<number> {
    const result = await this.db
      .updateTable('follow_ups')
      .set({ status, ended_reason: reason, next_at: null, updated_at: sql<Date>`now()` })
      .where('participant_id', '=', participantId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
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
      .where('follow_ups.started_at', '>=', since)
      .orderBy('follow_ups.started_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      appointmentId: row.appointment_id,
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
