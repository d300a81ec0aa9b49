import { DelayedError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { FireCampaignMessage } from '../app/campaigns/fire-campaign-message.action.js';
import { campaignJobSchema, QUEUE_NAMES } from './queues.js';
import { lockOptions } from './worker-options.js';

/** Sends one campaign message at its slot; someone moved to the end of the plan waits under the same job id. */
export function createCampaignWorker(
  deps: { connection: Redis; prefix: string; logger: Logger; concurrency?: number; lockMs?: number },
  fire: FireCampaignMessage,
  enqueueSends: (messageIds: string[]) => Promise<void>,
): Worker {
  return new Worker(
    QUEUE_NAMES.campaign,
    async (job, token) => {
      const { campaignId, participantId, epoch } = campaignJobSchema.parse(job.data);
      const outcome = await fire.execute(campaignId, participantId, epoch);
      if (outcome.kind === 'sent') await enqueueSends(outcome.messageIds);
      if (outcome.kind === 'deferred') {
        await job.moveToDelayed(outcome.until.getTime(), token);
        throw new DelayedError();
      }
      if (outcome.kind === 'closed') deps.logger.debug({ campaignId, reason: outcome.reason }, 'campaign message closed');
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency ?? 8, ...lockOptions(deps.lockMs) },
  );
}
