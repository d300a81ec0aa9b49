import { sql } from 'kysely';
import { campaignIntervalMs, firstFreeSlot, firstTimeWithRoom, ROOM_WINDOW_MS, roomFor, slotSpacingMs } from '../../domain/campaigns/campaign-pacing.js';
import type { Clock } from '../../domain/time/clock.js';
import { checkInOpening, pulseOpening } from '../../domain/wording/in-work-wording.js';
import { findInstrument } from '../../domain/in-work/pulse-instruments.js';
import { decideSend } from '../../domain/sending/send-gate.js';
import { CampaignRepository } from '../../store/campaign.repository.js';
import { applyWriteback } from '../conversation/apply-writeback.js';
import type { Db, Tx } from '../../store/database.js';
import { JobStartRepository } from '../../store/job-start.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { QuestionSessionRepository } from '../../store/question-session.repository.js';
import type { CampaignRow, ParticipantRow } from '../../store/schema.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import { weeksSinceStart } from '../../domain/in-work/check-in-schedule.js';
import { inWorkWording } from '../in-work/in-work-wording.context.js';
import { sendGateFacts } from '../sending/send-gate.facts.js';
import { sourceKeys } from '../../domain/job-keys.js';

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

/**
 * A message this late (its workers were down or slower than the rate, or Redis lost its job) goes now only while the
 * minute around now has room for it (roomToCatchUp), else to the first time that has: all the late ones sent at once
 * could go faster than the campaign's rate. It is moved once: workers that are behind all the time would otherwise
 * keep moving everyone and send nobody.
 */
function lateAfterMs(ratePerMinute: number): number {
  return Math.max(5000, 2 * campaignIntervalMs(ratePerMinute));
}

/**
 * One campaign message is due for one person. Re-checked at this moment: the campaign still running (a paused one
 * leaves them waiting for the resume), this job still of the current plan, then the send gate (domain/sending/send-gate.ts:
 * consent, opt-out, mutes, quiet hours and bank holidays of their own team, an open conversation, the daily cap).
 * What the gate puts off, and a message whose job runs late, goes to the plan's first free slot from then on, so
 * the campaign's rate holds; what it drops is counted as skipped.
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
      const late = recipient.reason !== 'late' && now.getTime() - recipient.due_at.getTime() > lateAfterMs(campaign.rate_per_minute);

      const skip = async (reason: string): Promise<CampaignMessageOutcome> => {
        await campaigns.finishRecipient(campaignId, participantId, 'skipped', { reason });
        return { kind: 'closed', reason };
      };
      if (!participant) return skip('erased');
      // The plan kept to the campaign team's window; the gate holds the person to their own team's.
      const decision = decideSend({
        ...(await sendGateFacts(tx, participant, campaign.type === 'pulse' ? 'pulse' : 'campaign_check_in', now, this.deps.timeZone)),
        dueAt: recipient.due_at,
        deadline: null,
        dailyCap: this.deps.dailyCap,
        conversationWaits: recipient.defers,
      });
      if (decision.kind === 'drop') return skip(decision.reason);
      if (decision.kind === 'defer') {
        const until = await this.slotFrom(tx, campaign, participantId, decision.until);
        await campaigns.deferRecipient(campaignId, participantId, until, decision.reason, { counts: decision.reason === 'in_conversation' });
        return { kind: 'deferred', until, reason: decision.reason };
      }
      return late ? this.sendIfRoom(tx, campaign, participant, now) : this.send(tx, campaign, participant, now);
    });
  }

  /**
   * A late message is written as sent, then kept only if the minute around now has room for it (roomToCatchUp);
   * otherwise it is moved (lateSlot). Deciding last keeps the campaign row locked only for the decision
   * and the commit, so late messages are written side by side and only decided in turn.
   */
  private async sendIfRoom(tx: Tx, campaign: CampaignRow, participant: ParticipantRow, now: Date): Promise<CampaignMessageOutcome> {
    await sql`savepoint late_send`.execute(tx);
    const outcome = await this.send(tx, campaign, participant, now);
    // Kept: the savepoint goes with the commit (a release would be one more round trip with the campaign row locked).
    if (outcome.kind !== 'sent' || (await this.roomToCatchUp(tx, campaign, participant.id, now))) return outcome;
    await sql`rollback to savepoint late_send`.execute(tx);
    const until = await this.lateSlot(tx, campaign, participant.id, now);
    await new CampaignRepository(tx).deferRecipient(campaign.id, participant.id, until, 'late', { counts: false });
    return { kind: 'deferred', until, reason: 'late' };
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
      sourceKey: sourceKeys.campaignMessage(campaign.id, participant.id),
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

  /**
   * Whether a late message may go now: no minute through now holds more than the rate (what went in the minutes
   * either side, this one, what is planned for the minute after). Workers merely slower than the rate so send their
   * backlog at their own pace, instead of moving every message behind the whole plan and sending nothing until all
   * are moved; workers back after an outage, or a job the sweep re-added while the plan runs on time, move when the
   * minute is full. The campaign row is locked: late messages decide one at a time.
   */
  private async roomToCatchUp(tx: Tx, campaign: CampaignRow, participantId: string, now: Date): Promise<boolean> {
    const campaigns = new CampaignRepository(tx);
    await campaigns.lock(campaign.id);
    return roomFor(await campaigns.countAround(campaign.id, now, ROOM_WINDOW_MS, participantId), campaign.rate_per_minute);
  }

  /** Where a late message with no room now goes: the first time with room in the minute around it (the campaign row locked). */
  private async lateSlot(tx: Tx, campaign: CampaignRow, participantId: string, now: Date): Promise<Date> {
    const campaigns = new CampaignRepository(tx);
    await campaigns.lock(campaign.id);
    const taken = [...(await campaigns.plannedSince(campaign.id, now, participantId)), ...(await campaigns.sentSince(campaign.id, new Date(now.getTime() - ROOM_WINDOW_MS)))];
    const policy = await new TeamPolicyRepository(tx).get(campaign.team);
    return firstTimeWithRoom({ from: now, taken, ratePerMinute: campaign.rate_per_minute, policy, timeZone: this.deps.timeZone });
  }

  /** The first free slot of the plan from `from` (the campaign row locked, so two deferrals never share a slot). */
  private async slotFrom(tx: Tx, campaign: CampaignRow, participantId: string, from: Date): Promise<Date> {
    const campaigns = new CampaignRepository(tx);
    await campaigns.lock(campaign.id);
    const spacing = slotSpacingMs(campaign.rate_per_minute);
    const planned = await campaigns.plannedSince(campaign.id, new Date(from.getTime() - spacing), participantId);
    const policy = await new TeamPolicyRepository(tx).get(campaign.team);
    return firstFreeSlot({ from, planned, ratePerMinute: campaign.rate_per_minute, policy, timeZone: this.deps.timeZone });
  }
}
