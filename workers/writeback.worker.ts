import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ApplyPendingWritebacks } from '../app/conversation/apply-pending-writebacks.action.js';
import { QUEUE_NAMES, writebackJobSchema } from './queues.js';
import { lockOptions } from './worker-options.js';

export function createWritebackWorker(
  deps: { connection: Redis; prefix: string; concurrency?: number; lockMs?: number },
  applyWriteback: ApplyPendingWritebacks,
): Worker {
  return new Worker(
    QUEUE_NAMES.writeback,
    async (job) => {
      const { writebackId } = writebackJobSchema.parse(job.data);
      await applyWriteback.execute(writebackId);
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency ?? 8, ...lockOptions(deps.lockMs) },
  );
}
