import { CampaignRepository } from '../../store/campaign.repository.js';
import type { Db } from '../../store/database.js';
import type { JobQueues } from '../../workers/queues.js';

/**
 * Adds the message jobs of one plan of a campaign: every recipient still waiting, at their slot. Running it again
 * adds nothing new (the jobs' ids are fixed), so a crash part-way is mended by running it again or by the sweep.
 */
export class FanOutCampaign {
  constructor(private readonly deps: { db: Db; queues: JobQueues; now: () => Date }) {}

  async execute(campaignId: string, epoch: number): Promise<number> {
    const pending = (await new CampaignRepository(this.deps.db).listPending(campaignId)).filter((r) => r.epoch === epoch);
    await this.deps.queues.enqueueCampaignMessages(
      pending.map((r) => ({ campaignId, participantId: r.participantId, epoch, dueAt: r.dueAt })),
      this.deps.now(),
    );
    return pending.length;
  }
}
