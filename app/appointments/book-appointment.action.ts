import { randomUUID } from 'node:crypto';
import type { ReminderPolicy } from '../../domain/appointments/appointment.types.js';
import type { StaffIdentity } from '../../domain/caseload.js';
import { sourceKeys } from '../../domain/job-keys.js';
import { AppointmentBookingRepository, type NewBookingRows } from '../../store/appointment-booking.repository.js';
import type { NewAppointment } from '../../store/appointment.repository.js';
import type { Db, Tx } from '../../store/database.js';
import { reminderRow } from '../../store/reminder.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import { type AppointmentActionDeps, AppointmentInPastError, enqueueAppointmentJobs, schedulingContext } from './appointment-changes.js';
import { appointmentCreatedData, reminderPlan, type ScheduleResult, type SchedulingContext } from './appointment-schedule.js';
import { participantInCaseload } from '../participant-in-caseload.js';

export type NewBooking = Omit<NewAppointment, 'participantId' | 'createdBy'>;

/**
 * A new appointment with its reminders (the team's policy, or its own offsets). POST
 * /api/participants/:id/appointments and the CSV import book through here, in their own transactions, with the
 * participant already locked; `after` queues the reminders once that transaction has committed.
 */
export class BookAppointment {
  constructor(private readonly deps: AppointmentActionDeps) {}

  async execute(db: Db, input: { staff: StaffIdentity; participantId: string; booking: NewBooking }): Promise<ScheduleResult> {
    const now = this.deps.clock.now();
    if (input.booking.startsAt <= now) throw new AppointmentInPastError();
    const result = await db.transaction().execute(async (tx) => {
      const participant = await participantInCaseload(tx, input.staff, input.participantId, { lock: true });
      return this.write(tx, { staff: input.staff, participant, booking: input.booking }, now);
    });
    await this.after(result);
    return result;
  }

  async write(tx: Tx, input: { staff: StaffIdentity; participant: ParticipantRow; booking: NewBooking }, now: Date): Promise<ScheduleResult> {
    if (input.booking.startsAt <= now) throw new AppointmentInPastError();
    return bookAppointment(tx, schedulingContext(this.deps, input.staff, now), input.participant, input.booking);
  }

  async after(result: ScheduleResult): Promise<void> {
    await enqueueAppointmentJobs(this.deps, result);
  }
}

/** One booking in the caller's transaction: the appointment, its reminders and `appointment.created`. */
export async function bookAppointment(tx: Tx, ctx: SchedulingContext, participant: ParticipantRow, booking: NewBooking): Promise<ScheduleResult> {
  const [result] = await bookAppointments(tx, ctx, [{ participant, input: booking }]);
  if (!result) throw new Error('booking returned nothing');
  return result;
}

/**
 * Many bookings in a handful of statements (an import from a CRM, a clinic's whole week): each team's policy
 * read once, every plan made before anything is written, then the appointments (version 1), their reminders and
 * their `appointment.created` events in one statement. The caller has locked the participants.
 */
export async function bookAppointments(
  tx: Tx,
  ctx: SchedulingContext,
  bookings: ReadonlyArray<{ participant: ParticipantRow; input: NewBooking }>,
): Promise<ScheduleResult[]> {
  const policies = new Map<string, ReminderPolicy>();
  for (const { participant } of bookings) {
    const key = participant.team ?? '';
    if (!policies.has(key)) policies.set(key, await new TeamPolicyRepository(tx).get(participant.team));
  }
  const rows = bookings.map(({ participant, input }): NewBookingRows => {
    const appointment = { ...input, id: randomUUID(), participantId: participant.id, createdBy: ctx.staffId };
    const version = 1;
    const planned = { title: input.title, location: input.location ?? null, starts_at: input.startsAt, mandatory: input.mandatory, version, reminder_offsets: input.reminderOffsets };
    const plan = reminderPlan(ctx, planned, policies.get(participant.team ?? '') as ReminderPolicy);
    return {
      appointment,
      reminders: plan.map((p) => ({ ...reminderRow(appointment.id, participant.id, version, p), id: randomUUID(), message_id: null, sent_at: null })),
      event: {
        participantId: participant.id,
        type: 'appointment.created',
        at: ctx.now,
        appointmentId: appointment.id,
        data: appointmentCreatedData(planned, ctx.staffId),
        sourceKey: sourceKeys.appointmentCreated(appointment.id),
      },
    };
  });
  const appointments = await new AppointmentBookingRepository(tx).insertMany(rows);
  return appointments.map((appointment, i) => ({
    appointment,
    reminders: [...(rows[i] as NewBookingRows).reminders],
    obsoleteJobIds: [],
    queuedMessageIds: [],
  }));
}
