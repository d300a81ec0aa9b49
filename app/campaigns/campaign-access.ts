import type { StaffIdentity } from '../../domain/caseload.js';
import { CampaignRepository, type CampaignCounts, type CampaignScope } from '../../store/campaign.repository.js';
import type { Executor } from '../../store/database.js';
import type { CampaignRow } from '../../store/schema.js';
import { NotFoundError } from '../action-errors.js';

/** A campaign with its live counts: what every campaign action answers with. */
export interface CampaignWithCounts {
  campaign: CampaignRow;
  counts: CampaignCounts;
}

/** Admins see every campaign; an in-work team its own team's. */
export function campaignScope(staff: StaffIdentity): CampaignScope {
  return staff.role === 'admin' ? { kind: 'all' } : { kind: 'team', team: staff.team };
}

/** The campaign if the caller's team may see it; otherwise absent, the same as not there. */
export async function campaignInScope(db: Executor, staff: StaffIdentity, id: string): Promise<CampaignRow> {
  const row = await new CampaignRepository(db).find(id, campaignScope(staff));
  if (!row) throw new NotFoundError('No such campaign for your team');
  return row;
}

export async function withCounts(db: Executor, campaign: CampaignRow): Promise<CampaignWithCounts> {
  return { campaign, counts: await new CampaignRepository(db).counts(campaign.id) };
}
