import { caseloadOf, type StaffIdentity } from '../../domain/caseload.js';
import type { Db } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { NotFoundError } from '../action-errors.js';
import { type AppointmentActionDeps, AppointmentInPastError, enqueueAppointmentJobs, schedulingContext } from './appointment-changes.js';
import type { ScheduleResult } from './appointment-schedule.js';
import { bookAppointments, type NewBooking } from './book-appointment.action.js';

/** POST /api/appointments/bulk: many bookings at once, all or none, the participants locked together. */
export class BookAppointments {
  constructor(private readonly deps: AppointmentActionDeps) {}

  /** `index` of a booking in the past is its place in the list, for the refusal. */
  async execute(db: Db, staff: StaffIdentity, bookings: ReadonlyArray<{ participantId: string; booking: NewBooking }>): Promise<ScheduleResult[]> {
    const now = this.deps.clock.now();
    const past = bookings.findIndex(({ booking }) => booking.startsAt <= now);
    if (past >= 0) throw new BookingInPastError(past);
    const results = await db.transaction().execute(async (tx) => {
      const ids = bookings.map((b) => b.participantId);
      const participants = new Map((await new ParticipantRepository(tx).lockManyInCaseload(ids, caseloadOf(staff))).map((p) => [p.id, p]));
      if (ids.some((id) => !participants.has(id))) throw new NotFoundError('A participant is not in your caseload');
      return bookAppointments(
        tx,
        schedulingContext(this.deps, staff, now),
        bookings.map(({ participantId, booking }) => ({ participant: participants.get(participantId) as ParticipantRow, input: booking })),
      );
    });
    await enqueueAppointmentJobs(this.deps, { reminders: results.flatMap((r) => r.reminders), obsoleteJobIds: [], queuedMessageIds: [] });
    return results;
  }
}

/** One of the bookings is not in the future. */
export class BookingInPastError extends AppointmentInPastError {
  constructor(readonly index: number) {
    super();
  }
}
