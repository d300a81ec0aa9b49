import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRM_RETRY_FOR_MS, DEFAULT_CRM_RETRY_POLICY, crmRetryDelayMs, crmShouldPark, type CrmRetryPolicy } from './crm-retry-schedule.js';

const HOUR = 3_600_000;

describe('the CRM retry schedule', () => {
  it('doubles from the base, with the jitter spanning the upper half of each step', () => {
    const policy = DEFAULT_CRM_RETRY_POLICY;
    expect([1, 2, 3, 4].map((n) => crmRetryDelayMs(n, 0, policy))).toEqual([2_500, 5_000, 10_000, 20_000]);
    expect([1, 2, 3, 4].map((n) => crmRetryDelayMs(n, 1, policy))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(crmRetryDelayMs(1, 0.5, policy)).toBe(3_750);
  });

  it('never waits longer than the cap, however many failures', () => {
    expect(crmRetryDelayMs(11, 0.999, DEFAULT_CRM_RETRY_POLICY)).toBeLessThanOrEqual(HOUR);
    expect(crmRetryDelayMs(10_000, 1, DEFAULT_CRM_RETRY_POLICY)).toBe(HOUR);
    expect(crmRetryDelayMs(10_000, 0, DEFAULT_CRM_RETRY_POLICY)).toBe(HOUR / 2);
  });

  it('keeps every wait in [step/2, step] and the steps non-decreasing (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60_000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (baseMs, capFactor, failures, random) => {
          const policy: CrmRetryPolicy = { baseMs, maxMs: baseMs * capFactor, retryForMs: CRM_RETRY_FOR_MS };
          const step = Math.min(policy.maxMs, baseMs * 2 ** (failures - 1));
          const delay = crmRetryDelayMs(failures, random, policy);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
          expect(delay).toBeLessThanOrEqual(Math.ceil(step));
          // The lowest possible next wait is never below the lowest possible wait now.
          expect(crmRetryDelayMs(failures + 1, 0, policy)).toBeGreaterThanOrEqual(crmRetryDelayMs(failures, 0, policy));
        },
      ),
    );
  });

  it('parks only once 24 hours have passed since the first failure', () => {
    const first = new Date('2026-03-01T09:00:00Z');
    expect(crmShouldPark(first, new Date(first.getTime() + CRM_RETRY_FOR_MS - 1), DEFAULT_CRM_RETRY_POLICY)).toBe(false);
    expect(crmShouldPark(first, new Date(first.getTime() + CRM_RETRY_FOR_MS), DEFAULT_CRM_RETRY_POLICY)).toBe(true);
  });

  it('keeps retrying for between 24 and 25 hours with the defaults, about every hour once capped (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 200, maxLength: 200 }), (randoms) => {
        const first = Date.parse('2026-03-01T09:00:00Z');
        let now = first;
        let failures = 1;
        while (!crmShouldPark(new Date(first), new Date(now), DEFAULT_CRM_RETRY_POLICY)) {
          now += crmRetryDelayMs(failures, randoms[failures % randoms.length] ?? 0, DEFAULT_CRM_RETRY_POLICY);
          failures++;
        }
        expect(now - first).toBeGreaterThanOrEqual(24 * HOUR);
        expect(now - first).toBeLessThanOrEqual(25 * HOUR);
        // 10 doublings to reach the cap, then between 24 and 48 waits of 30 to 60 minutes.
        expect(failures).toBeGreaterThanOrEqual(30);
        expect(failures).toBeLessThanOrEqual(70);
      }),
    );
  });
});
