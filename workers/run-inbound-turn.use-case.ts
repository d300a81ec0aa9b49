import type { Activity } from 'botbuilder';
import type { Clock } from '../domain/clock.js';
import type { ParticipantContext } from '../domain/conversation.types.js';
import type { WritebackPayload } from '../domain/writeback.types.js';
import { EngagementBot, type TurnRecord } from '../bot/twilio/engagement.bot.js';
import type { TwilioBotAdapter } from '../bot/twilio/twilio-bot.adapter.js';
import { TurnStateStorage } from '../bot/twilio/turn-state.storage.js';
import type { Db } from '../store/database.js';
import { MessageRepository } from '../store/message.repository.js';
import { ParticipantRepository } from '../store/participant.repository.js';
import { StaffRepository } from '../store/staff.repository.js';
import { WritebackRepository } from '../store/writeback.repository.js';
import type { ParticipantRow } from '../store/schema.js';

export interface RunInboundTurnDeps {
  db: Db;
  adapter: TwilioBotAdapter;
  bot: EngagementBot;
  clock: Clock;
  programmeName: string;
}

export type TurnOutcome = { kind: 'done'; writebackId: string } | { kind: 'skipped'; reason: string };

/**
 * One conversation turn for a stored inbound message. The turn's state and its outcome are committed in one
 * transaction that also marks the message processed, so a retry after a crash either sees the turn done or
 * runs it afresh: never half of it twice.
 */
export class RunInboundTurn {
  constructor(private readonly deps: RunInboundTurnDeps) {}

  async execute(messageId: string): Promise<TurnOutcome> {
    const { db } = this.deps;
    const message = await new MessageRepository(db).findById(messageId);
    if (!message || message.direction !== 'inbound') return { kind: 'skipped', reason: 'no such inbound message' };
    if (message.status !== 'received') return { kind: 'skipped', reason: 'already processed' };

    const participant = message.participant_id
      ? await new ParticipantRepository(db).findById(message.participant_id)
      : undefined;
    if (!participant || !message.twilio_sid) {
      // Nobody on our caseload has this number: keep the message, start no conversation with a stranger.
      await new MessageRepository(db).setStatus(message.id, 'processed');
      return { kind: 'skipped', reason: 'unknown sender' };
    }

    const now = this.deps.clock.now();
    const storage = new TurnStateStorage(db, participant.id);
    const { state, memory } = EngagementBot.memoryFor(storage, participant.id);
    const context = await this.participantContext(participant);
    let captured: TurnRecord = { events: [], alerts: [] };
    const replies = await this.deps.adapter.runTurn(this.activityFor(message.twilio_sid, participant, message.body ?? '', now), async (turn) => {
      EngagementBot.prepare(turn, { participant: context, now }, state, memory);
      await this.deps.bot.run(turn);
      captured = EngagementBot.recordOf(turn);
    });

    const payload: WritebackPayload = {
      participantId: participant.id,
      sourceKey: `inbound-${message.twilio_sid}`,
      at: now.toISOString(),
      events: captured.events,
      alerts: captured.alerts,
      replies,
      replyChannel: message.channel,
      ...(captured.consent && { consent: captured.consent }),
    };

    const writebackId = await db.transaction().execute(async (tx) => {
      const locked = await new MessageRepository(tx).lockById(message.id);
      if (!locked || locked.status !== 'received') return undefined;
      await storage.commit(tx);
      const id = await new WritebackRepository(tx).save(payload);
      await new MessageRepository(tx).setStatus(message.id, 'processed');
      return id;
    });
    if (!writebackId) return { kind: 'skipped', reason: 'processed concurrently' };
    return { kind: 'done', writebackId };
  }

  private async participantContext(participant: ParticipantRow): Promise<ParticipantContext> {
    const keyWorker = participant.key_worker_id
      ? await new StaffRepository(this.deps.db).findById(participant.key_worker_id)
      : undefined;
    return {
      id: participant.id,
      firstName: participant.first_name ?? '',
      language: participant.language,
      channel: participant.channel,
      optedOut: participant.opted_out,
      keyWorkerName: keyWorker?.name ?? null,
      programmeName: this.deps.programmeName,
    };
  }

  private activityFor(sid: string, participant: ParticipantRow, text: string, now: Date): Partial<Activity> {
    return {
      type: 'message',
      id: sid,
      channelId: participant.channel,
      conversation: { id: `participant-${participant.id}`, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: participant.id, name: '' },
      recipient: { id: 'engagement-bot', name: '' },
      text,
      timestamp: now,
      locale: participant.language,
    };
  }
}
