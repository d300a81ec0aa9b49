import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DeliverCaseRecordEvents } from '../app/crm-sink/deliver-case-record-events.action.js';
import { type JobQueues, QUEUE_NAMES, crmDeliveryJobSchema } from './queues.js';
import { lockOptions } from './worker-options.js';

/**
 * Delivers lanes of case-record events to the programme's CRM. A head the CRM did not accept gets a job of its own
 * for the retry (delayed until the database says it is due); if adding it fails, the sweep adds it.
 * Logs carry event ids and HTTP statuses only: never the secret, the URL or a payload.
 */
export function createCrmSinkWorker(
  deps: { connection: Redis; prefix: string; logger: Logger; queues: JobQueues; now: () => Date; concurrency: number; lockMs?: number },
  deliver: DeliverCaseRecordEvents,
): Worker {
  return new Worker(
    QUEUE_NAMES.crmSink,
    async (job) => {
      const { sinkId, participantId, eventId, attempts } = crmDeliveryJobSchema.parse(job.data);
      const outcome = await deliver.execute({ sinkId, participantId }, { eventId, attempts });
      if (outcome.kind === 'retry') {
        deps.logger.debug({ eventId: outcome.head.eventId, attempts: outcome.head.attempts, status: outcome.status, error: outcome.error }, 'CRM delivery not accepted; will retry');
        await deps.queues.enqueueCrmDeliveries([outcome.head], deps.now());
      }
      if (outcome.kind === 'more') await deps.queues.enqueueCrmDeliveries([outcome.head], deps.now());
      if (outcome.kind === 'parked') {
        deps.logger.warn({ eventId: outcome.eventId, status: outcome.status, error: outcome.error }, 'CRM delivery parked after 24 hours of retries');
      }
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency, ...lockOptions(deps.lockMs) },
  );
}
