import { describe, expect, it } from 'vitest';
import { FLOOD_MESSAGES, isLoop, loopAlertOnceKey, LOOP_REPEATS } from './loop-guard.js';

describe('loop guard', () => {
  it.each([
    [1, 1, false],
    [LOOP_REPEATS - 1, LOOP_REPEATS - 1, false],
    [LOOP_REPEATS, LOOP_REPEATS, true],
    [2, FLOOD_MESSAGES - 1, false],
    [2, FLOOD_MESSAGES, true],
  ])('%i identical texts among %i in the window → loop %s', (same, all, loop) => {
    expect(isLoop({ sameTextInWindow: same, allTextsInWindow: all })).toBe(loop);
  });

  it('keys the loop alert by the day on the programme’s calendar, not by UTC', () => {
    // 23:30 UTC on 1 July is 00:30 on 2 July in London (BST): a new day there.
    expect(loopAlertOnceKey('p-1', new Date('2026-07-01T23:30:00Z'), 'Europe/London')).toBe('loop-p-1-2026-07-02');
    expect(loopAlertOnceKey('p-1', new Date('2026-07-01T22:30:00Z'), 'Europe/London')).toBe('loop-p-1-2026-07-01');
    expect(loopAlertOnceKey('p-1', new Date('2026-07-01T23:30:00Z'), 'UTC')).toBe('loop-p-1-2026-07-01');
  });
});
