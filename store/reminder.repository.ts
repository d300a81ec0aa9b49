import { sql } from 'kysely';
import type { PlannedReminder } from '../domain/appointments/appointment.types.js';
import { reminderJobId } from '../domain/job-keys.js';
import type { Executor } from './database.js';
import type { ReminderRow, ReminderStatus } from './schema.js';

/** The row a planned reminder inserts (its id is the table's default unless the caller adds one). */
export function reminderRow(appointmentId: string, participantId: string, version: number, p: PlannedReminder) {
  return {
    appointment_id: appointmentId,
    participant_id: participantId,
    version,
    offset: p.offset,
    due_at: p.dueAt,
    send_at: p.sendAt,
    status: p.status,
    reason: p.status === 'dropped' ? p.reason : (p.moved ?? null),
    job_id: reminderJobId(appointmentId, version, p.offset),
  };
}

export class ReminderRepository {
  constructor(private readonly db: Executor) {}

  /** Stores an appointment version's plan once (the job id is unique); returns the rows, new or existing. */
  async savePlan(appointmentId: string, participantId: string, version: number, plan: PlannedReminder[]): Promise<ReminderRow[]> {
    await this.savePlans([{ appointmentId, participantId, version, plan }]);
    return this.db
      .selectFrom('reminders')
      .selectAll()
      .where('appointment_id', '=', appointmentId)
      .where('version', '=', version)
      .orderBy('send_at')
      .execute();
  }

  /** Many appointments' plans in as few statements as the parameter limit allows. */
  async savePlans(plans: ReadonlyArray<{ appointmentId: string; participantId: string; version: number; plan: PlannedReminder[] }>): Promise<ReminderRow[]> {
    const rows = plans.flatMap(({ appointmentId, participantId, version, plan }) => plan.map((p) => reminderRow(appointmentId, participantId, version, p)));
    const saved: ReminderRow[] = [];
    // 9 parameters a row; PostgreSQL allows 65,535 parameters a statement.
    for (let i = 0; i < rows.length; i += 5000) {
      saved.push(
        ...(await this.db
          .insertInto('reminders')
          .values(rows.slice(i, i + 5000))
          .onConflict((oc) => oc.column('job_id').doNothing())
          .returningAll()
          .execute()),
      );
    }
    return saved;
  }

  /** Every reminder still waiting for an appointment ends, with why (superseded by a new version, cancelled…). */
  async closeScheduled(appointmentId: string, status: ReminderStatus, reason: string): Promise<void> {
    await this.db
      .updateTable('reminders')
      .set({ status, reason })
      .where('appointment_id', '=', appointmentId)
      .where('status', '=', 'scheduled')
      .execute();
  }

  async findById(id: string): Promise<ReminderRow | undefined> {
    return this.db.selectFrom('reminders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async lock(id: string): Promise<ReminderRow | undefined> {
    return this.db.selectFrom('reminders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async finish(id: string, status: ReminderStatus, fields: { reason?: string | null; messageId?: string; sentAt?: Date } = {}): Promise<void> {
    await this.db
      .updateTable('reminders')
      .set({
        status,
        ...(fields.reason !== undefined && { reason: fields.reason }),
        ...(fields.messageId !== undefined && { message_id: fields.messageId }),
        ...(fields.sentAt !== undefined && { sent_at: fields.sentAt }),
      })
      .where('id', '=', id)
      .execute();
  }

  async moveSendAt(id: string, sendAt: Date, reason: string): Promise<void> {
    await this.db.updateTable('reminders').set({ send_at: sendAt, reason }).where('id', '=', id).execute();
  }

  /** Scheduled reminders due before `before`: the sweep re-adds their jobs in case Redis lost them. */
  async listScheduledBefore(before: Date, limit: number): Promise<ReminderRow[]> {
    return this.db
      .selectFrom('reminders')
      .selectAll()
      .where('status', '=', 'scheduled')
      .where('send_at', '<', before)
      .orderBy('send_at')
      .limit(limit)
      .execute();
  }

  async listForAppointment(appointmentId: string): Promise<ReminderRow[]> {
    return this.db
      .selectFrom('reminders')
      .selectAll()
      .where('appointment_id', '=', appointmentId)
      .orderBy('version')
      .orderBy(sql`send_at nulls last`)
      .execute();
  }
}
