import type { AlertDraft, EventDraft, JsonObject, JsonValue } from '../domain/case-record/case-record.types.js';
import type { ConversationMemory, TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import { categoriseDnaReason } from '../domain/reading/dna-reason.js';
import type { DnaFollowUpFacts } from '../domain/appointments/dna.types.js';
import {
  dnaNoRearrangeNeeded,
  dnaRearrangeNoted,
  dnaThanksAndOfferRearrange,
  type DnaWordingContext,
} from '../domain/wording/dna-wording.js';
import { isNotNow, parseReminderReply, readReminderReply } from '../domain/reading/reply-parsing.js';
import { handledTurn, type HandledTurn } from './dialog.js';

/** The key this dialog owns in the conversation memory. */
export const DNA_FOLLOW_UP_MEMORY_KEY = 'dnaFollowUp';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A follow-up older than this no longer claims replies (`TurnInput.dnaFollowUp` is the last 14 days' anyway). */
const FOLLOW_UP_WINDOW_MS = 14 * DAY_MS;
/** "Would you like a new appointment?" is forgotten after this long. */
const REARRANGE_OFFER_TTL_MS = 7 * DAY_MS;

/**
 * What `memory.dnaFollowUp` holds between turns (plain JSON). `awaiting: 'none'` remembers that this conversation
 * has already taken the reason for `followUpId`: the case record only shows `reasonRecorded` once the write-back has
 * run, and a quick second text must not be taken as the reason again.
 */
export type DnaFollowUpMemory =
  | { awaiting: 'rearrange'; followUpId: string; appointmentId: string; askedAt: string }
  | { awaiting: 'none'; followUpId: string };

/**
 * After a missed appointment: the reply to "what got in the way?" becomes `dna.reason` (their words and a category),
 * then an offer of a new appointment; days or times (or yes) raise `rearrange_requested` for the key worker, "no"
 * or "not now" is accepted kindly. Runs after safeguarding and the consent keywords, so neither is ever taken
 * as a reason; someone who has opted out is recorded but not answered.
 */
export function dnaFollowUpDialog(input: TurnInput): TurnResult | null {
  const remembered = rememberedFollowUp(input.memory);
  const offer = openOffer(remembered, input);
  const followUp = reasonWanted(input, remembered, offer);

  if (followUp !== null) {
    // A reminder about a newer appointment went out since: "yes", "no" or "R" is about that one.
    if (readReminderReply(input.text) !== null && remindedSince(input, followUp.startedAt)) return null;
    return recordReason(input, followUp);
  }
  if (offer !== null) return answerOffer(input, offer);
  return null;
}

/** The follow-up whose reason this text gives, if one is waiting and this conversation has not taken it already. */
function reasonWanted(
  input: TurnInput,
  remembered: DnaFollowUpMemory | null,
  offer: OpenOffer | null,
): DnaFollowUpFacts | null {
  const followUp = input.dnaFollowUp;
  if (followUp === null || followUp.reasonRecorded) return null;
  if (input.now.getTime() - followUp.startedAt.getTime() > FOLLOW_UP_WINDOW_MS) return null;
  if (remembered?.followUpId === followUp.id) return null;
  // A newer offer still open wins over an older follow-up the case record has not closed.
  if (offer !== null && followUp.startedAt.getTime() <= Date.parse(offer.askedAt)) return null;
  return followUp;
}

function recordReason(input: TurnInput, followUp: DnaFollowUpFacts): TurnResult {
  const { id: followUpId, appointmentId } = followUp;
  const { category, byNumber } = categoriseDnaReason(input.text);
  const reason: EventDraft = {
    type: 'dna.reason',
    key: `reason-${followUpId}`,
    appointmentId,
    data: { followUpId, words: input.text, category, byNumber },
  };

  // "I was ill, can we rearrange?" gives the reason and answers the offer before it is made.
  if (asksToRearrange(input.text)) {
    const rearrange = rearrangeRequested(followUpId, appointmentId, input.text);
    return turn(input, {
      events: [reason, rearrange.event],
      alerts: [rearrange.alert],
      replies: said(input, () => dnaRearrangeNoted(wordingContext(input), input.participant.keyWorkerName)),
      memory: withRemembered(input.memory, { awaiting: 'none', followUpId }),
    });
  }

  // No offer to someone who has opted out: nothing was asked, so nothing is awaited.
  const ask = !input.participant.optedOut;
  return turn(input, {
    events: [reason],
    replies: said(input, () => dnaThanksAndOfferRearrange(wordingContext(input))),
    memory: withRemembered(
      input.memory,
      ask ? { awaiting: 'rearrange', followUpId, appointmentId, askedAt: input.now.toISOString() } : { awaiting: 'none', followUpId },
    ),
  });
}

function answerOffer(input: TurnInput, offer: OpenOffer): TurnResult {
  const { followUpId, appointmentId } = offer;
  const memory = withRemembered(input.memory, { awaiting: 'none', followUpId });
  if (isNotNow(input.text)) {
    return turn(input, { replies: said(input, () => dnaNoRearrangeNeeded(wordingContext(input))), memory });
  }
  // Anything else ("Tuesday mornings", "yes", "after 2 any day") is for the key worker to act on, word for word.
  const rearrange = rearrangeRequested(followUpId, appointmentId, input.text);
  return turn(input, {
    events: [rearrange.event],
    alerts: [rearrange.alert],
    replies: said(input, () => dnaRearrangeNoted(wordingContext(input), input.participant.keyWorkerName)),
    memory,
  });
}

function rearrangeRequested(followUpId: string, appointmentId: string, preferred: string): { event: EventDraft; alert: AlertDraft } {
  const key = `dna-rearrange-${followUpId}`;
  return {
    event: { type: 'appointment.rearrange_requested', key, appointmentId, data: { followUpId, preferred } },
    alert: { type: 'rearrange_requested', key, data: { appointmentId, preferred, after: 'did_not_attend' } },
  };
}

/**
 * "R", "can I rearrange", "another day please" (the reminder reply's own reading), or a request for a new day or
 * time inside a longer reason ("I was ill, can we reschedule?").
 */
const REARRANGE_WORDS =
  /(?<![\p{L}\p{N}])(?:re-?arr?ange|re-?schedule|resched|(?:another|different) (?:day|time|date|appointment)|new (?:appointment|day|time|date))(?![\p{L}\p{N}])/u;

function asksToRearrange(text: string): boolean {
  return parseReminderReply(text) === 'rearrange' || REARRANGE_WORDS.test(cleaned(text));
}

function cleaned(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02BC`]/gu, "'")
    .replace(/\s+/gu, ' ')
    .trim();
}

/** True when some upcoming appointment was reminded about after `since`. */
function remindedSince(input: TurnInput, since: Date): boolean {
  return input.appointments.some((a) => a.lastRemindedAt !== null && a.lastRemindedAt.getTime() > since.getTime());
}

type OpenOffer = Extract<DnaFollowUpMemory, { awaiting: 'rearrange' }>;

/**
 * The offer of a new appointment still open: under seven days old, and not overtaken by a reminder about
 * an appointment booked since (the key worker has already found a new time).
 */
function openOffer(remembered: DnaFollowUpMemory | null, input: TurnInput): OpenOffer | null {
  if (remembered?.awaiting !== 'rearrange') return null;
  const askedAt = Date.parse(remembered.askedAt);
  const age = input.now.getTime() - askedAt;
  if (Number.isNaN(askedAt) || age < 0 || age > REARRANGE_OFFER_TTL_MS) return null;
  if (remindedSince(input, new Date(askedAt))) return null;
  return remembered;
}

/** What this dialog remembers, if it is well formed; memory is JSON from storage. */
export function rememberedFollowUp(memory: ConversationMemory): DnaFollowUpMemory | null {
  const value = memory[DNA_FOLLOW_UP_MEMORY_KEY];
  if (!isObject(value) || typeof value.followUpId !== 'string') return null;
  const { followUpId } = value;
  if (value.awaiting === 'rearrange' && typeof value.appointmentId === 'string' && typeof value.askedAt === 'string') {
    return { awaiting: 'rearrange', followUpId, appointmentId: value.appointmentId, askedAt: value.askedAt };
  }
  if (value.awaiting === 'none') return { awaiting: 'none', followUpId };
  return null;
}

function wordingContext(input: TurnInput): DnaWordingContext {
  const { firstName, keyWorkerName, programmeName, language, timeZone } = input.participant;
  return { firstName, keyWorkerName, programmeName, language, timeZone };
}

/** One reply, or none for someone who has opted out (their words still reach the case record). */
function said(input: TurnInput, text: () => string): HandledTurn['replies'] {
  return input.participant.optedOut ? [] : [{ kind: 'reply', text: text() }];
}

/** A handled turn whose memory this dialog sets (handledTurn keeps the old memory). */
function turn(input: TurnInput, outcome: HandledTurn & { memory: ConversationMemory }): TurnResult {
  return { ...handledTurn(input, outcome), memory: outcome.memory };
}

function withRemembered(memory: ConversationMemory, remembered: DnaFollowUpMemory): ConversationMemory {
  return { ...memory, [DNA_FOLLOW_UP_MEMORY_KEY]: remembered };
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
