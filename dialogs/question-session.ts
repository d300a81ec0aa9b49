import type { AlertDraft, EventDraft } from '../domain/case-record/case-record.types.js';
import type { Reply, TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import type { InWorkWordingContext } from '../domain/wording/in-work-wording.js';
import { SESSION_ANSWER_WINDOW_MS, type QuestionSessionFacts, type SessionKind, type SessionUpdate } from '../domain/in-work/question-session.types.js';
import { handledTurn } from './dialog.js';

/**
 * The check-in or pulse this text answers, if any: the session must still be waiting (asked within the answer
 * window), and no reminder or did-not-attend follow-up may have gone out since its question, because then "yes"
 * or "2" answers that newer question instead.
 */
export function sessionBeingAnswered(input: TurnInput, kind: SessionKind): QuestionSessionFacts | null {
  const session = input.session ?? null;
  if (session === null || session.kind !== kind) return null;
  const askedAt = session.askedAt.getTime();
  const age = input.now.getTime() - askedAt;
  if (age < 0 || age > SESSION_ANSWER_WINDOW_MS) return null;
  if (input.appointments.some((a) => a.lastRemindedAt !== null && a.lastRemindedAt.getTime() > askedAt)) return null;
  if (input.dnaFollowUp && input.dnaFollowUp.startedAt.getTime() > askedAt) return null;
  return session;
}

/** Who in-work messages are from: the in-work adviser, else the key worker. */
export function inWorkWordingContext(input: TurnInput): InWorkWordingContext {
  const { firstName, keyWorkerName, programmeName, language } = input.participant;
  return { firstName, adviserName: input.job?.adviserName ?? keyWorkerName, programmeName, language };
}

/** More than a couple of words that are not an answer: a message for the adviser, not just a slip. */
export function isMessageOfItsOwn(text: string): boolean {
  return text.trim().split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length > 2;
}

/** Someone who has opted out is recorded but not answered (their words still reach the adviser). */
export function replyUnlessOptedOut(input: TurnInput, text: string): Reply[] {
  return input.participant.optedOut ? [] : [{ kind: 'reply', text }];
}

/** A handled turn of a session; nobody who has opted out is asked another question, so their session ends. */
export function sessionOutcome(
  input: TurnInput,
  parts: { events?: EventDraft[]; alerts?: AlertDraft[]; replies: Reply[]; session?: SessionUpdate },
): TurnResult {
  const result = handledTurn(input, { events: parts.events ?? [], alerts: parts.alerts ?? [], replies: parts.replies });
  if (parts.session) result.session = input.participant.optedOut ? { ...parts.session, status: 'completed' } : parts.session;
  return result;
}
