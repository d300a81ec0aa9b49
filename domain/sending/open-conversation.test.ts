import { describe, expect, it } from 'vitest';
import {
  openConversation,
  QUESTION_WAIT_MS,
  REMINDER_ANSWER_WINDOW_MS,
  SESSION_WAIT_MS,
  type OpenConversation,
  type OpenConversationFacts,
} from './open-conversation.js';
import { SESSION_ANSWER_WINDOW_MS } from '../in-work/question-session.types.js';

const NOW = new Date('2026-06-01T16:30:00Z');
const HOUR = 3_600_000;
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);

const quiet: OpenConversationFacts = {
  now: NOW,
  lastReminderAt: null,
  lastInboundAt: null,
  reminderQuestionAskedAt: null,
  dnaFollowUpActive: false,
  dnaOfferAskedAt: null,
  openSessionAskedAt: null,
};

describe('openConversation', () => {
  it('waits 6 hours on a reminder, 24 on a question, and 72 on a check-in or pulse question', () => {
    expect(REMINDER_ANSWER_WINDOW_MS).toBe(6 * HOUR);
    expect(QUESTION_WAIT_MS).toBe(24 * HOUR);
    expect(SESSION_WAIT_MS).toBe(SESSION_ANSWER_WINDOW_MS);
    expect(SESSION_WAIT_MS).toBe(72 * HOUR);
  });

  it.each<[what: string, facts: Partial<OpenConversationFacts>, open: OpenConversation | null]>([
    ['nothing going on', {}, null],
    ['a reminder 2 hours ago, not replied to', { lastReminderAt: ago(2 * HOUR) }, 'reminder'],
    ['a reminder 2 hours ago, replied to before it went', { lastReminderAt: ago(2 * HOUR), lastInboundAt: ago(3 * HOUR) }, 'reminder'],
    ['a reminder 2 hours ago, replied to since', { lastReminderAt: ago(2 * HOUR), lastInboundAt: ago(HOUR) }, null],
    ['a reminder just under 6 hours ago', { lastReminderAt: ago(6 * HOUR - 1) }, 'reminder'],
    ['a reminder 6 hours ago', { lastReminderAt: ago(6 * HOUR) }, null],
    ['a reminder question ("why can\'t you come?") 20 hours ago', { reminderQuestionAskedAt: ago(20 * HOUR) }, 'reminder'],
    ['a reminder question, even though they replied since the reminder', { lastReminderAt: ago(2 * HOUR), lastInboundAt: ago(HOUR), reminderQuestionAskedAt: ago(HOUR) }, 'reminder'],
    ['a reminder question 24 hours ago', { reminderQuestionAskedAt: ago(24 * HOUR) }, null],
    ['a did-not-attend follow-up still running', { dnaFollowUpActive: true }, 'dna_follow_up'],
    ['"would you like a new appointment?" 10 hours ago', { dnaOfferAskedAt: ago(10 * HOUR) }, 'dna_follow_up'],
    ['"would you like a new appointment?" 2 days ago', { dnaOfferAskedAt: ago(48 * HOUR) }, null],
    ['a check-in question 2 days ago', { openSessionAskedAt: ago(48 * HOUR) }, 'question_session'],
    ['a check-in question 72 hours ago', { openSessionAskedAt: ago(72 * HOUR) }, null],
    ['a reminder and a follow-up: the reminder is being answered', { lastReminderAt: ago(HOUR), dnaFollowUpActive: true }, 'reminder'],
    ['a follow-up and an open check-in: the follow-up', { dnaFollowUpActive: true, openSessionAskedAt: ago(HOUR) }, 'dna_follow_up'],
    [
      'everything long ago',
      { lastReminderAt: ago(10 * HOUR), lastInboundAt: ago(20 * HOUR), reminderQuestionAskedAt: ago(30 * HOUR), dnaOfferAskedAt: ago(30 * HOUR), openSessionAskedAt: ago(80 * HOUR) },
      null,
    ],
  ])('%s → %s', (_what, facts, open) => {
    expect(openConversation({ ...quiet, ...facts })).toBe(open);
  });
});
