import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { QUEUE_NAMES, sendJobSchema } from './queues.js';
import type { SendOutboundMessage } from './send-outbound.use-case.js';
import { lockOptions } from './worker-options.js';

/** Sends have a queue of their own, so its rate limit (global across workers) slows nothing else. */
export function createOutboundWorker(
  deps: { connection: Redis; prefix: string; logger: Logger; ratePerSecond: number; concurrency?: number; lockMs?: number },
  send: SendOutboundMessage,
): Worker {
  return new Worker(
    QUEUE_NAMES.outbound,
    async (job) => {
      const { messageId } = sendJobSchema.parse(job.data);
      const outcome = await send.execute(messageId);
      if (outcome.kind === 'failed') {
        deps.logger.warn({ messageId, kind: outcome.failure.kind, code: outcome.failure.code }, 'send failed');
      }
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency ?? 10,
      ...lockOptions(deps.lockMs),
      limiter: { max: deps.ratePerSecond, duration: 1000 },
    },
  );
}
