import { describe, expect, it } from 'vitest';
import { sustainmentAtWeek } from './sustainment.js';

const ZONE = 'Europe/London';
const job = (over: Partial<{ leftAt: Date | null; lastAnswerAt: Date | null }> = {}) => ({ startDate: '2026-03-02', leftAt: null, lastAnswerAt: null, ...over });

describe('in work N weeks after a job start', () => {
  const asOf = new Date('2026-09-30T00:00:00Z');

  it('is confirmed by an answer about the job on or after that day (local midnight, in summer time too)', () => {
    // Week 13 is 1 June 2026, which starts at 23:00 UTC on 31 May.
    expect(sustainmentAtWeek(job({ lastAnswerAt: new Date('2026-05-31T23:00:00Z') }), 13, asOf, ZONE)).toBe('confirmed');
    expect(sustainmentAtWeek(job({ lastAnswerAt: new Date('2026-05-31T22:59:59Z') }), 13, asOf, ZONE)).toBe('unconfirmed');
    // A later answer stands for the earlier weeks of the same job.
    expect(sustainmentAtWeek(job({ lastAnswerAt: new Date('2026-06-10T10:00:00Z') }), 4, asOf, ZONE)).toBe('confirmed');
  });

  it('is left when they left before that day, and not yet when the day is after the report', () => {
    const left = job({ leftAt: new Date('2026-04-15T10:00:00Z'), lastAnswerAt: new Date('2026-04-01T10:00:00Z') });
    expect(sustainmentAtWeek(left, 4, asOf, ZONE)).toBe('confirmed');
    expect(sustainmentAtWeek(left, 13, asOf, ZONE)).toBe('left');
    expect(sustainmentAtWeek(job(), 26, new Date('2026-08-01T00:00:00Z'), ZONE)).toBe('not_yet');
    expect(sustainmentAtWeek(job(), 26, asOf, ZONE)).toBe('unconfirmed');
  });
});
