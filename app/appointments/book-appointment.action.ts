import { randomUUID } from 'node:crypto';
import type { ReminderPolicy } from '../../domain/appointments/appointment.types.js';
import type { StaffIdentity } from '../../domain/caseload.js';
import { sourceKeys } from '../../domain/job-keys.js';
import { AppointmentRepository, type NewAppointment } from '../../store/appointment.repository.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db, Tx } from '../../store/database.js';
import { ReminderRepository } from '../../store/reminder.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import { type AppointmentActionDeps, AppointmentInPastError, enqueueAppointmentJobs, schedulingContext } from './appointment-changes.js';
import {
  appendAppointmentEvent,
  appointmentCreatedData,
  reminderPlan,
  saveReminderPlan,
  type ScheduleResult,
  type SchedulingContext,
} from './appointment-schedule.js';
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
  const appointment = await new AppointmentRepository(tx).create({ ...booking, participantId: participant.id, createdBy: ctx.staffId });
  const reminders = await saveReminderPlan(tx, ctx, appointment, participant);
  await appendAppointmentEvent(tx, ctx, appointment, 'appointment.created', sourceKeys.appointmentCreated(appointment.id), appointmentCreatedData(appointment, ctx.staffId));
  return { appointment, reminders, obsoleteJobIds: [], queuedMessageIds: [] };
}

/**
 * Many bookings in a handful of statements (an import from a CRM, a clinic's whole week): the same rows, plans
 * and events as `bookAppointment`, written together. The caller has locked the participants.
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
  const appointments = await new AppointmentRepository(tx).createMany(
    bookings.map(({ participant, input }) => ({ ...input, id: randomUUID(), participantId: participant.id, createdBy: ctx.staffId })),
  );
  const teamOf = new Map(bookings.map(({ participant }) => [participant.id, participant.team ?? '']));
  const reminders = await new ReminderRepository(tx).savePlans(
    appointments.map((appointment) => ({
      appointmentId: appointment.id,
      participantId: appointment.participant_id,
      version: appointment.version,
      plan: reminderPlan(ctx, appointment, policies.get(teamOf.get(appointment.participant_id) ?? '') as ReminderPolicy),
    })),
  );
  await new CaseRecordRepository(tx).appendMany(
    appointments.map((appointment) => ({
      participantId: appointment.participant_id,
      type: 'appointment.created' as const,
      at: ctx.now,
      appointmentId: appointment.id,
      data: appointmentCreatedData(appointment, ctx.staffId),
      sourceKey: sourceKeys.appointmentCreated(appointment.id),
    })),
  );
  const byAppointment = Map.groupBy(reminders, (r) => r.appointment_id);
  return appointments.map((appointment) => ({
    appointment,
    reminders: byAppointment.get(appointment.id) ?? [],
    obsoleteJobIds: [],
    queuedMessageIds: [],
  }));
}
