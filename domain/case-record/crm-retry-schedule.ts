/**
 * When a case-record delivery the CRM did not accept is tried again, and when it stops being tried (CONTRACT.md
 * "The programme's own CRM": retried with backoff for at least 24 hours, then parked as a dead letter).
 *
 * Exponential backoff with "equal jitter": the n-th wait is drawn from [step/2, step], where step doubles from
 * `baseMs` up to `maxMs`. Half the step is fixed, so retries never bunch up near zero; the other half is random,
 * so the queues of many people whose CRM went down together do not all retry in the same instant.
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/)
 */
export interface CrmRetryPolicy {
  /** The first retry comes after between half of this and this. @defaultValue 5000 */
  baseMs: number;
  /** No wait is longer than this. @defaultValue 3,600,000 (one hour) */
  maxMs: number;
  /** Keep trying at least this long after the first failure; the first failure after that parks it. @defaultValue 24 hours */
  retryForMs: number;
}

export const CRM_RETRY_FOR_MS = 24 * 3_600_000;

export const DEFAULT_CRM_RETRY_POLICY: CrmRetryPolicy = { baseMs: 5_000, maxMs: 3_600_000, retryForMs: CRM_RETRY_FOR_MS };

/**
 * How long to wait before the next try, after `failures` failed tries in a row (1 after the first).
 * `random` is a number in [0, 1) (Math.random in production, fixed in tests).
 */
export function crmRetryDelayMs(failures: number, random: number, policy: CrmRetryPolicy): number {
  const doublings = Math.min(Math.max(failures, 1) - 1, 40);
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** doublings);
  const jitter = Math.min(Math.max(random, 0), 1);
  return Math.round(step / 2 + (jitter * step) / 2);
}

/**
 * Whether a delivery that has just failed again is parked instead of retried: once `retryForMs` has passed since
 * its first failure. Every wait is at most `maxMs`, so a delivery is tried for between `retryForMs` and
 * `retryForMs + maxMs` in all.
 */
export function crmShouldPark(firstFailedAt: Date, now: Date, policy: CrmRetryPolicy): boolean {
  return now.getTime() - firstFailedAt.getTime() >= policy.retryForMs;
}
