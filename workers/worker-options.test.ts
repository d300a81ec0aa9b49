import { describe, expect, it } from 'vitest';
import { lockOptions, STALLS_BEFORE_FAILED } from './worker-options.js';

describe('worker lock options', () => {
  it('take a job back after the lock lapses, checked as often as the lock lasts', () => {
    expect(lockOptions(2000)).toEqual({ lockDuration: 2000, stalledInterval: 2000, maxStalledCount: STALLS_BEFORE_FAILED });
  });

  it("keep BullMQ's lock by default, but never fail a job for one or two stalls (a kill, then a pause on a busy machine)", () => {
    expect(lockOptions(undefined)).toEqual({ maxStalledCount: STALLS_BEFORE_FAILED });
    expect(STALLS_BEFORE_FAILED).toBeGreaterThan(2);
  });
});
