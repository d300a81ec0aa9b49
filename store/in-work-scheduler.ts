import { planCheckIns } from '../domain/check-in-schedule.js';
import { CaseRecordRepository } from './case-record.repository.js';
import { CheckInRepository } from './check-in.repository.js';
import type { Tx } from './database.js';
import { JobStartRepository } from './job-start.repository.js';
import { QuestionSessionRepository } from './question-session.repository.js';
import type { CheckInRow, JobStartRow, ParticipantRow } from './schema.js';
import { TeamPolicyRepository } from './team-policy.repository.js';
import { sourceKeys } from '../domain/job-keys.js';

export interface JobStartInput {
  startDate: string;
  employer: string | null;
  hoursPerWeek: number | null;
}

/**
 * Starting and ending a job's in-work schedule, inside the caller's transaction (the participant already locked).
 * Check-ins are planned from the team policy at the moment the job start is recorded.
 */
export class InWorkScheduler {
  constructor(
    private readonly tx: Tx,
    private readonly options: { now: Date; timeZone: string; staffId: string | null },
  ) {}

  async startJob(participant: ParticipantRow, input: JobStartInput): Promise<{ job: JobStartRow; checkIns: CheckInRow[] }> {
    const { now, timeZone } = this.options;
    const { created: job, replaced } = await new JobStartRepository(this.tx).start(
      { participantId: participant.id, ...input, createdBy: this.options.staffId },
      now,
    );
    if (replaced) await this.stopSchedule(replaced.id, 'a new job start was recorded');
    const policy = await new TeamPolicyRepository(this.tx).get(participant.team);
    const checkIns = await new CheckInRepository(this.tx).savePlan(job.id, participant.id, planCheckIns({ startDate: input.startDate, policy, now, timeZone }));
    await new CaseRecordRepository(this.tx).append({
      participantId: participant.id,
      type: 'job.started',
      at: now,
      data: {
        jobStartId: job.id,
        startDate: job.start_date,
        employer: job.employer,
        hoursPerWeek: job.hours_per_week,
        recordedBy: this.options.staffId,
        checkInWeeks: checkIns.filter((c) => c.status === 'scheduled').map((c) => c.week),
      },
      sourceKey: sourceKeys.jobStarted(job.id),
    });
    return { job, checkIns };
  }

  /** They have left (they told us, or staff did): the job ends and no more check-ins go. False if it had ended already. */
  async endJob(participantId: string, jobStartId: string, reason: string, words: string | null): Promise<boolean> {
    const ended = await new JobStartRepository(this.tx).markLeft(jobStartId, this.options.now, reason);
    if (!ended) return false;
    await this.stopSchedule(jobStartId, reason);
    await new CaseRecordRepository(this.tx).append({
      participantId,
      type: 'job.left',
      at: this.options.now,
      data: { jobStartId, reason, words },
      sourceKey: sourceKeys.jobLeft(jobStartId),
    });
    return true;
  }

  private async stopSchedule(jobStartId: string, reason: string): Promise<void> {
    await new CheckInRepository(this.tx).cancelScheduledForJob(jobStartId, reason);
    await new QuestionSessionRepository(this.tx).stopOpenForJob(jobStartId);
  }
}
