import type { Logger } from 'pino';
import type { Clock } from '../../domain/time/clock.js';
import { CheckInRepository } from '../../store/check-in.repository.js';
import type { Db, Tx } from '../../store/database.js';
import { QuestionSessionRepository } from '../../store/question-session.repository.js';
import type { CheckInRow, JobStartRow } from '../../store/schema.js';
import type { JobQueues } from '../../workers/queues.js';

/** What starting and ending a job need. */
export interface InWorkDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  queues: Pick<JobQueues, 'enqueueCheckIns' | 'removeCheckInJobs'>;
  logger: Logger;
}

export interface JobWithCheckIns {
  job: JobStartRow;
  checkIns: CheckInRow[];
}

/** No check-in of this job is sent any more, and its open questions stop. */
export async function stopCheckIns(tx: Tx, jobStartId: string, reason: string): Promise<void> {
  await new CheckInRepository(tx).cancelScheduledForJob(jobStartId, reason);
  await new QuestionSessionRepository(tx).stopOpenForJob(jobStartId);
}
