import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newcombeDifference, wilsonInterval } from './experiment-stats.js';

/** Published figures are given to 4 decimal places. */
const to4 = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

describe('wilsonInterval (95%)', () => {
  // Newcombe RG (1998a), "Two-sided confidence intervals for the single proportion: comparison of seven methods",
  // Statistics in Medicine 17:857–872, Table I, method 3 (score, no continuity correction); and the textbook
  // 8/10, 0/10 and 10/10.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [8, 10, 0.4902, 0.9433],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
  ])('%i/%i is %f to %f', (successes, trials, low, high) => {
    const interval = wilsonInterval(successes, trials);
    expect(interval.value).toBe(successes / trials);
    expect([to4(interval.low), to4(interval.high)]).toEqual([low, high]);
  });

  it('has no rate and no interval without trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ value: null, low: null, high: null });
  });

  it('refuses counts that are not a proportion', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });

  it('always holds the observed rate and stays within 0..1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (trials, share) => {
        const successes = Math.round(share * trials);
        const { value, low, high } = wilsonInterval(successes, trials);
        return low !== null && high !== null && value !== null && low >= 0 && high <= 1 && low <= value && value <= high;
      }),
    );
  });

  it('narrows as the same rate is seen over more trials', () => {
    const width = (n: number) => {
      const { low, high } = wilsonInterval(n / 2, n);
      return (high ?? 0) - (low ?? 0);
    };
    expect(width(20)).toBeGreaterThan(width(200));
    expect(width(200)).toBeGreaterThan(width(2000));
  });
});

describe('newcombeDifference (95%, hybrid score)', () => {
  // Newcombe RG (1998b), "Interval estimation for the difference between independent proportions: comparison of
  // eleven methods", Statistics in Medicine 17:873–890, Table II, method 10, examples (a), (b) and (d).
  it.each([
    ['(a)', 56, 70, 48, 80, 0.0524, 0.3339],
    ['(b)', 9, 10, 3, 10, 0.1705, 0.809],
    ['(d)', 5, 56, 0, 29, -0.0381, 0.1926],
  ])('example %s %i/%i − %i/%i is %f to %f', (_example, x1, n1, x2, n2, low, high) => {
    const interval = newcombeDifference({ successes: x1, trials: n1 }, { successes: x2, trials: n2 });
    expect(interval?.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect([to4(interval?.low ?? null), to4(interval?.high ?? null)]).toEqual([low, high]);
  });

  it('at 0/10 − 0/20 is the two Wilson upper bounds, as the method defines it', () => {
    const interval = newcombeDifference({ successes: 0, trials: 10 }, { successes: 0, trials: 20 });
    expect(interval && [interval.difference, to4(interval.low), to4(interval.high)]).toEqual([0, -0.1611, 0.2775]);
  });

  it('is the mirror image when the groups are swapped', () => {
    const ab = newcombeDifference({ successes: 56, trials: 70 }, { successes: 48, trials: 80 });
    const ba = newcombeDifference({ successes: 48, trials: 80 }, { successes: 56, trials: 70 });
    expect(ba?.difference).toBeCloseTo(-(ab?.difference ?? 0), 12);
    expect(ba?.low).toBeCloseTo(-(ab?.high ?? 0), 12);
    expect(ba?.high).toBeCloseTo(-(ab?.low ?? 0), 12);
  });

  it('is null when either group has no trials', () => {
    expect(newcombeDifference({ successes: 0, trials: 0 }, { successes: 3, trials: 5 })).toBeNull();
    expect(newcombeDifference({ successes: 3, trials: 5 }, { successes: 0, trials: 0 })).toBeNull();
  });

  it('always holds the observed difference and stays within −1..1', () => {
    const group = fc.integer({ min: 1, max: 500 }).chain((trials) => fc.record({ trials: fc.constant(trials), successes: fc.integer({ min: 0, max: trials }) }));
    fc.assert(
      fc.property(group, group, (a, b) => {
        const interval = newcombeDifference(a, b);
        return interval !== null && interval.low >= -1 && interval.high <= 1 && interval.low <= interval.difference && interval.difference <= interval.high;
      }),
    );
  });
});
