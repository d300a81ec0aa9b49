import { describe, expect, it } from 'vitest';
import { capDecision, startOfLocalDay, startOfNextLocalDay } from './message-cap.js';

const LONDON = 'Europe/London';

describe('the daily message cap', () => {
  it('finds local midnight in London, summer and winter', () => {
    expect(startOfLocalDay(new Date('2026-07-01T12:00:00Z'), LONDON).toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-12-01T12:00:00Z'), LONDON).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    // 23:30 UTC on 31 Jul is 00:30 on 1 Aug in London.
    expect(startOfLocalDay(new Date('2026-07-31T23:30:00Z'), LONDON).toISOString()).toBe('2026-07-31T23:00:00.000Z');
    // The day the clocks go back is 25 hours long.
    expect(startOfNextLocalDay(new Date('2026-10-25T10:00:00Z'), LONDON).toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });

  it.each([
    [0, 'send'],
    [2, 'send'],
  ])('sends when %i were sent today (cap 3)', (sentToday, kind) => {
    const decision = capDecision({
      sentToday,
      cap: 3,
      nextDayAllowedAt: new Date('2026-03-05T08:00:00Z'),
      latestUsefulAt: new Date('2026-03-06T09:45:00Z'),
    });
    expect(decision.kind).toBe(kind);
  });

  it('defers a capped reminder to tomorrow when that is still in time', () => {
    expect(
      capDecision({
        sentToday: 3,
        cap: 3,
        nextDayAllowedAt: new Date('2026-03-05T08:00:00Z'),
        latestUsefulAt: new Date('2026-03-06T09:45:00Z'),
      }),
    ).toEqual({ kind: 'defer', until: new Date('2026-03-05T08:00:00Z') });
  });

  it('sends a capped reminder anyway when waiting would make it too late', () => {
    expect(
      capDecision({
        sentToday: 5,
        cap: 3,
        nextDayAllowedAt: new Date('2026-03-05T08:00:00Z'),
        latestUsefulAt: new Date('2026-03-04T15:45:00Z'),
      }),
    ).toEqual({ kind: 'send' });
  });
});
