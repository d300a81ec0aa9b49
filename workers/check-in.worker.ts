import { DelayedError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { FireCheckIn } from '../app/in-work/fire-check-in.action.js';
import { checkInJobSchema, QUEUE_NAMES } from './queues.js';
import { lockOptions } from './worker-options.js';

/** Fires due check-ins; one deferred (quiet hours, a conversation in progress, the cap) waits under the same job id. */
export function createCheckInWorker(
  deps: { connection: Redis; prefix: string; logger: Logger; concurrency?: number; lockMs?: number },
  fire: FireCheckIn,
  enqueueSends: (messageIds: string[]) => Promise<void>,
): Worker {
  return new Worker(
    QUEUE_NAMES.checkIn,
    async (job, token) => {
      const { checkInId } = checkInJobSchema.parse(job.data);
      const outcome = await fire.execute(checkInId);
      if (outcome.kind === 'sent') await enqueueSends(outcome.messageIds);
      if (outcome.kind === 'deferred') {
        await job.moveToDelayed(outcome.until.getTime(), token);
        throw new DelayedError();
      }
      if (outcome.kind === 'closed') deps.logger.debug({ checkInId, status: outcome.status, reason: outcome.reason }, 'check-in closed');
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency ?? 8, ...lockOptions(deps.lockMs) },
  );
}
