import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../domain/time/clock.js';

/**
 * Fixed-window counters in Redis, shared by every web process. If Redis is away the limiter lets requests
 * through: the API staying up matters more than the limit. The window comes from the clock, so a test can hold it.
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Counts one hit for `key`; true when it is over `max` in the current window of `windowMs`. */
  async hit(key: string, max: number, windowMs: number): Promise<boolean> {
    const window = Math.floor(this.clock.now().getTime() / windowMs);
    const redisKey = `${this.prefix}:rl:${key}:${window}`;
    try {
      const [[, count]] = (await this.redis.multi().incr(redisKey).pexpire(redisKey, windowMs).exec()) as [[Error | null, number]];
      return count > max;
    } catch {
      return false;
    }
  }

  /** True when `key` is already over `max` in this window, without counting a hit. */
  async isOver(key: string, max: number, windowMs: number): Promise<boolean> {
    const window = Math.floor(this.clock.now().getTime() / windowMs);
    try {
      const count = Number((await this.redis.get(`${this.prefix}:rl:${key}:${window}`)) ?? 0);
      return count > max;
    } catch {
      return false;
    }
  }
}

/** Wrong tokens from one address per minute before it is turned away (guessing tokens). */
export const FAILED_SIGN_INS_PER_MINUTE = 60;
/** API calls per member of staff per minute (a runaway script, not a person). */
export const API_CALLS_PER_MINUTE = 1200;
