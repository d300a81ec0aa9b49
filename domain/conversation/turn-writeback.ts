import type { Channel } from '../channel.js';
import type { TurnResult } from './conversation.types.js';
import type { WritebackPayload } from '../case-record/writeback.types.js';

/** Where a turn happened: whose text, which one (its source key), when, and on which channel it came in. */
export interface TurnSource {
  participantId: string;
  sourceKey: string;
  now: Date;
  channel: Channel;
  /** The text answered the welcome, so the number is confirmed as theirs. */
  answeredWelcome: boolean;
}

/**
 * The case-record side of one turn: its events, alerts and replies, keyed by the text it answered. Consent is not
 * carried: the turn applies a STOP or START in its own transaction, before the next text's turn is run.
 */
export function turnWriteback(result: TurnResult, source: TurnSource): WritebackPayload {
  const events = source.answeredWelcome
    ? [...result.events, { type: 'contact.confirmed' as const, key: 'welcome', data: { by: 'reply' } }]
    : result.events;
  return {
    participantId: source.participantId,
    sourceKey: source.sourceKey,
    at: source.now.toISOString(),
    events,
    alerts: result.alerts,
    replies: result.replies,
    replyChannel: source.channel,
  };
}
