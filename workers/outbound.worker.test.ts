import { describe, expect, it } from 'vitest';
import { sendPacing, sendRetryDelay } from './outbound.worker.js';

describe('sendPacing', () => {
  it.each([
    [5, 200],
    [10, 100],
    [1000, 1],
    // 333 ms would let four start within 999 ms.
    [3, 334],
    [7, 143],
  ])('at %i a second starts one send every %i ms', (rate, ms) => {
    expect(sendPacing(rate)).toEqual({ max: 1, duration: ms });
  });

  it('never lets rate + 1 sends start within one second, whatever the rate', () => {
    for (let rate = 1; rate <= 1000; rate++) expect(sendPacing(rate).duration * rate).toBeGreaterThanOrEqual(1000);
  });
});

describe('sendRetryDelay', () => {
  it('waits the base after the first try, then doubles, as BullMQ\'s exponential backoff did at 2 s', () => {
    expect([1, 2, 3, 4, 7].map((attemptsMade) => sendRetryDelay(attemptsMade, 2000))).toEqual([2000, 4000, 8000, 16_000, 128_000]);
    expect([1, 2, 3].map((attemptsMade) => sendRetryDelay(attemptsMade, 250))).toEqual([250, 500, 1000]);
  });
});
