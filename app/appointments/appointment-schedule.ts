import type { EventType, JsonObject } from '../../domain/case-record/case-record.types.js';
import { planReminders } from '../../domain/appointments/reminder-schedule.js';
import type { ReminderPolicy } from '../../domain/appointments/appointment.types.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Tx } from '../../store/database.js';
import { ReminderRepository } from '../../store/reminder.repository.js';
import type { AppointmentRow, FollowUpRow, ParticipantRow, ReminderRow } from '../../store/schema.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import { applyWriteback } from '../conversation/apply-writeback.js';

/** Who changes an appointment, and when and where: what every appointment write needs besides the rows. */
export interface SchedulingContext {
  now: Date;
  timeZone: string;
  programmeName: string;
  staffId: string;
}

/** What the caller does after the commit: add these reminder jobs, send these messages. */
export interface ScheduleResult {
  appointment: AppointmentRow;
  reminders: ReminderRow[];
  /** Jobs of earlier versions that will never fire now (removing them only saves Redis memory). */
  obsoleteJobIds: string[];
  queuedMessageIds: string[];
  /** A did-not-attend follow-up just started: its first step's job is the caller's to add. */
  followUp?: FollowUpRow;
}

/*
 * Every change to an appointment is a new version whose reminders get new job ids (`appt-{id}-v{version}-{offset}`);
 * older reminders are closed in the database, and the firing job re-checks the version anyway, so no reminder of an
 * old version is ever sent. These are the writes the book, reschedule, cancel and attendance actions share, inside
 * the caller's transaction.
 */

/** Plans the appointment's reminders from its own offsets or the team's policy, and saves them. */
export async function saveReminderPlan(tx: Tx, ctx: SchedulingContext, appointment: AppointmentRow, participant: ParticipantRow): Promise<ReminderRow[]> {
  const policy = await new TeamPolicyRepository(tx).get(participant.team);
  return new ReminderRepository(tx).savePlan(appointment.id, participant.id, appointment.version, reminderPlan(ctx, appointment, policy));
}

export function reminderPlan(ctx: SchedulingContext, appointment: Pick<AppointmentRow, 'starts_at' | 'reminder_offsets'>, policy: ReminderPolicy) {
  return planReminders({
    startsAt: appointment.starts_at,
    offsets: appointment.reminder_offsets ?? policy.defaultOffsets,
    policy,
    now: ctx.now,
    timeZone: ctx.timeZone,
  });
}

/** Closes the reminders still waiting and returns their job ids. */
export async function closeWaitingReminders(tx: Tx, appointmentId: string, status: 'superseded' | 'cancelled', reason: string): Promise<string[]> {
  const reminders = new ReminderRepository(tx);
  const waiting = (await reminders.listForAppointment(appointmentId)).filter((r) => r.status === 'scheduled');
  await reminders.closeScheduled(appointmentId, status, reason);
  return waiting.map((r) => r.job_id);
}

export async function appendAppointmentEvent(
  tx: Tx,
  ctx: SchedulingContext,
  appointment: AppointmentRow,
  type: EventType,
  sourceKey: string,
  data: JsonObject,
): Promise<void> {
  await new CaseRecordRepository(tx).append({
    participantId: appointment.participant_id,
    type,
    at: ctx.now,
    appointmentId: appointment.id,
    data,
    sourceKey,
  });
}

/** Queues a notice to the participant (suppressed if they opted out); returns the ids to hand to the sender. */
export async function tellParticipant(tx: Tx, ctx: SchedulingContext, participant: ParticipantRow, sourceKey: string, text: string): Promise<string[]> {
  const { queuedMessageIds } = await applyWriteback(tx, {
    participantId: participant.id,
    sourceKey,
    at: ctx.now.toISOString(),
    events: [],
    alerts: [],
    replies: [{ kind: 'notice', text }],
  });
  return queuedMessageIds;
}

/** Tells the participant of a change to an appointment still ahead of them (nobody is told about the past). */
export async function tellOfChange(
  tx: Tx,
  ctx: SchedulingContext,
  appointment: AppointmentRow,
  participant: ParticipantRow,
  sourceKey: string,
  message: (wording: Awaited<ReturnType<typeof noticeWording>>, appointment: ReturnType<typeof appointmentView>) => string,
): Promise<string[]> {
  if (appointment.starts_at <= ctx.now) return [];
  return tellParticipant(tx, ctx, participant, sourceKey, message(await noticeWording(tx, ctx, participant), appointmentView(appointment)));
}

/** Whom a notice is for and from, for the wording functions. */
export async function noticeWording(tx: Tx, ctx: SchedulingContext, participant: ParticipantRow) {
  const keyWorker = participant.key_worker_id ? await new StaffRepository(tx).findById(participant.key_worker_id) : undefined;
  return {
    firstName: participant.first_name ?? '',
    keyWorkerName: keyWorker?.name ?? null,
    programmeName: ctx.programmeName,
    language: participant.language,
    timeZone: ctx.timeZone,
  };
}

export function appointmentCreatedData(
  appointment: Pick<AppointmentRow, 'title' | 'starts_at' | 'location' | 'mandatory' | 'version'>,
  staffId: string,
): JsonObject {
  return {
    title: appointment.title,
    startsAt: appointment.starts_at.toISOString(),
    location: appointment.location,
    mandatory: appointment.mandatory,
    version: appointment.version,
    by: staffId,
  };
}

/** The appointment as the wording functions show it. */
export function appointmentView(appointment: AppointmentRow) {
  return {
    title: appointment.title,
    location: appointment.location,
    startsAt: appointment.starts_at,
    mandatory: appointment.mandatory,
  };
}
