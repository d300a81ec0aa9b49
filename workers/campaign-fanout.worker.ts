import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { FanOutCampaign } from '../app/campaigns/fan-out-campaign.action.js';
import { campaignFanoutJobSchema, QUEUE_NAMES } from './queues.js';
import { lockOptions } from './worker-options.js';

/** Queues a campaign's message jobs off the request that created (or resumed) it. */
export function createCampaignFanoutWorker(deps: { connection: Redis; prefix: string; logger: Logger; lockMs?: number }, fanOut: FanOutCampaign): Worker {
  return new Worker(
    QUEUE_NAMES.campaignFanout,
    async (job) => {
      const { campaignId, epoch } = campaignFanoutJobSchema.parse(job.data);
      const jobs = await fanOut.execute(campaignId, epoch);
      deps.logger.debug({ campaignId, epoch, jobs }, 'campaign fanned out');
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: 2, ...lockOptions(deps.lockMs) },
  );
}
