import { describe, expect, it } from 'vitest';
import type { SendWindowPolicy } from '../time/quiet-hours.js';
import type { Reachability } from './reachability.js';
import { CONVERSATION_RETRY_MS, decideSend, type SendGateInput } from './send-gate.js';

const LONDON = 'Europe/London';
const WINDOW: SendWindowPolicy = { quietHours: { start: '21:00', end: '08:00' }, skipBankHolidays: true, region: 'england-and-wales' };
const REACHABLE: Reachability = { erased: false, hasPhone: true, consent: true, optedOut: false, wrongNumber: false, mutedStreams: [] };
/** Tuesday 3 March 2026, 10:00 in London (GMT). */
const TUESDAY_10AM = new Date('2026-03-03T10:00:00Z');
const WEDNESDAY_8AM = new Date('2026-03-04T08:00:00Z');

function input(overrides: Partial<SendGateInput> = {}): SendGateInput {
  return {
    now: TUESDAY_10AM,
    kind: 'check_in',
    dueAt: TUESDAY_10AM,
    deadline: null,
    person: REACHABLE,
    policy: WINDOW,
    timeZone: LONDON,
    sentToday: 0,
    dailyCap: 3,
    openConversation: null,
    conversationWaits: 0,
    ...overrides,
  };
}

describe('the send gate, one example per reason', () => {
  it('sends a message that is due, to someone reachable, in the day, under the cap', () => {
    expect(decideSend(input())).toEqual({ kind: 'send', overCap: false });
  });

  it.each([
    ['erased', { erased: true }],
    ['erased', { hasPhone: false }],
    ['no_consent', { consent: false }],
    ['opted_out', { optedOut: true }],
    ['wrong_number', { wrongNumber: true }],
    ['muted', { mutedStreams: ['check_ins'] }],
  ] as const)('drops as %s', (reason, person) => {
    expect(decideSend(input({ person: { ...REACHABLE, ...person } }))).toEqual({ kind: 'drop', reason });
  });

  it('drops for the mute of its own stream only: a campaign check-in by campaigns or check-ins, a pulse by campaigns or pulses', () => {
    const muted = (streams: string[]) => ({ ...REACHABLE, mutedStreams: streams });
    expect(decideSend(input({ kind: 'campaign_check_in', person: muted(['campaigns']) }))).toMatchObject({ kind: 'drop', reason: 'muted' });
    expect(decideSend(input({ kind: 'campaign_check_in', person: muted(['pulses']) }))).toMatchObject({ kind: 'send' });
    expect(decideSend(input({ kind: 'pulse', person: muted(['pulses']) }))).toMatchObject({ kind: 'drop', reason: 'muted' });
    expect(decideSend(input({ kind: 'reminder', person: muted(['check_ins']) }))).toMatchObject({ kind: 'send' });
    expect(decideSend(input({ kind: 'welcome', person: muted(['reminders', 'dna_follow_up', 'check_ins', 'campaigns', 'pulses']) }))).toMatchObject({ kind: 'send' });
  });

  it('defers out of quiet hours to their end', () => {
    expect(decideSend(input({ now: new Date('2026-03-03T22:30:00Z') }))).toEqual({ kind: 'defer', until: WEDNESDAY_8AM, reason: 'quiet_hours' });
  });

  it('defers past a bank holiday of the team’s region, and only theirs', () => {
    // Tuesday 17 March 2026 is St Patrick's Day: a bank holiday in Northern Ireland only.
    const stPatricks = new Date('2026-03-17T10:00:00Z');
    const northernIreland = { ...WINDOW, region: 'northern-ireland' as const };
    expect(decideSend(input({ now: stPatricks, policy: northernIreland }))).toEqual({ kind: 'defer', until: new Date('2026-03-18T08:00:00Z'), reason: 'bank_holiday' });
    expect(decideSend(input({ now: stPatricks }))).toMatchObject({ kind: 'send' });
    expect(decideSend(input({ now: stPatricks, policy: { ...northernIreland, skipBankHolidays: false } }))).toMatchObject({ kind: 'send' });
  });

  it('drops a message whose deadline has passed, or would pass before quiet hours end', () => {
    expect(decideSend(input({ kind: 'reminder', deadline: TUESDAY_10AM }))).toEqual({ kind: 'drop', reason: 'too_late' });
    const lateEvening = new Date('2026-03-03T22:00:00Z');
    expect(decideSend(input({ kind: 'reminder', now: lateEvening, deadline: new Date('2026-03-04T07:45:00Z') }))).toEqual({ kind: 'drop', reason: 'too_late' });
    expect(decideSend(input({ kind: 'reminder', now: lateEvening, deadline: new Date('2026-03-04T09:45:00Z') }))).toMatchObject({ kind: 'defer', reason: 'quiet_hours' });
  });

  it('waits an hour for an open conversation, to a time outside quiet hours', () => {
    expect(decideSend(input({ openConversation: 'reminder' }))).toEqual({
      kind: 'defer',
      until: new Date(TUESDAY_10AM.getTime() + CONVERSATION_RETRY_MS),
      reason: 'in_conversation',
    });
    expect(decideSend(input({ now: new Date('2026-03-03T20:30:00Z'), openConversation: 'dna_follow_up' }))).toEqual({
      kind: 'defer',
      until: WEDNESDAY_8AM,
      reason: 'in_conversation',
    });
  });

  it('gives up on a conversation that never closes: a check-in after a week, a campaign message after three waits', () => {
    const eightDaysLate = new Date(TUESDAY_10AM.getTime() - 8 * 24 * 3600_000);
    expect(decideSend(input({ openConversation: 'reminder', dueAt: eightDaysLate }))).toEqual({ kind: 'drop', reason: 'in_conversation' });
    expect(decideSend(input({ kind: 'pulse', openConversation: 'question_session', conversationWaits: 2 }))).toMatchObject({ kind: 'defer' });
    expect(decideSend(input({ kind: 'pulse', openConversation: 'question_session', conversationWaits: 3 }))).toEqual({ kind: 'drop', reason: 'in_conversation' });
  });

  it('never holds a reminder or a follow-up for a conversation: they are the conversation', () => {
    for (const kind of ['reminder', 'dna_follow_up', 'welcome'] as const) {
      expect(decideSend(input({ kind, openConversation: 'question_session' }))).toMatchObject({ kind: 'send' });
    }
  });

  it('over the daily cap, waits for the first allowed time of the next local day', () => {
    for (const kind of ['check_in', 'campaign_check_in', 'pulse', 'reminder'] as const) {
      expect(decideSend(input({ kind, sentToday: 3, deadline: kind === 'reminder' ? new Date('2026-03-05T09:45:00Z') : null }))).toEqual({
        kind: 'defer',
        until: WEDNESDAY_8AM,
        reason: 'daily_cap',
      });
    }
  });

  it('over the cap, a reminder that would be too late tomorrow goes now, and says it is over the cap', () => {
    expect(decideSend(input({ kind: 'reminder', sentToday: 5, deadline: new Date('2026-03-03T14:45:00Z') }))).toEqual({ kind: 'send', overCap: true });
  });

  it('does not count follow-ups and the welcome against the cap', () => {
    expect(decideSend(input({ kind: 'dna_follow_up', sentToday: 10 }))).toMatchObject({ kind: 'send', overCap: false });
    expect(decideSend(input({ kind: 'welcome', sentToday: 10 }))).toMatchObject({ kind: 'send', overCap: false });
  });

  it('checks in order: reachability, deadline, the time rules, a conversation, the cap', () => {
    const everything = input({
      now: new Date('2026-03-03T22:30:00Z'),
      person: { ...REACHABLE, optedOut: true },
      openConversation: 'reminder',
      sentToday: 3,
    });
    expect(decideSend(everything)).toMatchObject({ kind: 'drop', reason: 'opted_out' });
    expect(decideSend({ ...everything, person: REACHABLE })).toMatchObject({ kind: 'defer', reason: 'quiet_hours' });
    expect(decideSend({ ...everything, person: REACHABLE, now: TUESDAY_10AM })).toMatchObject({ kind: 'defer', reason: 'in_conversation' });
    expect(decideSend({ ...everything, person: REACHABLE, now: TUESDAY_10AM, openConversation: null })).toMatchObject({ kind: 'defer', reason: 'daily_cap' });
  });
});
