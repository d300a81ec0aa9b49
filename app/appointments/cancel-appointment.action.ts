import type { StaffIdentity } from '../../domain/caseload.js';
import { sourceKeys } from '../../domain/job-keys.js';
import { appointmentCancelledMessage } from '../../domain/wording/reminder-wording.js';
import { AppointmentRepository } from '../../store/appointment.repository.js';
import type { Db, Tx } from '../../store/database.js';
import type { AppointmentRow, ParticipantRow } from '../../store/schema.js';
import { type AppointmentActionDeps, AppointmentCancelledError, enqueueAppointmentJobs, lockAppointmentInCaseload, schedulingContext } from './appointment-changes.js';
import {
  appendAppointmentEvent,
  closeWaitingReminders,
  type ScheduleResult,
  type SchedulingContext,
  tellOfChange,
} from './appointment-schedule.js';

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
    return cancelAppointment(tx, schedulingContext(this.deps, input.staff, now), input.appointment, input.participant, input.reason);
  }

  async after(result: ScheduleResult): Promise<void> {
    await enqueueAppointmentJobs(this.deps, result);
  }
}

/** Cancels in the caller's transaction: waiting reminders close, and a future appointment's participant is told. */
export async function cancelAppointment(tx: Tx, ctx: SchedulingContext, before: AppointmentRow, participant: ParticipantRow, reason: string | null): Promise<ScheduleResult> {
  const obsoleteJobIds = await closeWaitingReminders(tx, before.id, 'cancelled', 'appointment cancelled');
  const appointment = await new AppointmentRepository(tx).cancel(before.id, reason);
  await appendAppointmentEvent(tx, ctx, appointment, 'appointment.cancelled', sourceKeys.appointmentCancelled(appointment.id), {
    version: appointment.version,
    reason,
    by: ctx.staffId,
  });
  const queuedMessageIds = await tellOfChange(tx, ctx, appointment, participant, sourceKeys.appointmentCancelled(appointment.id), appointmentCancelledMessage);
  return { appointment, reminders: [], obsoleteJobIds, queuedMessageIds };
}
