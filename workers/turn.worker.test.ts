import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngagementBot } from '../bot/twilio/engagement.bot.js';
import type { TwilioBotAdapter } from '../bot/twilio/twilio-bot.adapter.js';
import { systemClock } from '../domain/time/clock.js';
import type { CaseRecordDatabase } from '../store/database.js';
import { MessageRepository } from '../store/message.repository.js';
import { participantWithText } from '../test/dead-letters.fixture.js';
import { openTestEngine, testRedisUrl } from '../test/test-database.js';
import { turnJobId } from '../domain/job-keys.js';
import { JobQueues } from './queues.js';
import { RunInboundTurn } from './run-inbound-turn.use-case.js';
import { createTurnWorker } from './turn.worker.js';

describe('the turn worker giving up', () => {
  let database: CaseRecordDatabase;
  let close: (() => Promise<void>) | undefined;
  let redis: Redis;
  let queues: JobQueues;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine('postgres', 'turn_worker_park'));
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    queues = new JobQueues(redis, `t${randomBytes(6).toString('hex')}`);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${queues.prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await queues.close();
    redis.disconnect();
    await close?.();
  });

  it('parks the text as a dead letter after the last try of its job, not before', async () => {
    const { messageId, sid } = await participantWithText(database.db, '+447700900651', 'Running late');
    const statusAtEachTry: Array<string | undefined> = [];
    // A conversation that throws on every turn (a bug in a dialog, say): the real use case around it.
    const adapter = {
      runTurn: async () => {
        statusAtEachTry.push((await new MessageRepository(database.db).findById(messageId))?.status);
        throw new Error('dialog blew up for +447700900651');
      },
    } as unknown as TwilioBotAdapter;
    const runTurn = new RunInboundTurn({ db: database.db, adapter, bot: {} as EngagementBot, clock: systemClock, programmeName: 'Test', timeZone: 'Europe/London' });
    const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    const worker = createTurnWorker({ connection, prefix: queues.prefix, logger: pino({ level: 'silent' }) }, runTurn, async () => undefined);
    try {
      await queues.turn.add('turn', { messageId }, { jobId: turnJobId(sid), attempts: 3, backoff: { type: 'fixed', delay: 10 } });
      const deadline = Date.now() + 15_000;
      while ((await (await queues.turn.getJob(turnJobId(sid)))?.getState()) !== 'failed' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await worker.close();
      connection.disconnect();
    }
    // Still waiting for its turn at every try; parked only once the last one failed.
    expect(statusAtEachTry).toEqual(['received', 'received', 'received']);
    const row = await new MessageRepository(database.db).findById(messageId);
    expect(row).toMatchObject({ status: 'failed', error_message: 'Error: dialog blew up for [number]' });
    expect(row?.parked_at).toBeInstanceOf(Date);
  });
});
