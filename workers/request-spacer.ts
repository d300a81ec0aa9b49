import type { Redis } from 'ioredis';

/**
 * Spaces requests to Twilio at least `gapMs` apart across every workers process, taken at the moment of the request
 * (by Redis's clock), not when the job started: the claim between a job's start and its request takes longer on a
 * busy machine, so sends paced only by their jobs' starts can reach Twilio bunched together.
 */
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local gap = tonumber(ARGV[1])
if now - last >= gap then
  redis.call('SET', KEYS[1], now, 'PX', 60000)
  return -now
end
return last + gap - now`;

export class RequestSpacer {
  readonly #key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly gapMs: number,
  ) {
    this.#key = `${prefix}:outbound:last-request`;
  }

  /** Resolves when this process may make the next request, with the slot's time (Redis's clock, in ms). */
  async nextSlot(): Promise<number> {
    for (;;) {
      // Negative: the slot is ours, at minus that time. Positive: how long to wait before asking again.
      const answer = Number(await this.redis.eval(TAKE_SLOT, 1, this.#key, String(this.gapMs)));
      if (answer <= 0) return -answer;
      await new Promise((resolve) => setTimeout(resolve, answer));
    }
  }
}
