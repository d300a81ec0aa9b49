import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { JobQueues } from './queues.js';
import { QUEUE_NAMES } from './queues.js';
import type { RaiseStalledReferrals } from '../app/alerts/raise-stalled-referrals.action.js';
import type { Sweep } from '../app/operations/sweep.action.js';

const SCHEDULER_ID = 'sweep';

/**
 * The sweep runs from a BullMQ job scheduler, so one worker at a time sweeps. A Redis flush drops the scheduler
 * too, so every workers process re-upserts it on a timer of its own (an upsert of the same id is a no-op).
 */
export function startSweep(
  deps: { connection: Redis; prefix: string; logger: Logger; queues: JobQueues; intervalMs: number },
  sweep: Sweep,
  referralCheck: RaiseStalledReferrals,
  retention: () => Promise<number>,
): { worker: Worker; stop: () => Promise<void> } {
  const worker = new Worker(
    QUEUE_NAMES.sweep,
    async () => {
      const report = await sweep.execute();
      const stalled = await referralCheck.execute();
      if (stalled > 0) deps.logger.info({ stalled }, 'referrals with no first appointment flagged');
      const cleared = await retention();
      if (cleared > 0) deps.logger.info({ cleared }, 'message bodies and words past retention cleared');
      // Reminders are re-added every sweep by design (no-ops when their jobs exist), so they are not news.
      if (report.turns + report.writebacks + report.sends + report.unconfirmed + report.cutSendsFound + report.cutSendsResent + report.cutSendLookupsFailed > 0) {
        deps.logger.info(report, 'sweep re-enqueued pending work');
      }
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: 1 },
  );
  const ensureScheduler = () =>
    deps.queues.sweep
      .upsertJobScheduler(SCHEDULER_ID, { every: deps.intervalMs }, { name: 'sweep', opts: { removeOnComplete: true, removeOnFail: true } })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not schedule the sweep; will try again'));
  void ensureScheduler();
  const timer = setInterval(() => void ensureScheduler(), deps.intervalMs);
  timer.unref();
  return {
    worker,
    stop: async () => {
      clearInterval(timer);
      await worker.close();
    },
  };
}
