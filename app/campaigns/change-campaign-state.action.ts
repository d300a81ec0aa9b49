import { paceSlots } from '../../domain/campaigns/campaign-pacing.js';
import { CAMPAIGN_CHANGE_FROM, campaignStatus, type CampaignChange } from '../../domain/campaigns/campaign-status.js';
import type { StaffIdentity } from '../../domain/caseload.js';
import { CampaignRepository } from '../../store/campaign.repository.js';
import type { Tx } from '../../store/database.js';
import type { CampaignRow } from '../../store/schema.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import { ConflictError, NotFoundError } from '../action-errors.js';
import { campaignInScope, withCounts, type CampaignWithCounts } from './campaign-access.js';
import { fanOutCampaign, type CampaignDeps } from './start-campaign.action.js';

/**
 * Pause (nothing more goes until resumed), resume (whoever is still waiting gets a new slot from now) or cancel
 * (nobody still waiting gets it), under the campaign's row lock. A change its present status does not allow is a
 * conflict, judged by the status staff see (a campaign nobody is waiting in is completed).
 */
export class ChangeCampaignState {
  constructor(private readonly deps: CampaignDeps) {}

  async execute(staff: StaffIdentity, campaignId: string, change: CampaignChange): Promise<CampaignWithCounts> {
    const { db, clock } = this.deps;
    const { id } = await campaignInScope(db, staff, campaignId);
    const now = clock.now();
    const updated = await db.transaction().execute(async (tx) => {
      const campaigns = new CampaignRepository(tx);
      const row = await campaigns.lock(id);
      if (!row) throw new NotFoundError('No such campaign for your team');
      const status = campaignStatus({ status: row.status, startAt: row.start_at }, await campaigns.counts(id), now);
      if (!CAMPAIGN_CHANGE_FROM[change].includes(status)) throw new ConflictError(`A ${status} campaign cannot ${change}`);
      if (change === 'pause') return campaigns.setStatus(id, 'paused', now);
      if (change === 'cancel') {
        await campaigns.cancelPending(id);
        return campaigns.setStatus(id, 'cancelled', now);
      }
      return this.resume(tx, row, now);
    });
    if (change === 'resume') await fanOutCampaign(this.deps, updated.id, updated.epoch);
    return withCounts(db, updated);
  }

  /** Whoever is still waiting gets a new slot from now on, one interval after the last message sent. */
  private async resume(tx: Tx, row: CampaignRow, now: Date): Promise<CampaignRow> {
    const campaigns = new CampaignRepository(tx);
    const epoch = row.epoch + 1;
    const pending = await campaigns.listPending(row.id);
    const policy = await new TeamPolicyRepository(tx).get(row.team);
    const lastSent = await campaigns.lastSentAt(row.id);
    const from = row.start_at > now ? row.start_at : now;
    const slots = paceSlots({ from, ...(lastSent && { after: lastSent }), count: pending.length, ratePerMinute: row.rate_per_minute, policy, timeZone: this.deps.timeZone });
    await campaigns.replan(row.id, epoch, pending.map((p) => p.participantId), slots);
    return campaigns.setStatus(row.id, 'active', now, epoch);
  }
}
