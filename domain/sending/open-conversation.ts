import { SESSION_ANSWER_WINDOW_MS } from '../in-work/question-session.types.js';

/**
 * Whether a reminder or did-not-attend conversation is open, so that a check-in or campaign message waits rather
 * than interrupt it: a reply of "yes" or "2" must go to the question the person is answering.
 */
export interface OpenConversationFacts {
  now: Date;
  /** The latest appointment reminder sent to them. */
  lastReminderAt: Date | null;
  /** The latest text from them. */
  lastInboundAt: Date | null;
  /** A reminder-reply question ("why can't you come?", "1 or 2?") waiting in the conversation memory, asked then. */
  reminderQuestionAskedAt: Date | null;
  /** A did-not-attend follow-up still running (its messages still going, no reply yet). */
  dnaFollowUpActive: boolean;
  /** "Would you like a new appointment?" after a missed one, asked then and not yet answered. */
  dnaOfferAskedAt: Date | null;
  /** A check-in or pulse question still waiting, asked then. */
  openSessionAskedAt: Date | null;
}

export type OpenConversation = 'reminder' | 'dna_follow_up' | 'question_session';

/** A reminder is being answered for this long after it went, unless they have written since. */
export const REMINDER_ANSWER_WINDOW_MS = 6 * 3600_000;
/** A question the bot asked in a reminder or DNA conversation is waited on for this long. */
export const QUESTION_WAIT_MS = 24 * 3600_000;
/** A check-in or pulse question is waited on for this long (SESSION_ANSWER_WINDOW_MS). */
export const SESSION_WAIT_MS = SESSION_ANSWER_WINDOW_MS;

export function openConversation(f: OpenConversationFacts): OpenConversation | null {
  const within = (at: Date | null, ms: number) => at !== null && f.now.getTime() - at.getTime() < ms;
  const answeredSinceReminder = f.lastReminderAt !== null && f.lastInboundAt !== null && f.lastInboundAt > f.lastReminderAt;
  if ((within(f.lastReminderAt, REMINDER_ANSWER_WINDOW_MS) && !answeredSinceReminder) || within(f.reminderQuestionAskedAt, QUESTION_WAIT_MS)) {
    return 'reminder';
  }
  if (f.dnaFollowUpActive || within(f.dnaOfferAskedAt, QUESTION_WAIT_MS)) return 'dna_follow_up';
  if (within(f.openSessionAskedAt, SESSION_WAIT_MS)) return 'question_session';
  return null;
}
