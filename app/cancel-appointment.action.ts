import type { StaffIdentity } from '../domain/caseload.js';
import type { ScheduleResult } from '../store/appointment-scheduler.js';
import type { Db, Tx } from '../store/database.js';
import type { AppointmentRow, ParticipantRow } from '../store/schema.js';
import { type AppointmentActionDeps, AppointmentCancelledError, enqueueAppointmentJobs, lockAppointmentInCaseload, schedulerFor } from './appointment-changes.js';

/**
 * Cancelling (POST /api/appointments/:id/cancel, and a CSV import row with `cancelled: yes`): the participant is
 * told, and no reminder fires afterwards.
 */
export class CancelAppointment {
  constructor(private readonly deps: AppointmentActionDeps) {}

  async execute(db: Db, input: { staff: StaffIdentity; appointmentId: string; reason: string | null }): Promise<ScheduleResult> {
    const now = this.deps.clock.now();
    const result = await db.transaction().execute(async (tx) => {
      const locked = await lockAppointmentInCaseload(tx, input.staff, input.appointmentId);
      return this.write(tx, { staff: input.staff, ...locked, reason: input.reason }, now);
    });
    await this.after(result);
    return result;
  }

  /** In the caller's transaction, with the appointment and its participant locked. */
  async write(tx: Tx, input: { staff: StaffIdentity; appointment: AppointmentRow; participant: ParticipantRow; reason: string | null }, now: Date): Promise<ScheduleResult> {
    if (input.appointment.status === 'cancelled') throw new AppointmentCancelledError();
    return schedulerFor(tx, this.deps, input.staff, now).cancel(input.appointment, input.participant, input.reason);
  }

  async after(result: ScheduleResult): Promise<void> {
    await enqueueAppointmentJobs(this.deps, result);
  }
}
