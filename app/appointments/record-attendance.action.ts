import type { StaffIdentity } from '../../domain/caseload.js';
import { sourceKeys } from '../../domain/job-keys.js';
import { nextAllowedTime } from '../../domain/time/quiet-hours.js';
import { AppointmentRepository } from '../../store/appointment.repository.js';
import type { Db, Tx } from '../../store/database.js';
import { FollowUpRepository } from '../../store/follow-up.repository.js';
import type { AppointmentRow, ParticipantRow } from '../../store/schema.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import {
  type AppointmentActionDeps,
  AppointmentCancelledError,
  enqueueAppointmentJobs,
  lockAppointmentInCaseload,
  schedulingContext,
} from './appointment-changes.js';
import { appendAppointmentEvent, closeWaitingReminders, type ScheduleResult, type SchedulingContext } from './appointment-schedule.js';
import { applyWriteback } from '../conversation/apply-writeback.js';

export type AttendanceOutcome = 'attended' | 'did_not_attend';

/** POST /api/appointments/:id/attendance: whether they came; a did-not-attend starts the follow-up conversation. */
export class RecordAttendance {
  constructor(private readonly deps: AppointmentActionDeps) {}

  async execute(db: Db, input: { staff: StaffIdentity; appointmentId: string; outcome: AttendanceOutcome }): Promise<ScheduleResult> {
    const now = this.deps.clock.now();
    const result = await db.transaction().execute(async (tx) => {
      const { appointment, participant } = await lockAppointmentInCaseload(tx, input.staff, input.appointmentId);
      if (appointment.status === 'cancelled') throw new AppointmentCancelledError();
      return recordAttendance(tx, schedulingContext(this.deps, input.staff, now), appointment, participant, input.outcome);
    });
    await enqueueAppointmentJobs(this.deps, result);
    return result;
  }
}

/**
 * Attendance, in the caller's transaction. A did-not-attend starts the gentle follow-up (first message as soon as
 * quiet hours allow) and raises `dna_threshold` when the person's missed appointments in the team's window reach
 * its threshold. Any attendance ends follow-ups still running for earlier appointments.
 */
export async function recordAttendance(
  tx: Tx,
  ctx: SchedulingContext,
  before: AppointmentRow,
  participant: ParticipantRow,
  outcome: AttendanceOutcome,
): Promise<ScheduleResult> {
  const obsoleteJobIds = await closeWaitingReminders(tx, before.id, 'cancelled', 'attendance recorded');
  const appointment = await new AppointmentRepository(tx).setAttendance(before.id, outcome);
  await appendAppointmentEvent(
    tx,
    ctx,
    appointment,
    outcome === 'attended' ? 'appointment.attended' : 'appointment.did_not_attend',
    sourceKeys.attendance(appointment.id, outcome),
    { version: appointment.version, by: ctx.staffId },
  );
  const followUps = new FollowUpRepository(tx);
  await followUps.endActiveFor(participant.id, 'stopped', 'new attendance recorded', 'dna');
  if (outcome === 'attended') return { appointment, reminders: [], obsoleteJobIds, queuedMessageIds: [] };

  const policy = await new TeamPolicyRepository(tx).get(participant.team);
  const followUp = await followUps.start({
    kind: 'dna',
    participantId: participant.id,
    appointmentId: appointment.id,
    days: policy.dnaFollowUpDays,
    startedAt: ctx.now,
    nextAt: nextAllowedTime(ctx.now, policy, ctx.timeZone),
  });
  const since = new Date(ctx.now.getTime() - policy.dnaWindowDays * 24 * 3600_000);
  const missed = await new AppointmentRepository(tx).countDnasSince(participant.id, since);
  if (missed >= policy.dnaAlertThreshold) {
    await applyWriteback(tx, {
      participantId: participant.id,
      sourceKey: sourceKeys.appointmentDidNotAttend(appointment.id),
      at: ctx.now.toISOString(),
      events: [],
      alerts: [
        {
          type: 'dna_threshold',
          key: 'threshold',
          data: { appointmentId: appointment.id, missed, threshold: policy.dnaAlertThreshold, windowDays: policy.dnaWindowDays },
        },
      ],
      replies: [],
    });
  }
  return { appointment, reminders: [], obsoleteJobIds, queuedMessageIds: [], followUp };
}
