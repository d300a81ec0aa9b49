import type { Clock } from '../domain/time/clock.js';

/**
 * Real time plus an offset a test moves forward: everything keeps ticking as usual (timers, backoff, BullMQ), and a
 * wait of minutes the code measures with this clock takes no time at all.
 */
export class ShiftedClock implements Clock {
  #offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  advance(ms: number): void {
    this.#offsetMs += ms;
  }
}
