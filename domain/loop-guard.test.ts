import { describe, expect, it } from 'vitest';
import { FLOOD_MESSAGES, isLoop, LOOP_REPEATS } from './loop-guard.js';

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
});
