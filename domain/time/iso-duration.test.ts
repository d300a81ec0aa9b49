import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isIsoDuration, MAX_DURATION_DAYS, nominalMinutes, parseIsoDuration, subtractDuration } from './iso-duration.js';

const LONDON = 'Europe/London';

describe('parseIsoDuration', () => {
  it.each([
    ['P2D', { weeks: 0, days: 2, hours: 0, minutes: 0 }],
    ['PT2H', { weeks: 0, days: 0, hours: 2, minutes: 0 }],
    ['PT30M', { weeks: 0, days: 0, hours: 0, minutes: 30 }],
    ['P1DT2H', { weeks: 0, days: 1, hours: 2, minutes: 0 }],
    ['P1DT2H30M', { weeks: 0, days: 1, hours: 2, minutes: 30 }],
    ['PT1H30M', { weeks: 0, days: 0, hours: 1, minutes: 30 }],
    ['P1W', { weeks: 1, days: 0, hours: 0, minutes: 0 }],
    ['P7D', { weeks: 0, days: 7, hours: 0, minutes: 0 }],
    ['P1W2D', { weeks: 1, days: 2, hours: 0, minutes: 0 }],
    ['PT48H', { weeks: 0, days: 0, hours: 48, minutes: 0 }],
    ['P60D', { weeks: 0, days: 60, hours: 0, minutes: 0 }],
    ['P8W4D', { weeks: 8, days: 4, hours: 0, minutes: 0 }],
  ])('reads %s', (text, expected) => {
    expect(parseIsoDuration(text)).toEqual(expected);
    expect(isIsoDuration(text)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['P', 'no parts'],
    ['PT', 'no time parts'],
    ['P1DT', 'T with nothing after it'],
    ['P0D', 'zero'],
    ['PT0H0M', 'zero'],
    ['-P1D', 'negative'],
    ['P-1D', 'negative'],
    ['P1Y', 'years'],
    ['P1M', 'months (M before T)'],
    ['P1Y2M3D', 'years and months'],
    ['PT30S', 'seconds only'],
    ['PT1H30S', 'seconds'],
    ['PT1.5H', 'fractions'],
    ['PT1,5H', 'fractions'],
    ['P61D', 'over 60 days'],
    ['P9W', 'over 60 days'],
    ['P60DT1M', 'over 60 days'],
    ['PT1441H', 'over 60 days'],
    ['p2d', 'lower case'],
    [' P2D', 'spaces'],
    ['P2D ', 'spaces'],
    ['2D', 'no P'],
    ['P2H', 'hours without T'],
    ['PT2D', 'days after T'],
    ['P2DT', 'dangling T'],
    ['P1D2W', 'wrong order'],
    ['PT30M2H', 'wrong order'],
    ['P99999999999999999999D', 'huge'],
  ])('refuses %j (%s)', (text) => {
    expect(parseIsoDuration(text)).toBeNull();
    expect(isIsoDuration(text)).toBe(false);
  });

  it('accepts exactly what is between one minute and 60 days, for any mix of parts', () => {
    fc.assert(
      fc.property(
        fc.nat(12), fc.nat(70), fc.nat(1500), fc.nat(90_000),
        fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(),
        (weeks, days, hours, minutes, w, d, h, m) => {
          const text = `P${w ? `${weeks}W` : ''}${d ? `${days}D` : ''}${h || m ? 'T' : ''}${h ? `${hours}H` : ''}${m ? `${minutes}M` : ''}`;
          const total = (w ? weeks : 0) * 7 * 1440 + (d ? days : 0) * 1440 + (h ? hours : 0) * 60 + (m ? minutes : 0);
          const parsed = parseIsoDuration(text);
          const inRange = total > 0 && total <= MAX_DURATION_DAYS * 1440 && hours < 10_000 && minutes < 100_000;
          expect(parsed !== null).toBe(inRange);
          if (parsed) expect(nominalMinutes(parsed)).toBe(total);
        },
      ),
    );
  });
});

describe('subtractDuration', () => {
  const duration = (text: string) => {
    const parsed = parseIsoDuration(text);
    if (!parsed) throw new Error(text);
    return parsed;
  };

  it('P1D keeps the wall-clock time across the spring-forward change (a 23-hour day)', () => {
    // Clocks go forward at 01:00 UTC on Sunday 29 March 2026: 10:00 that day is BST, 10:00 the day before GMT.
    const startsAt = new Date('2026-03-29T09:00:00Z'); // 10:00 BST
    expect(subtractDuration(startsAt, duration('P1D'), LONDON)).toEqual(new Date('2026-03-28T10:00:00Z')); // 10:00 GMT
    expect(subtractDuration(startsAt, duration('PT24H'), LONDON)).toEqual(new Date('2026-03-28T09:00:00Z')); // 09:00 GMT
  });

  it('P1D keeps the wall-clock time across the fall-back change (a 25-hour day)', () => {
    // Clocks go back at 01:00 UTC on Sunday 25 October 2026.
    const startsAt = new Date('2026-10-25T10:00:00Z'); // 10:00 GMT
    expect(subtractDuration(startsAt, duration('P1D'), LONDON)).toEqual(new Date('2026-10-24T09:00:00Z')); // 10:00 BST
    expect(subtractDuration(startsAt, duration('PT24H'), LONDON)).toEqual(new Date('2026-10-24T10:00:00Z')); // 11:00 BST
  });

  it('P2D and P1W from the day after a change land at the same local time', () => {
    const startsAt = new Date('2026-03-30T09:00:00Z'); // Monday 10:00 BST
    expect(subtractDuration(startsAt, duration('P2D'), LONDON)).toEqual(new Date('2026-03-28T10:00:00Z')); // Sat 10:00 GMT
    expect(subtractDuration(startsAt, duration('P1W'), LONDON)).toEqual(new Date('2026-03-23T10:00:00Z'));
    expect(subtractDuration(startsAt, duration('P7D'), LONDON)).toEqual(new Date('2026-03-23T10:00:00Z'));
  });

  it('PT2H is exactly two hours, even across the change', () => {
    const startsAt = new Date('2026-03-29T02:30:00Z'); // 03:30 BST; 2 h earlier is 00:30 GMT
    expect(subtractDuration(startsAt, duration('PT2H'), LONDON)).toEqual(new Date('2026-03-29T00:30:00Z'));
    const autumn = new Date('2026-10-25T02:30:00Z'); // 02:30 GMT; 2 h earlier is 01:30 BST
    expect(subtractDuration(autumn, duration('PT2H'), LONDON)).toEqual(new Date('2026-10-25T00:30:00Z'));
  });

  it('P1DT2H moves the date first, then exact hours', () => {
    const startsAt = new Date('2026-03-29T09:00:00Z'); // Sun 10:00 BST → Sat 10:00 GMT → 08:00 GMT
    expect(subtractDuration(startsAt, duration('P1DT2H'), LONDON)).toEqual(new Date('2026-03-28T08:00:00Z'));
  });

  it('a wall-clock time the clocks skip moves forward to one that exists', () => {
    const startsAt = new Date('2026-03-30T00:30:00Z'); // Mon 01:30 BST; Sun 01:30 does not exist
    expect(subtractDuration(startsAt, duration('P1D'), LONDON)).toEqual(new Date('2026-03-29T01:30:00Z')); // 02:30 BST
  });

  it('does not depend on the machine zone, and returns a plain Date', () => {
    const result = subtractDuration(new Date('2026-07-01T12:00:00Z'), duration('PT30M'), LONDON);
    expect(result.constructor).toBe(Date);
    expect(result.toISOString()).toBe('2026-07-01T11:30:00.000Z');
  });

  it('is never more than an hour from nominal length, and hours and minutes are always exact', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.nat(8), fc.nat(60), fc.nat(48), fc.nat(59),
        (instant, weeks, days, hours, minutes) => {
          const total = (weeks * 7 + days) * 1440 + hours * 60 + minutes;
          fc.pre(total > 0 && total <= MAX_DURATION_DAYS * 1440);
          const result = subtractDuration(instant, { weeks, days, hours, minutes }, LONDON);
          const elapsed = (instant.getTime() - result.getTime()) / 60_000;
          expect(Math.abs(elapsed - total)).toBeLessThanOrEqual(60);
          if (weeks === 0 && days === 0) expect(elapsed).toBe(total);
        },
      ),
    );
  });
});
