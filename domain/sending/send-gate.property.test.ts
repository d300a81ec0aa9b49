/**
 * Property tests of the send gate over any moment, policy, person and count: it never sends to someone who cannot be
 * reached, in quiet hours, on a skipped bank holiday or after a deadline; a deferral is always to a later moment that
 * itself passes the time rules; over the cap it sends only a message whose deadline the wait would miss; and the
 * same facts always give the same answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAY_REGIONS } from '../time/bank-holiday-regions.js';
import { startOfNextLocalDay } from './message-cap.js';
import { nextAllowedTime, type SendWindowPolicy } from '../time/quiet-hours.js';
import { STREAMS, whyUnreachable } from './reachability.js';
import { countsAgainstCap, decideSend, streamsOf, waitsForOpenConversation, type ScheduledKind, type SendGateInput } from './send-gate.js';

const RUNS = { numRuns: 400 };
const KINDS: ScheduledKind[] = ['reminder', 'dna_follow_up', 'welcome', 'check_in', 'campaign_check_in', 'pulse'];

const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const policies: fc.Arbitrary<SendWindowPolicy> = fc.record({
  quietHours: fc.oneof(fc.constant({ start: '21:00', end: '08:00' }), fc.constant(null), fc.record({ start: clock, end: clock })),
  skipBankHolidays: fc.boolean(),
  region: fc.constantFrom(...BANK_HOLIDAY_REGIONS),
});
/** Moments near the edges: bank holidays of each nation, quiet hours starting, the clocks changing. */
const edges = ['2026-12-24T20:58:00Z', '2027-01-01T23:58:00Z', '2027-03-17T07:58:00Z', '2027-07-12T07:58:00Z', '2027-03-28T00:58:00Z', '2026-10-25T00:58:00Z', '2027-12-26T23:58:00Z'].map(
  (iso) => new Date(iso).getTime(),
);
const moments = fc.oneof(
  fc.tuple(fc.constantFrom(...edges), fc.integer({ min: -6 * 3_600_000, max: 6 * 3_600_000 })).map(([edge, offset]) => new Date(edge + offset)),
  fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-06-01T00:00:00Z'), noInvalidDate: true }),
);
const people = fc.record({
  erased: fc.boolean(),
  hasPhone: fc.boolean(),
  consent: fc.boolean(),
  optedOut: fc.boolean(),
  wrongNumber: fc.boolean(),
  mutedStreams: fc.subarray([...STREAMS]),
});

const inputs: fc.Arbitrary<SendGateInput> = fc
  .record({
    now: moments,
    kind: fc.constantFrom(...KINDS),
    dueAgoMs: fc.integer({ min: 0, max: 10 * 24 * 3_600_000 }),
    deadlineInMs: fc.option(fc.integer({ min: -3_600_000, max: 4 * 24 * 3_600_000 }), { nil: null }),
    // Mostly reachable, so the later rules are reached often.
    person: fc.oneof({ weight: 3, arbitrary: fc.constant({ erased: false, hasPhone: true, consent: true, optedOut: false, wrongNumber: false, mutedStreams: [] }) }, { weight: 1, arbitrary: people }),
    policy: policies,
    timeZone: fc.constantFrom('Europe/London', 'Europe/London', 'America/New_York'),
    sentToday: fc.integer({ min: 0, max: 6 }),
    dailyCap: fc.integer({ min: 1, max: 5 }),
    openConversation: fc.constantFrom(null, null, 'reminder' as const, 'dna_follow_up' as const, 'question_session' as const),
    conversationWaits: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ dueAgoMs, deadlineInMs, ...rest }) => ({
    ...rest,
    dueAt: new Date(rest.now.getTime() - dueAgoMs),
    deadline: deadlineInMs === null ? null : new Date(rest.now.getTime() + deadlineInMs),
  }));

const passesTimeRules = (at: Date, input: SendGateInput) => nextAllowedTime(at, input.policy, input.timeZone).getTime() === at.getTime();

describe('the send gate (property)', () => {
  it('never sends to someone who cannot be reached on this stream', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const decision = decideSend(input);
        if (whyUnreachable(input.person, streamsOf(input.kind)) !== null) expect(decision).toMatchObject({ kind: 'drop' });
        if (input.person.optedOut || !input.person.consent) expect(decision.kind).not.toBe('send');
      }),
      RUNS,
    );
  });

  it('never sends in quiet hours, on a skipped bank holiday, or at or after a deadline', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        if (decideSend(input).kind !== 'send') return;
        expect(passesTimeRules(input.now, input)).toBe(true);
        if (input.deadline) expect(input.now.getTime()).toBeLessThan(input.deadline.getTime());
      }),
      RUNS,
    );
  });

  it('defers only to a later time that itself passes the time rules, and before any deadline', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const decision = decideSend(input);
        if (decision.kind !== 'defer') return;
        expect(decision.until.getTime()).toBeGreaterThan(input.now.getTime());
        expect(passesTimeRules(decision.until, input)).toBe(true);
        if (input.deadline) expect(decision.until.getTime()).toBeLessThan(input.deadline.getTime());
      }),
      RUNS,
    );
  });

  it('keeps to the cap: over it, only a message whose deadline the wait would miss is sent, and it says so', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const decision = decideSend(input);
        if (decision.kind !== 'send') return;
        const over = countsAgainstCap(input.kind) && input.sentToday >= input.dailyCap;
        expect(decision.overCap).toBe(over);
        if (over) {
          const tomorrow = nextAllowedTime(startOfNextLocalDay(input.now, input.timeZone), input.policy, input.timeZone);
          expect(input.deadline).not.toBeNull();
          expect(tomorrow.getTime()).toBeGreaterThanOrEqual((input.deadline as Date).getTime());
        }
      }),
      RUNS,
    );
  });

  it('never sends a message that waits for conversations while one is open', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        if (waitsForOpenConversation(input.kind) && input.openConversation !== null) expect(decideSend(input).kind).not.toBe('send');
      }),
      RUNS,
    );
  });

  it('is deterministic: the same facts give the same answer', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        expect(decideSend({ ...input })).toEqual(decideSend(structuredClone(input)));
      }),
      RUNS,
    );
  });
});
