import { describe, expect, it } from 'vitest';
import { sendPacing } from './outbound.worker.js';

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
