import type { StaffIdentity } from '../../domain/caseload.js';
import { sourceKeys } from '../../domain/job-keys.js';
import { appointmentChangedMessage } from '../../domain/wording/reminder-wording.js';
import { AppointmentRepository, type AppointmentChanges } from '../../store/appointment.repository.js';
import type { Db, Tx } from '../../store/database.js';
import type { AppointmentRow, ParticipantRow } from '../../store/schema.js';
import {
  type AppointmentActionDeps,
  AppointmentCancelledError,
  AppointmentInPastError,
  enqueueAppointmentJobs,
  lockAppointmentInCaseload,
  schedulingContext,
} from './appointment-changes.js';
import {
  appendAppointmentEvent,
  closeWaitingReminders,
  saveReminderPlan,
  type ScheduleResult,
  type SchedulingContext,
  tellOfChange,
} from './appointment-schedule.js';

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
    return rescheduleAppointment(tx, schedulingContext(this.deps, input.staff, now), input.appointment, input.participant, input.changes);
  }

  async after(result: ScheduleResult): Promise<void> {
    await enqueueAppointmentJobs(this.deps, result);
  }
}

/** The next version in the caller's transaction: its reminders replace the waiting ones, and a future one is told. */
export async function rescheduleAppointment(
  tx: Tx,
  ctx: SchedulingContext,
  before: AppointmentRow,
  participant: ParticipantRow,
  changes: AppointmentChanges,
): Promise<ScheduleResult> {
  const obsoleteJobIds = await closeWaitingReminders(tx, before.id, 'superseded', `version ${before.version + 1}`);
  const appointment = await new AppointmentRepository(tx).reschedule(before.id, changes);
  const reminders = await saveReminderPlan(tx, ctx, appointment, participant);
  await appendAppointmentEvent(tx, ctx, appointment, 'appointment.rescheduled', sourceKeys.appointmentRescheduled(appointment.id, appointment.version), {
    version: appointment.version,
    from: { startsAt: before.starts_at.toISOString(), location: before.location, title: before.title },
    to: { startsAt: appointment.starts_at.toISOString(), location: appointment.location, title: appointment.title },
    by: ctx.staffId,
  });
  const queuedMessageIds = await tellOfChange(tx, ctx, appointment, participant, sourceKeys.appointmentChangedText(appointment.id, appointment.version), appointmentChangedMessage);
  return { appointment, reminders, obsoleteJobIds, queuedMessageIds };
}
