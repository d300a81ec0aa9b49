import { describe, expect, it } from 'vitest';
import { startOfLocalDay, startOfNextLocalDay } from './message-cap.js';

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
});
