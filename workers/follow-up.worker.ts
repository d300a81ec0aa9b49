import { DelayedError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { FireFollowUp } from '../app/appointments/fire-follow-up.action.js';
import { type JobQueues, QUEUE_NAMES, followUpJobSchema } from './queues.js';
import { lockOptions } from './worker-options.js';

/** Runs follow-up steps; each step adds the next as a job of its own id. */
export function createFollowUpWorker(
  deps: { connection: Redis; prefix: string; logger: Logger; queues: JobQueues; now: () => Date; concurrency?: number; lockMs?: number },
  fire: FireFollowUp,
): Worker {
  return new Worker(
    QUEUE_NAMES.followUp,
    async (job, token) => {
      const { followUpId, step } = followUpJobSchema.parse(job.data);
      const outcome = await fire.execute(followUpId, step);
      if (outcome.kind === 'deferred') {
        await job.moveToDelayed(outcome.until.getTime(), token);
        throw new DelayedError();
      }
      if (outcome.kind === 'sent') {
        await deps.queues.enqueueSends(outcome.messageIds);
        if (outcome.next) await deps.queues.enqueueFollowUps([{ id: followUpId, ...outcome.next }], deps.now());
      }
      if (outcome.kind === 'closed') deps.logger.debug({ followUpId, step, reason: outcome.reason }, 'follow-up step closed');
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency ?? 8, ...lockOptions(deps.lockMs) },
  );
}
