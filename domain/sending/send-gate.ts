import { startOfNextLocalDay } from './message-cap.js';
import type { OpenConversation } from './open-conversation.js';
import { nextAllowedSendTime, nextAllowedTime, type SendTimeMove, type SendWindowPolicy } from '../time/quiet-hours.js';
import { whyUnreachable, type Reachability, type Stream, type Unreachable } from './reachability.js';

/** Every kind of message that goes on a schedule rather than as an answer to the person's own text. */
export type ScheduledKind = 'reminder' | 'dna_follow_up' | 'welcome' | 'check_in' | 'campaign_check_in' | 'pulse';

/** How long a message that waits for an open conversation keeps waiting before it is dropped. */
export type ConversationPatience = { afterDueMs: number } | { waits: number };

interface KindRule {
  /** Muting any of these streams stops it. */
  streams: readonly Stream[];
  /** Counted against, and held back by, the per-person daily cap. */
  capped: boolean;
  /** Waits rather than interrupt a reminder, did-not-attend or question conversation (null: never waits). */
  patience: ConversationPatience | null;
}

/** While a conversation is open, a message that waits for it looks again this long later. */
export const CONVERSATION_RETRY_MS = 3600_000;

/**
 * What each scheduled kind is subject to. Reminders and follow-ups never wait for a conversation: they are time
 * bound and start the conversation themselves. Follow-ups and the welcome are outside the cap: at most one a day.
 * A check-in is given a week; a campaign message three tries (its plan goes on without it).
 */
const RULES: Record<ScheduledKind, KindRule> = {
  reminder: { streams: ['reminders'], capped: true, patience: null },
  dna_follow_up: { streams: ['dna_follow_up'], capped: false, patience: null },
  welcome: { streams: [], capped: false, patience: null },
  check_in: { streams: ['check_ins'], capped: true, patience: { afterDueMs: 7 * 24 * 3600_000 } },
  campaign_check_in: { streams: ['campaigns', 'check_ins'], capped: true, patience: { waits: 3 } },
  pulse: { streams: ['campaigns', 'pulses'], capped: true, patience: { waits: 3 } },
};

export function streamsOf(kind: ScheduledKind): readonly Stream[] {
  return RULES[kind].streams;
}

/** Whether deciding this kind needs today's count of capped messages (callers skip the query otherwise). */
export function countsAgainstCap(kind: ScheduledKind): boolean {
  return RULES[kind].capped;
}

/** Whether deciding this kind needs to know of an open conversation (callers skip the reads otherwise). */
export function waitsForOpenConversation(kind: ScheduledKind): boolean {
  return RULES[kind].patience !== null;
}

/** Everything the gate decides on, gathered by the caller at the moment the message is due. */
export interface SendGateInput {
  now: Date;
  kind: ScheduledKind;
  /** When the message was first due: a check-in's patience is counted from here. */
  dueAt: Date;
  /** After this the message is no use (a reminder: the appointment minus the minimum lead); null when it keeps. */
  deadline: Date | null;
  person: Reachability;
  /** The person's own team's quiet hours, bank-holiday skipping and region. */
  policy: SendWindowPolicy;
  timeZone: string;
  /** Capped messages already made for them since local midnight (0 is fine for kinds outside the cap). */
  sentToday: number;
  dailyCap: number;
  /** The conversation they are in the middle of (null for kinds that never wait). */
  openConversation: OpenConversation | null;
  /** Times this message already waited for a conversation (for patience counted in waits). */
  conversationWaits: number;
}

export type DeferReason = SendTimeMove | 'in_conversation' | 'daily_cap';
export type DropReason = Unreachable | 'too_late' | 'in_conversation';

export type SendDecision =
  | { kind: 'send'; overCap: boolean }
  | { kind: 'defer'; until: Date; reason: DeferReason }
  | { kind: 'drop'; reason: DropReason };

/**
 * May this scheduled message go now? One answer for every scheduled path, in this order:
 * 1. the person: erased, no consent, opted out, wrong number, or a muted stream of this kind → drop;
 * 2. its deadline passed → drop `too_late`;
 * 3. quiet hours or a bank holiday of the team's region → defer to the first allowed time (drop `too_late` if that
 *    misses the deadline): never sent in them, never dropped for them alone;
 * 4. an open conversation, for kinds that wait → defer an hour (to an allowed time), or drop once patience runs out;
 * 5. the daily cap, for capped kinds → defer to the next local day's first allowed time. The one exception: a
 *    message with a deadline that the wait would miss goes now (a reminder that arrives too late is worse than one
 *    message over the cap), and says so with `overCap`.
 * Which WhatsApp route a message takes (free text, template or SMS) is chosen where it is handed to Twilio
 * (`whatsappRoute`), since a reply while it sits in the outbound queue opens the 24-hour window.
 */
export function decideSend(input: SendGateInput): SendDecision {
  const rule = RULES[input.kind];
  const { now, deadline, policy, timeZone } = input;
  const unreachable = whyUnreachable(input.person, rule.streams);
  if (unreachable) return { kind: 'drop', reason: unreachable };
  if (deadline && now >= deadline) return { kind: 'drop', reason: 'too_late' };

  const defer = (until: Date, reason: DeferReason): SendDecision =>
    deadline && until >= deadline ? { kind: 'drop', reason: 'too_late' } : { kind: 'defer', until, reason };

  const allowed = nextAllowedSendTime(now, policy, timeZone);
  if (allowed.at > now) return defer(allowed.at, allowed.moved ?? 'quiet_hours');

  if (rule.patience && input.openConversation !== null) {
    const outOfPatience =
      'afterDueMs' in rule.patience ? now.getTime() - input.dueAt.getTime() > rule.patience.afterDueMs : input.conversationWaits >= rule.patience.waits;
    if (outOfPatience) return { kind: 'drop', reason: 'in_conversation' };
    return defer(nextAllowedTime(new Date(now.getTime() + CONVERSATION_RETRY_MS), policy, timeZone), 'in_conversation');
  }

  if (rule.capped && input.sentToday >= input.dailyCap) {
    const tomorrow = nextAllowedTime(startOfNextLocalDay(now, timeZone), policy, timeZone);
    if (deadline && tomorrow >= deadline) return { kind: 'send', overCap: true };
    return { kind: 'defer', until: tomorrow, reason: 'daily_cap' };
  }
  return { kind: 'send', overCap: false };
}
