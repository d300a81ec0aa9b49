/** A campaign's state as kept in the database. */
export type CampaignState = 'active' | 'paused' | 'cancelled' | 'completed';

export type CampaignDisplayStatus = 'scheduled' | 'running' | 'paused' | 'cancelled' | 'completed';

/**
 * What staff see, and what a pause, resume or cancel is judged by: an active campaign is scheduled until it starts,
 * running while anyone is waiting, then completed (whether or not the sweep has written `completed` yet).
 */
export function campaignStatus(
  campaign: { status: CampaignState; startAt: Date },
  counts: { pending: number; sent: number; skipped: number },
  now: Date,
): CampaignDisplayStatus {
  if (campaign.status !== 'active') return campaign.status;
  if (counts.pending === 0) return 'completed';
  return campaign.startAt > now && counts.sent + counts.skipped === 0 ? 'scheduled' : 'running';
}

export type CampaignChange = 'pause' | 'resume' | 'cancel';

/** Which statuses each change applies to; any other is a conflict. */
export const CAMPAIGN_CHANGE_FROM: Record<CampaignChange, readonly CampaignDisplayStatus[]> = {
  pause: ['scheduled', 'running'],
  resume: ['paused'],
  cancel: ['scheduled', 'running', 'paused'],
};
