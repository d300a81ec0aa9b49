import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { QUEUE_NAMES, turnJobSchema } from './queues.js';
import type { RunInboundTurn } from './run-inbound-turn.use-case.js';
import { lockOptions } from './worker-options.js';

export function createTurnWorker(
  deps: { connection: Redis; prefix: string; logger: Logger; concurrency?: number; lockMs?: number },
  runTurn: RunInboundTurn,
  onWriteback: (writebackId: string) => Promise<void>,
): Worker {
  return new Worker(
    QUEUE_NAMES.turn,
    async (job) => {
      const { messageId } = turnJobSchema.parse(job.data);
      const outcome = await runTurn.execute(messageId);
      if (outcome.kind === 'done') for (const id of outcome.writebackIds) await onWriteback(id);
      else deps.logger.debug({ messageId, reason: outcome.reason }, 'turn skipped');
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency ?? 8, ...lockOptions(deps.lockMs) },
  );
}
