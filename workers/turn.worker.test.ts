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
import { turnBatchJobId, turnJobId } from '../domain/job-keys.js';
import { JobQueues } from './queues.js';
import { RunInboundTurn, type InboundTextOutcome } from './run-inbound-turn.use-case.js';
import { createTurnWorker } from './turn.worker.js';

/** The describe block's own queues, on a Redis prefix of their own, their keys removed after it. */
function queuesOfItsOwn(): { queues: JobQueues } {
  const own = {} as { queues: JobQueues };
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    own.queues = new JobQueues(redis, `t${randomBytes(6).toString('hex')}`);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${own.queues.prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await own.queues.close();
    redis.disconnect();
  });
  return own;
}

describe('the turn worker giving up', () => {
  let database: CaseRecordDatabase;
  let close: (() => Promise<void>) | undefined;
  const own = queuesOfItsOwn();

  beforeAll(async () => {
    ({ database, close } = await openTestEngine('postgres', 'turn_worker_park'));
  });
  afterAll(async () => {
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
    const worker = createTurnWorker({ connection, prefix: own.queues.prefix, logger: pino({ level: 'silent' }) }, runTurn, async () => undefined, (turns) => own.queues.enqueueTurns(turns));
    try {
      await own.queues.turn.add('turn', { messageId }, { jobId: turnJobId(sid), attempts: 3, backoff: { type: 'fixed', delay: 10 } });
      const deadline = Date.now() + 15_000;
      while ((await (await own.queues.turn.getJob(turnJobId(sid)))?.getState()) !== 'failed' && Date.now() < deadline) {
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

describe('texts stored together asking for their turns', () => {
  const own = queuesOfItsOwn();

  const text = (n: number) => ({ twilioSid: `SM${randomBytes(16).toString('hex')}`, messageId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });

  it('is one job in Redis for the group, keyed by its texts: asking again for the same group adds nothing', async () => {
    const group = [text(1), text(2), text(3)];
    await own.queues.requestTurns(group);
    await own.queues.requestTurns(group);
    expect(await own.queues.turn.getJobCounts('waiting')).toEqual({ waiting: 1 });
    const job = await own.queues.turn.getJob(turnBatchJobId(group.map((t) => t.twilioSid)));
    expect(job?.data).toEqual({ turns: group });
    // Another group (even one sharing a text) is another job.
    await own.queues.requestTurns([group[0]!, text(4)]);
    expect(await own.queues.turn.getJobCounts('waiting')).toEqual({ waiting: 2 });
    await own.queues.turn.obliterate({ force: true });
  });

  it('a text on its own gets its own turn job at once', async () => {
    const alone = text(5);
    await own.queues.requestTurns([alone]);
    expect((await own.queues.turn.getJob(turnJobId(alone.twilioSid)))?.data).toEqual({ messageId: alone.messageId });
    await own.queues.turn.obliterate({ force: true });
  });

  it("adds each text's own keyed turn job, not a second one for a text whose job is still queued", async () => {
    const group = [text(6), text(7), text(8)];
    // The sweep (or a retried webhook) asked for one of them on its own, and its job is still waiting.
    await own.queues.enqueueTurn(group[1]!.twilioSid, { messageId: group[1]!.messageId });
    await own.queues.enqueueTurns(group);
    expect(await own.queues.turn.getJobCounts('waiting')).toEqual({ waiting: 3 });
    for (const t of group) expect((await own.queues.turn.getJob(turnJobId(t.twilioSid)))?.data).toEqual({ messageId: t.messageId });
    await own.queues.turn.obliterate({ force: true });
  });

  it("the turn worker takes the group's job apart and runs each text's turn through its own job", async () => {
    const group = [text(9), text(10), text(11)];
    const ran: string[] = [];
    const runTurn = {
      execute: async (messageId: string): Promise<InboundTextOutcome> => {
        ran.push(messageId);
        return { kind: 'done', writebackIds: [] };
      },
      park: async () => true,
    } as unknown as RunInboundTurn;
    const added: string[] = [];
    const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    const worker = createTurnWorker({ connection, prefix: own.queues.prefix, logger: pino({ level: 'silent' }) }, runTurn, async () => undefined, async (turns) => {
      added.push(...turns.map((t) => turnJobId(t.twilioSid)));
      await own.queues.enqueueTurns(turns);
    });
    try {
      await own.queues.requestTurns(group);
      const deadline = Date.now() + 10_000;
      while (ran.length < group.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    } finally {
      await worker.close();
      connection.disconnect();
    }
    expect(added).toEqual(group.map((t) => turnJobId(t.twilioSid)));
    expect([...ran].sort()).toEqual(group.map((t) => t.messageId).sort());
  });
});
