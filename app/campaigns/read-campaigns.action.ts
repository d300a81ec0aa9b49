import type { StaffIdentity } from '../../domain/caseload.js';
import { CampaignRepository } from '../../store/campaign.repository.js';
import type { Db } from '../../store/database.js';
import type { CampaignRow } from '../../store/schema.js';
import { campaignInScope, campaignScope, withCounts, type CampaignWithCounts } from './campaign-access.js';

/**
 * What an in-work team reads of its campaigns: newest first with live counts, one, or one's responses. Reading
 * never writes: a campaign nobody is waiting in any more shows as completed (domain/campaigns/campaign-status.ts) and the
 * sweep records it so.
 */
export class ReadCampaigns {
  constructor(private readonly deps: { db: Db }) {}

  async list(staff: StaffIdentity): Promise<CampaignWithCounts[]> {
    const rows = await new CampaignRepository(this.deps.db).list(campaignScope(staff));
    const answer = [];
    for (const row of rows) answer.push(await withCounts(this.deps.db, row));
    return answer;
  }

  async one(staff: StaffIdentity, id: string): Promise<CampaignWithCounts> {
    return withCounts(this.deps.db, await campaignInScope(this.deps.db, staff, id));
  }

  async responses(staff: StaffIdentity, id: string): Promise<{ campaign: CampaignRow; responses: Awaited<ReturnType<CampaignRepository['responses']>> }> {
    const campaign = await campaignInScope(this.deps.db, staff, id);
    return { campaign, responses: await new CampaignRepository(this.deps.db).responses(campaign.id) };
  }
}
