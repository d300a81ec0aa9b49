import type { UpcomingAppointment } from '../domain/appointments/appointment.types.js';
import type { JsonObject, JsonValue } from '../domain/case-record/case-record.types.js';
import type { ConversationMemory, Reply, TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import {
  askWhyCannotCome,
  confirmThanks,
  rearrangeNoted,
  reasonRecorded,
  whichAppointment,
  type ReminderWordingContext,
} from '../domain/wording/reminder-wording.js';
import { parseChoice, readReminderReply, type ReminderReplyIntent } from '../domain/reading/reply-parsing.js';
import { handledTurn, type HandledTurn } from './dialog.js';
import { freeTextDialog } from './free-text.dialog.js';

/** The key this dialog owns in the conversation memory. */
export const REMINDER_REPLY_MEMORY_KEY = 'reminderReply';

/** A question still waiting for its answer is forgotten after this long. */
const PENDING_TTL_MS = 24 * 60 * 60 * 1000;
/** Reminders sent this close together leave it unclear which one a reply answers. */
const AMBIGUOUS_WITHIN_MS = 6 * 60 * 60 * 1000;

/** What `memory.reminderReply` holds between turns (plain JSON). */
export type PendingReminderQuestion =
  | { awaiting: 'reason'; appointmentId: string; askedAt: string }
  | { awaiting: 'which'; intent: ReminderReplyIntent; options: string[]; askedAt: string };

/**
 * Replies to appointment reminders: confirm, can't come (asks why, once), rearrange, and "which one?" when two
 * reminders went out close together. Everything it cannot place falls through to free text.
 */
export function reminderReplyDialog(input: TurnInput): TurnResult | null {
  const pending = pendingQuestion(input.memory, input.now);
  const reading = readReminderReply(input.text);

  if (pending?.awaiting === 'reason') {
    // Changing their mind ("actually yes", "can we rearrange?") is an answer of its own, not the reason.
    if (reading === null || reading.intent === 'decline') return recordReason(input, pending.appointmentId);
    const appointment = input.appointments.find((a) => a.id === pending.appointmentId);
    if (appointment !== undefined) return answer(input, reading.intent, appointment, false);
  }

  if (pending?.awaiting === 'which') {
    const choice = parseChoice(input.text, pending.options.length);
    const chosenId = choice === null ? undefined : pending.options[choice - 1];
    const appointment = input.appointments.find((a) => a.id === chosenId);
    if (appointment !== undefined) return answer(input, pending.intent, appointment, false);
    // Not an answer to "1 or 2?": forget the question. A dialog that returns null cannot change memory,
    // so free text gets the turn here, with the question cleared.
    if (reading === null) return freeTextDialog({ ...input, memory: withoutPending(input.memory) });
  }

  if (reading === null || input.appointments.length === 0) return null;
  const target = appointmentReplied(input.appointments);
  if (target.kind === 'one') return answer(input, reading.intent, target.appointment, reading.givesReason);

  // Someone who has opted out gets no question; free text keeps their message for the key worker.
  if (input.participant.optedOut) return null;
  const options = target.options.map((a) => a.id);
  return turn(input, {
    replies: [replyWith(whichAppointment(wordingContext(input), target.options))],
    memory: withPending(input.memory, {
      awaiting: 'which',
      intent: reading.intent,
      options,
      askedAt: input.now.toISOString(),
    }),
  });
}

/** The appointment a reply answers, or the two it might be answering. */
export type RepliedAppointment =
  | { kind: 'one'; appointment: UpcomingAppointment }
  | { kind: 'ambiguous'; options: [UpcomingAppointment, UpcomingAppointment] };

/**
 * The appointment a reply is about: the one reminded about last. Two reminded within six hours of each other at the
 * top, or several and none reminded yet, is ambiguous: the two soonest of those are offered.
 */
export function appointmentReplied(appointments: readonly UpcomingAppointment[]): RepliedAppointment {
  const soonestFirst = [...appointments].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const [only] = soonestFirst;
  if (only !== undefined && soonestFirst.length === 1) return { kind: 'one', appointment: only };

  const reminded = soonestFirst
    .filter((a): a is UpcomingAppointment & { lastRemindedAt: Date } => a.lastRemindedAt !== null)
    .sort((a, b) => b.lastRemindedAt.getTime() - a.lastRemindedAt.getTime());
  const [latest] = reminded;
  const candidates =
    latest === undefined
      ? soonestFirst
      : reminded
          .filter((a) => latest.lastRemindedAt.getTime() - a.lastRemindedAt.getTime() <= AMBIGUOUS_WITHIN_MS)
          .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const [first, second] = candidates;
  if (first === undefined) throw new Error('appointmentReplied needs at least one appointment');
  if (second === undefined) return { kind: 'one', appointment: first };
  return { kind: 'ambiguous', options: [first, second] };
}

function answer(
  input: TurnInput,
  intent: ReminderReplyIntent,
  appointment: UpcomingAppointment,
  givesReason: boolean,
): TurnResult {
  const ctx = wordingContext(input);
  const quiet = input.participant.optedOut;
  const { id: appointmentId, version, startsAt } = appointment;
  const reply = input.text;
  const said = (text: string): Reply[] => (quiet ? [] : [{ kind: 'reply', text }]);

  if (intent === 'confirm') {
    return turn(input, {
      events: [{ type: 'appointment.confirmed', key: `confirmed-v${version}`, appointmentId, data: { reply, version } }],
      replies: said(confirmThanks(ctx, appointment)),
      memory: withoutPending(input.memory),
    });
  }

  const alertData: JsonObject = { appointmentId, startsAt: startsAt.toISOString(), reply };

  if (intent === 'rearrange') {
    const key = `rearrange-requested-v${version}`;
    return turn(input, {
      events: [{ type: 'appointment.rearrange_requested', key, appointmentId, data: { reply, version } }],
      alerts: [{ type: 'rearrange_requested', key, data: alertData }],
      replies: said(rearrangeNoted(ctx)),
      memory: withoutPending(input.memory),
    });
  }

  // "I'm ill" already says why: asking again would only add a message.
  const reason: JsonObject = givesReason ? { reason: reply } : {};
  const ask = !givesReason && !quiet;
  const key = `cancel-requested-v${version}`;
  return turn(input, {
    events: [{ type: 'appointment.cancel_requested', key, appointmentId, data: { reply, version, ...reason } }],
    alerts: [{ type: 'cancel_requested', key, data: { ...alertData, ...reason } }],
    replies: said(ask ? askWhyCannotCome(ctx) : reasonRecorded(ctx)),
    memory: ask
      ? withPending(input.memory, { awaiting: 'reason', appointmentId, askedAt: input.now.toISOString() })
      : withoutPending(input.memory),
  });
}

/** The answer to "why can't you come?": kept on the record, never asked again. */
function recordReason(input: TurnInput, appointmentId: string): TurnResult {
  return turn(input, {
    events: [{ type: 'appointment.cancel_requested', key: 'reason', appointmentId, data: { reason: input.text } }],
    replies: input.participant.optedOut ? [] : [replyWith(reasonRecorded(wordingContext(input)))],
    memory: withoutPending(input.memory),
  });
}

function wordingContext(input: TurnInput): ReminderWordingContext {
  const { firstName, keyWorkerName, programmeName, language, timeZone } = input.participant;
  return { firstName, keyWorkerName, programmeName, language, timeZone };
}

function replyWith(text: string): Reply {
  return { kind: 'reply', text };
}

/** A handled turn whose memory this dialog sets (handledTurn keeps the old memory). */
function turn(input: TurnInput, outcome: HandledTurn & { memory: ConversationMemory }): TurnResult {
  return { ...handledTurn(input, outcome), memory: outcome.memory };
}

function withPending(memory: ConversationMemory, pending: PendingReminderQuestion): ConversationMemory {
  return { ...memory, [REMINDER_REPLY_MEMORY_KEY]: pending };
}

function withoutPending(memory: ConversationMemory): ConversationMemory {
  if (!(REMINDER_REPLY_MEMORY_KEY in memory)) return memory;
  const { [REMINDER_REPLY_MEMORY_KEY]: _dropped, ...rest } = memory;
  return rest;
}

/** The question waiting in memory, if it is well formed and under a day old; memory is JSON from storage. */
export function pendingQuestion(memory: ConversationMemory, now: Date): PendingReminderQuestion | null {
  const value = memory[REMINDER_REPLY_MEMORY_KEY];
  if (!isObject(value) || typeof value.askedAt !== 'string') return null;
  const askedAt = Date.parse(value.askedAt);
  const age = now.getTime() - askedAt;
  if (Number.isNaN(askedAt) || age < 0 || age > PENDING_TTL_MS) return null;

  if (value.awaiting === 'reason' && typeof value.appointmentId === 'string') {
    return { awaiting: 'reason', appointmentId: value.appointmentId, askedAt: value.askedAt };
  }
  if (
    value.awaiting === 'which' &&
    (value.intent === 'confirm' || value.intent === 'decline' || value.intent === 'rearrange') &&
    Array.isArray(value.options) &&
    value.options.length > 0 &&
    value.options.every((id) => typeof id === 'string')
  ) {
    return { awaiting: 'which', intent: value.intent, options: value.options as string[], askedAt: value.askedAt };
  }
  return null;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
