import { planCheckIns } from '../domain/check-in-schedule.js';
import { sourceKeys } from '../domain/job-keys.js';
import { CaseRecordRepository } from '../store/case-record.repository.js';
import { CheckInRepository } from '../store/check-in.repository.js';
import type { Tx } from '../store/database.js';
import { JobStartRepository } from '../store/job-start.repository.js';
import type { CheckInRow, JobStartRow, ParticipantRow } from '../store/schema.js';
import { TeamPolicyRepository } from '../store/team-policy.repository.js';
import { stopCheckIns } from './end-job.action.js';

export interface JobStartInput {
  startDate: string;
  employer: string | null;
  hoursPerWeek: number | null;
}

export interface JobStartContext {
  now: Date;
  timeZone: string;
  staffId: string | null;
}

/**
 * A job start and its in-work check-ins, planned from the team policy at the moment it is recorded, in the caller's
 * transaction (the participant already locked). A job start recorded again replaces the earlier one's schedule.
 */
export async function startJob(
  tx: Tx,
  participant: ParticipantRow,
  input: JobStartInput,
  ctx: JobStartContext,
): Promise<{ job: JobStartRow; checkIns: CheckInRow[] }> {
  const { now, timeZone } = ctx;
  const { created: job, replaced } = await new JobStartRepository(tx).start({ participantId: participant.id, ...input, createdBy: ctx.staffId }, now);
  if (replaced) await stopCheckIns(tx, replaced.id, 'a new job start was recorded');
  const policy = await new TeamPolicyRepository(tx).get(participant.team);
  const checkIns = await new CheckInRepository(tx).savePlan(job.id, participant.id, planCheckIns({ startDate: input.startDate, policy, now, timeZone }));
  await new CaseRecordRepository(tx).append({
    participantId: participant.id,
    type: 'job.started',
    at: now,
    data: {
      jobStartId: job.id,
      startDate: job.start_date,
      employer: job.employer,
      hoursPerWeek: job.hours_per_week,
      recordedBy: ctx.staffId,
      checkInWeeks: checkIns.filter((c) => c.status === 'scheduled').map((c) => c.week),
    },
    sourceKey: sourceKeys.jobStarted(job.id),
  });
  return { job, checkIns };
}
