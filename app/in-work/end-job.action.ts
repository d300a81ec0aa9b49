import type { StaffIdentity } from '../../domain/caseload.js';
import { sourceKeys } from '../../domain/job-keys.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import { CheckInRepository } from '../../store/check-in.repository.js';
import type { Tx } from '../../store/database.js';
import { JobStartRepository } from '../../store/job-start.repository.js';
import { NotFoundError } from '../action-errors.js';
import { participantInCaseload } from '../participant-in-caseload.js';
import { stopCheckIns, type InWorkDeps, type JobWithCheckIns } from './in-work-schedule.js';

/** POST /api/participants/:id/job-end: staff record that they have left; no more in-work check-ins. */
export class EndJob {
  constructor(private readonly deps: InWorkDeps) {}

  async execute(staff: StaffIdentity, participantId: string, reason: string | null): Promise<JobWithCheckIns> {
    const { db, clock, queues } = this.deps;
    const now = clock.now();
    const ended = await db.transaction().execute(async (tx) => {
      const participant = await participantInCaseload(tx, staff, participantId, { lock: true });
      const jobs = new JobStartRepository(tx);
      const active = await jobs.findActive(participant.id);
      if (!active) throw new NotFoundError('They have no current job');
      await endJob(tx, { participantId: participant.id, jobStartId: active.id, reason: reason ?? 'recorded by staff', words: null, now });
      return { job: (await jobs.findById(active.id)) ?? active, checkIns: await new CheckInRepository(tx).listForJob(active.id) };
    });
    await queues.removeCheckInJobs(ended.checkIns.map((c) => c.id)).catch(() => undefined);
    return ended;
  }
}

export interface JobEnd {
  participantId: string;
  jobStartId: string;
  reason: string;
  /** What they said, when they told us themselves. */
  words: string | null;
  now: Date;
}

/**
 * They have left (they told us, or staff did): the job ends and no more check-ins go, in the caller's transaction
 * with the participant locked. False if it had ended already.
 */
export async function endJob(tx: Tx, end: JobEnd): Promise<boolean> {
  const ended = await new JobStartRepository(tx).markLeft(end.jobStartId, end.now, end.reason);
  if (!ended) return false;
  await stopCheckIns(tx, end.jobStartId, end.reason);
  await new CaseRecordRepository(tx).append({
    participantId: end.participantId,
    type: 'job.left',
    at: end.now,
    data: { jobStartId: end.jobStartId, reason: end.reason, words: end.words },
    sourceKey: sourceKeys.jobLeft(end.jobStartId),
  });
  return true;
}
