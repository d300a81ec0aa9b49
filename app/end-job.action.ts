import { sourceKeys } from '../domain/job-keys.js';
import { CaseRecordRepository } from '../store/case-record.repository.js';
import { CheckInRepository } from '../store/check-in.repository.js';
import type { Tx } from '../store/database.js';
import { JobStartRepository } from '../store/job-start.repository.js';
import { QuestionSessionRepository } from '../store/question-session.repository.js';

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

/** No check-in of this job is sent any more, and its open questions stop. */
export async function stopCheckIns(tx: Tx, jobStartId: string, reason: string): Promise<void> {
  await new CheckInRepository(tx).cancelScheduledForJob(jobStartId, reason);
  await new QuestionSessionRepository(tx).stopOpenForJob(jobStartId);
}
