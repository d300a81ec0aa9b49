import type { Logger } from 'pino';
import { caseloadOf, type StaffIdentity } from '../../domain/caseload.js';
import type { Clock } from '../../domain/time/clock.js';
import { AppointmentRepository } from '../../store/appointment.repository.js';
import type { Tx } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { AppointmentRow, ParticipantRow } from '../../store/schema.js';
import type { JobQueues } from '../../workers/queues.js';
import type { ScheduleResult, SchedulingContext } from './appointment-schedule.js';

/** What the appointment actions (book, reschedule, cancel, and the CSV import that uses them) need. */
export interface AppointmentActionDeps {
  clock: Clock;
  timeZone: string;
  programmeName: string;
  queues: Pick<JobQueues, 'enqueueReminders' | 'enqueueFollowUps' | 'removeReminderJobs' | 'enqueueSends'>;
  logger: Logger;
}

/** Absent, or outside the caller's caseload: the two are never told apart. */
export class AppointmentNotFoundError extends Error {
  constructor() {
    super('No such appointment in your caseload');
  }
}

export class AppointmentCancelledError extends Error {
  constructor() {
    super('This appointment was cancelled');
  }
}

export class AppointmentInPastError extends Error {
  constructor() {
    super('The appointment must be in the future');
  }
}

export function schedulingContext(deps: Pick<AppointmentActionDeps, 'timeZone' | 'programmeName'>, staff: StaffIdentity, now: Date): SchedulingContext {
  return { now, timeZone: deps.timeZone, programmeName: deps.programmeName, staffId: staff.id };
}

/** Locks the appointment (in the caller's caseload) and its participant. */
export async function lockAppointmentInCaseload(
  tx: Tx,
  staff: StaffIdentity,
  id: string,
): Promise<{ appointment: AppointmentRow; participant: ParticipantRow }> {
  const appointment = await new AppointmentRepository(tx).findInCaseload(id, caseloadOf(staff), true);
  const participant = appointment && (await new ParticipantRepository(tx).lockForUpdate(appointment.participant_id));
  if (!appointment || !participant) throw new AppointmentNotFoundError();
  return { appointment, participant };
}

/** After the commit: reminder jobs in, obsolete ones out, notices to the sender. Redis trouble loses nothing (the sweep). */
export async function enqueueAppointmentJobs(deps: AppointmentActionDeps, result: Omit<ScheduleResult, 'appointment'>): Promise<void> {
  const now = deps.clock.now();
  const scheduled = result.reminders
    .filter((r) => r.status === 'scheduled' && r.send_at)
    .map((r) => ({ id: r.id, jobId: r.job_id, sendAt: r.send_at as Date }));
  await Promise.all([
    deps.queues.enqueueReminders(scheduled, now),
    result.followUp?.next_at ? deps.queues.enqueueFollowUps([{ id: result.followUp.id, step: result.followUp.step, at: result.followUp.next_at }], now) : undefined,
    deps.queues.removeReminderJobs(result.obsoleteJobIds),
    deps.queues.enqueueSends(result.queuedMessageIds),
  ]).catch((error: unknown) => deps.logger.warn({ err: error }, 'scheduling jobs not enqueued; the sweep will add them'));
}
