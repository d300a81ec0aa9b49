import { campaignIntervalMs, paceSlots } from '../domain/campaign-pacing.js';
import type { Clock } from '../domain/clock.js';
import { checkInOpening, pulseOpening } from '../domain/in-work-wording.js';
import { CAPPED_KINDS, startOfLocalDay } from '../domain/message-cap.js';
import { findInstrument } from '../domain/pulse-instruments.js';
import { isInQuietHours } from '../domain/quiet-hours.js';
import { whyUnreachable, type Stream } from '../domain/reachability.js';
import { CampaignRepository } from '../store/campaign.repository.js';
import { applyWriteback } from '../store/case-record-writer.js';
import type { Db, Tx } from '../store/database.js';
import { JobStartRepository } from '../store/job-start.repository.js';
import { MessageRepository } from '../store/message.repository.js';
import { ParticipantRepository, reachabilityOf } from '../store/participant.repository.js';
import { QuestionSessionRepository } from '../store/question-session.repository.js';
import type { CampaignRow, ParticipantRow } from '../store/schema.js';
import { TeamPolicyRepository } from '../store/team-policy.repository.js';
import { weeksSinceStart } from '../domain/check-in-schedule.js';
import { inWorkWording } from './in-work-wording.context.js';
import { openConversationOf } from './open-conversation.reader.js';

export interface FireCampaignMessageDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  programmeName: string;
  dailyCap: number;
}

export type CampaignMessageOutcome =
  | { kind: 'sent'; messageIds: string[] }
  | { kind: 'deferred'; until: Date; reason: string }
  | { kind: 'paused' }
  | { kind: 'closed'; reason: string };

/** Someone in the middle of another conversation is tried again at the end of the plan, this many times at most. */
const MAX_DEFERS = 3;

/**
 * A message this late (its workers were down, or Redis lost its job) goes to the end of the plan instead of now:
 * sent now, all the late ones together would go faster than the campaign's rate. It is moved once: workers that
 * are behind all the time would otherwise keep moving everyone and send nobody.
 */
function lateAfterMs(ratePerMinute: number): number {
  return Math.max(5000, 2 * campaignIntervalMs(ratePerMinute));
}

/**
 * One campaign message is due for one person. Re-checked at this moment: the campaign still running (a paused one
 * leaves them waiting for the resume), this job still of the current plan, consent, opt-out, mutes, the daily cap
 * (opted-out, muted and capped people are counted as skipped), and that they are not in the middle of a reminder,
 * did-not-attend or other question conversation. Someone in quiet hours or mid-conversation goes to the end of the
 * plan, one interval after its last slot, and so does a message whose job runs late: the campaign's rate holds.
 */
export class FireCampaignMessage {
  constructor(private readonly deps: FireCampaignMessageDeps) {}

  async execute(campaignId: string, participantId: string, epoch: number): Promise<CampaignMessageOutcome> {
    return this.deps.db.transaction().execute(async (tx) => {
      const participant = await new ParticipantRepository(tx).lockForUpdate(participantId);
      const campaigns = new CampaignRepository(tx);
      const recipient = await campaigns.lockRecipient(campaignId, participantId);
      if (!recipient || recipient.status !== 'pending') return { kind: 'closed', reason: recipient ? `already ${recipient.status}` : 'not a recipient' };
      if (recipient.epoch !== epoch) return { kind: 'closed', reason: 'an older plan' };
      const campaign = await campaigns.find(campaignId);
      if (!campaign) return { kind: 'closed', reason: 'no such campaign' };
      if (campaign.status === 'paused') return { kind: 'paused' };
      if (campaign.status !== 'active') {
        await campaigns.finishRecipient(campaignId, participantId, 'cancelled', { reason: `campaign ${campaign.status}` });
        return { kind: 'closed', reason: `campaign ${campaign.status}` };
      }
      const now = this.deps.clock.now();
      if (recipient.due_at.getTime() > now.getTime() + 1000) return { kind: 'deferred', until: recipient.due_at, reason: 'not due yet' };
      // Once only: when the workers stay behind, a message moved for being late goes when it next comes up.
      if (recipient.reason !== 'late' && now.getTime() - recipient.due_at.getTime() > lateAfterMs(campaign.rate_per_minute)) {
        const until = await this.endOfPlan(tx, campaign, now);
        await campaigns.deferRecipient(campaignId, participantId, until, 'late', { counts: false });
        return { kind: 'deferred', until, reason: 'late' };
      }

      const skip = async (reason: string): Promise<CampaignMessageOutcome> => {
        await campaigns.finishRecipient(campaignId, participantId, 'skipped', { reason });
        return { kind: 'closed', reason };
      };
      if (!participant) return skip('erased');
      const unreachable = whyUnreachable(reachabilityOf(participant), streamsOf(campaign));
      if (unreachable) return skip(unreachable);
      const { timeZone } = this.deps;
      const sentToday = await new MessageRepository(tx).countSince(participant.id, CAPPED_KINDS, startOfLocalDay(now, timeZone));
      if (sentToday >= this.deps.dailyCap) return skip('capped');

      // The plan kept to the campaign team's quiet hours; a person of another team may have their own.
      const ownPolicy = await new TeamPolicyRepository(tx).get(participant.team);
      const busy = isInQuietHours(now, ownPolicy.quietHours, timeZone) ? 'quiet_hours' : await openConversationOf(tx, participant.id, now);
      if (busy !== null) {
        if (recipient.defers >= MAX_DEFERS) return skip('in_conversation');
        const until = await this.endOfPlan(tx, campaign, now);
        await campaigns.deferRecipient(campaignId, participantId, until, busy === 'quiet_hours' ? 'quiet_hours' : 'in_conversation', { counts: true });
        return { kind: 'deferred', until, reason: busy };
      }
      return this.send(tx, campaign, participant, now);
    });
  }

  private async send(tx: Tx, campaign: CampaignRow, participant: ParticipantRow, now: Date): Promise<CampaignMessageOutcome> {
    const job = await new JobStartRepository(tx).findActive(participant.id);
    const wording = await inWorkWording(tx, participant, this.deps.programmeName, job?.id ?? null);
    const instrument = campaign.type === 'pulse' ? findInstrument(campaign.instrument_id) : undefined;
    const firstQuestion = instrument?.questions[0];
    if (campaign.type === 'pulse' && !firstQuestion) return { kind: 'closed', reason: 'unknown instrument' };

    const sessions = new QuestionSessionRepository(tx);
    const session = await sessions.start({
      participantId: participant.id,
      kind: campaign.type,
      step: firstQuestion?.id ?? 'how',
      askedAt: now,
      instrumentId: instrument?.id ?? null,
      campaignId: campaign.id,
      jobStartId: job?.id ?? null,
      week: job ? weeksSinceStart(job.start_date, now, this.deps.timeZone) : null,
    });
    await sessions.supersedeOpen(participant.id, session.id);
    const text = firstQuestion
      ? pulseOpening(wording.context, instrument?.id ?? '', firstQuestion)
      : checkInOpening(wording.context, { introduce: wording.introduce, asksStillInWork: false, ...(session.week !== null && { weeksInWork: session.week }) });
    const { queuedMessageIds } = await applyWriteback(tx, {
      participantId: participant.id,
      sourceKey: `campaign-${campaign.id}-${participant.id}`,
      at: now.toISOString(),
      events: [],
      alerts: [],
      replies: [{ kind: 'campaign', text }],
    });
    if (!firstQuestion) await wording.markIntroduced();
    await new CampaignRepository(tx).finishRecipient(campaign.id, participant.id, 'sent', {
      messageId: queuedMessageIds[0] ?? null,
      sessionId: session.id,
      sentAt: now,
    });
    return { kind: 'sent', messageIds: queuedMessageIds };
  }

  /** One interval after the last slot of the plan (the campaign row locked, so two deferrals never share a slot). */
  private async endOfPlan(tx: Tx, campaign: CampaignRow, now: Date): Promise<Date> {
    const campaigns = new CampaignRepository(tx);
    await campaigns.lock(campaign.id);
    const last = await campaigns.lastPlannedAt(campaign.id);
    const policy = await new TeamPolicyRepository(tx).get(campaign.team);
    const [slot] = paceSlots({ from: now, ...(last && { after: last }), count: 1, ratePerMinute: campaign.rate_per_minute, policy, timeZone: this.deps.timeZone });
    return slot as Date;
  }
}

/** A check-in campaign is muted by muting campaigns or check-ins; a pulse by campaigns or pulses. */
function streamsOf(campaign: CampaignRow): Stream[] {
  return ['campaigns', campaign.type === 'pulse' ? 'pulses' : 'check_ins'];
}
