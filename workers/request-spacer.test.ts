import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../test/test-database.js';
import { RequestSpacer } from './request-spacer.js';

describe('spacing requests to Twilio across workers processes', () => {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  afterAll(async () => redis.quit());

  it('gives slots at least the gap apart, by Redis time, however many ask at once and from how many spacers', async () => {
    const prefix = `spacer${randomBytes(4).toString('hex')}`;
    // Two spacers stand for two processes sharing one Redis.
    const spacers = [new RequestSpacer(redis, prefix, 50), new RequestSpacer(redis, prefix, 50)];
    const turns = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (spacers[i % 2] as RequestSpacer).nextSlot()),
    );
    const sorted = turns.sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect((sorted[i] as number) - (sorted[i - 1] as number)).toBeGreaterThanOrEqual(50);
  });
});
