import type { StaffIdentity } from '../domain/caseload.js';
import type { AppointmentChanges } from '../store/appointment.repository.js';
import type { ScheduleResult } from '../store/appointment-scheduler.js';
import type { Db, Tx } from '../store/database.js';
import type { AppointmentRow, ParticipantRow } from '../store/schema.js';
import {
  type AppointmentActionDeps,
  AppointmentCancelledError,
  AppointmentInPastError,
  enqueueAppointmentJobs,
  lockAppointmentInCaseload,
  schedulerFor,
} from './appointment-changes.js';

/**
 * A change to an appointment (PATCH /api/appointments/:id, and a CSV import row with a new time or place): a new
 * version whose reminders replace the old ones (which never fire), and the participant is told.
 */
export class RescheduleAppointment {
  constructor(private readonly deps: AppointmentActionDeps) {}

  async execute(db: Db, input: { staff: StaffIdentity; appointmentId: string; changes: AppointmentChanges }): Promise<ScheduleResult> {
    const now = this.deps.clock.now();
    const result = await db.transaction().execute(async (tx) => {
      const locked = await lockAppointmentInCaseload(tx, input.staff, input.appointmentId);
      return this.write(tx, { staff: input.staff, ...locked, changes: input.changes }, now);
    });
    await this.after(result);
    return result;
  }

  /** In the caller's transaction, with the appointment and its participant locked. */
  async write(
    tx: Tx,
    input: { staff: StaffIdentity; appointment: AppointmentRow; participant: ParticipantRow; changes: AppointmentChanges },
    now: Date,
  ): Promise<ScheduleResult> {
    if (input.changes.startsAt && input.changes.startsAt <= now) throw new AppointmentInPastError();
    if (input.appointment.status === 'cancelled') throw new AppointmentCancelledError();
    return schedulerFor(tx, this.deps, input.staff, now).reschedule(input.appointment, input.participant, input.changes);
  }

  async after(result: ScheduleResult): Promise<void> {
    await enqueueAppointmentJobs(this.deps, result);
  }
}
