import { sql } from 'kysely';
import type { PlannedCheckIn } from '../domain/in-work/check-in-schedule.js';
import type { Executor } from './database.js';
import type { CheckInRow, CheckInStatus } from './schema.js';

/** One job per check-in; BullMQ ids may not contain `:`. */

export class CheckInRepository {
  constructor(private readonly db: Executor) {}

  async savePlan(jobStartId: string, participantId: string, plan: readonly PlannedCheckIn[]): Promise<CheckInRow[]> {
    if (plan.length === 0) return [];
    return this.db
      .insertInto('check_ins')
      .values(
        plan.map((p) => ({
          job_start_id: jobStartId,
          participant_id: participantId,
          week: p.week,
          due_at: p.dueAt,
          send_at: p.sendAt,
          status: p.status,
          reason: p.status === 'dropped' ? p.reason : null,
          asks_still_in_work: p.asksStillInWork,
        })),
      )
      .onConflict((oc) => oc.constraint('check_ins_one_per_week').doNothing())
      .returningAll()
      .execute();
  }

  async findById(id: string): Promise<CheckInRow | undefined> {
    return this.db.selectFrom('check_ins').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async lock(id: string): Promise<CheckInRow | undefined> {
    return this.db.selectFrom('check_ins').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async listForJob(jobStartId: string): Promise<CheckInRow[]> {
    return this.db.selectFrom('check_ins').selectAll().where('job_start_id', '=', jobStartId).orderBy('week').execute();
  }

  async finish(id: string, status: Exclude<CheckInStatus, 'scheduled'>, fields: { reason?: string; sessionId?: string; sentAt?: Date } = {}): Promise<void> {
    await this.db
      .updateTable('check_ins')
      .set({
        status,
        ...(fields.reason !== undefined && { reason: fields.reason }),
        ...(fields.sessionId !== undefined && { session_id: fields.sessionId }),
        ...(fields.sentAt !== undefined && { sent_at: fields.sentAt }),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
  }

  async moveSendAt(id: string, sendAt: Date, reason: string): Promise<void> {
    await this.db.updateTable('check_ins').set({ send_at: sendAt, reason, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
  }

  /** The in-work schedule stops (left the job, a newer job start): every check-in still waiting is cancelled. */
  async cancelScheduledForJob(jobStartId: string, reason: string): Promise<string[]> {
    const rows = await this.db
      .updateTable('check_ins')
      .set({ status: 'cancelled', reason, updated_at: sql<Date>`now()` })
      .where('job_start_id', '=', jobStartId)
      .where('status', '=', 'scheduled')
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** A later check-in of the same job is already due: the older one would only be a second message. */
  async laterOneDue(checkIn: CheckInRow, now: Date): Promise<boolean> {
    const row = await this.db
      .selectFrom('check_ins')
      .select('id')
      .where('job_start_id', '=', checkIn.job_start_id)
      .where('week', '>', checkIn.week)
      .where('status', '=', 'scheduled')
      .where('send_at', '<=', now)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Check-ins waiting to go before `before`: the sweep re-adds their jobs in case Redis lost them. */
  async listScheduledBefore(before: Date, limit: number): Promise<CheckInRow[]> {
    return this.db
      .selectFrom('check_ins')
      .selectAll()
      .where('status', '=', 'scheduled')
      .where('send_at', '<', before)
      .orderBy('send_at')
      .limit(limit)
      .execute();
  }

  /** Erasure: no check-in still waiting is sent. */
  async cancelScheduledForParticipant(participantId: string, reason: string): Promise<void> {
    await this.db
      .updateTable('check_ins')
      .set({ status: 'cancelled', reason, updated_at: sql<Date>`now()` })
      .where('participant_id', '=', participantId)
      .where('status', '=', 'scheduled')
      .execute();
  }
}
