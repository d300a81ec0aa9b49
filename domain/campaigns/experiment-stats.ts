/**
 * Confidence intervals for the rates a wording experiment reports, as pure functions.
 *
 * - One rate (attended / reminded appointments with attendance recorded): the Wilson score interval, which stays
 *   inside 0..1 and behaves at 0/n and n/n and for small n, where the textbook "p ± 1.96·SE" (Wald) interval fails.
 * - The difference between two rates: Newcombe's hybrid score interval ("square and add" of the two Wilson
 *   intervals; method 10 of Newcombe 1998, Statistics in Medicine 17:873–890), recommended there over the Wald
 *   difference for the same reasons.
 */

/** The standard normal quantile for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface RateInterval {
  /** successes / trials; null when there are no trials. */
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface DifferenceInterval {
  /** rate of the first group minus rate of the second. */
  difference: number;
  low: number;
  high: number;
}

/** The Wilson score interval (without continuity correction) for `successes` out of `trials`. */
export function wilsonInterval(successes: number, trials: number, z = Z_95): RateInterval {
  assertCounts(successes, trials);
  if (trials === 0) return { value: null, low: null, high: null };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0/n and n/n the bound is exactly 0 or 1; rounding must not put it a hair outside.
  return {
    value: p,
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

/**
 * Newcombe's hybrid score interval for p1 − p2, from each group's Wilson interval. Undefined (null) when either
 * group has no trials.
 */
export function newcombeDifference(
  first: { successes: number; trials: number },
  second: { successes: number; trials: number },
  z = Z_95,
): DifferenceInterval | null {
  const a = wilsonInterval(first.successes, first.trials, z);
  const b = wilsonInterval(second.successes, second.trials, z);
  if (a.value === null || b.value === null || a.low === null || a.high === null || b.low === null || b.high === null) return null;
  const difference = a.value - b.value;
  return {
    difference,
    low: Math.max(-1, difference - Math.hypot(a.value - a.low, b.high - b.value)),
    high: Math.min(1, difference + Math.hypot(a.high - a.value, b.value - b.low)),
  };
}

function assertCounts(successes: number, trials: number): void {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0 || successes > trials) {
    throw new RangeError(`not a proportion: ${successes}/${trials}`);
  }
}
