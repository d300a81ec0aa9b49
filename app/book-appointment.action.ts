import type { StaffIdentity } from '../domain/caseload.js';
import type { NewAppointment } from '../store/appointment.repository.js';
import type { ScheduleResult } from '../store/appointment-scheduler.js';
import type { Tx } from '../store/database.js';
import type { ParticipantRow } from '../store/schema.js';
import { type AppointmentActionDeps, AppointmentInPastError, enqueueAppointmentJobs, schedulerFor } from './appointment-changes.js';

export type NewBooking = Omit<NewAppointment, 'participantId' | 'createdBy'>;

/**
 * A new appointment with its reminders (the team's policy, or its own offsets). POST
 * /api/participants/:id/appointments and the CSV import book through here, in their own transactions, with the
 * participant already locked; `after` queues the reminders once that transaction has committed.
 */
export class BookAppointment {
  constructor(private readonly deps: AppointmentActionDeps) {}

  async write(tx: Tx, input: { staff: StaffIdentity; participant: ParticipantRow; booking: NewBooking }, now: Date): Promise<ScheduleResult> {
    if (input.booking.startsAt <= now) throw new AppointmentInPastError();
    return schedulerFor(tx, this.deps, input.staff, now).book(input.participant, input.booking);
  }

  async after(result: ScheduleResult): Promise<void> {
    await enqueueAppointmentJobs(this.deps, result);
  }
}
