import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/time/clock.js';
import { MAX_SEND_ATTEMPTS } from '../../domain/sending/delivery.js';
import type { CaseRecordDatabase } from '../../store/database.js';
import { MessageRepository } from '../../store/message.repository.js';
import { participantWithText } from '../../test/dead-letters.fixture.js';
import { openTestEngine, testRedisUrl } from '../../test/test-database.js';
import { sendJobId, turnJobId } from '../../domain/job-keys.js';
import { JobQueues } from '../../workers/queues.js';
import { SendOutboundMessage } from '../sending/send-outbound.action.js';
import { ListDeadLetters } from './list-dead-letters.action.js';
import { ParkFailedTurn } from '../conversation/park-failed-turn.action.js';
import { ReplayDeadLetters } from './replay-dead-letters.action.js';

describe('replaying dead letters', () => {
  let database: CaseRecordDatabase;
  let close: (() => Promise<void>) | undefined;
  let redis: Redis;
  let queues: JobQueues;
  let staffId: string;
  const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));

  beforeAll(async () => {
    ({ database, close } = await openTestEngine('postgres', 'app_replay'));
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    queues = new JobQueues(redis, `t${randomBytes(6).toString('hex')}`);
    const staff = await database.db
      .insertInto('staff')
      .values({ name: 'Ada', role: 'admin', team: null, token_lookup: randomBytes(8).toString('hex'), token_hash: 'h' })
      .returning('id')
      .executeTakeFirstOrThrow();
    staffId = staff.id;
  });
  afterAll(async () => {
    const keys = await redis.keys(`${queues.prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await queues.close();
    redis.disconnect();
    await close?.();
  });

  const replay = (ids: string[]) => new ReplayDeadLetters({ db: database.db, clock, queues }).execute({ ids, staffId, requestId: 'req-replay' });

  it('a parked turn is received again and its turn job re-added once; replaying again, or once answered, does nothing', async () => {
    const { messageId, sid } = await participantWithText(database.db, '+447700900611', 'See you Tuesday');
    await new ParkFailedTurn({ db: database.db, clock }).execute(messageId, new Error('boom'));
    // The job that gave up is still in Redis, holding its id.
    await queues.enqueueTurn(sid, { messageId });

    expect(await replay([messageId])).toEqual([{ id: messageId, outcome: 'replayed', kind: 'turn' }]);
    expect(await new MessageRepository(database.db).findById(messageId)).toMatchObject({ status: 'received', parked_at: null });
    expect(await (await queues.turn.getJob(turnJobId(sid)))?.getState()).toBe('waiting');

    expect(await replay([messageId])).toEqual([{ id: messageId, outcome: 'skipped', reason: 'not a dead letter (now received)' }]);
    await new MessageRepository(database.db).setStatus(messageId, 'processed');
    expect(await replay([messageId])).toEqual([{ id: messageId, outcome: 'skipped', reason: 'not a dead letter (now processed)' }]);
    expect(await queues.turn.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('a send that gave up after its retries is parked, then queued again with fresh tries and sent once', async () => {
    const { participantId } = await participantWithText(database.db, '+447700900612', 'hello');
    const { message } = await new MessageRepository(database.db).insertOutbound({
      participantId,
      channel: 'sms',
      phone: '+447700900612',
      body: 'Your appointment is on Tuesday at 10:00.',
      kind: 'reminder',
      sourceKey: `reminder-${participantId}`,
      status: 'queued',
    });
    await database.db.updateTable('messages').set({ attempts: MAX_SEND_ATTEMPTS - 1 }).where('id', '=', message.id).execute();
    const sent: string[] = [];
    let twilioUp = false;
    const sender = new SendOutboundMessage({
      db: database.db,
      transport: {
        send: async (m) => {
          if (!twilioUp) throw new Error('503 from +447700900612');
          sent.push(m.body);
          return { sid: `SM${randomBytes(16).toString('hex')}`, status: 'queued' };
        },
      },
      classify: (error) => ({ kind: 'retryable', message: (error as Error).message }),
      clock,
      statusCallbackUrl: undefined,
      whatsappFallback: { kind: 'none' },
      enqueueSends: async () => undefined,
    });
    expect((await sender.execute(message.id)).kind).toBe('failed');

    const listed = await new ListDeadLetters({ db: database.db }).execute({ kind: 'send', limit: 10 });
    expect(listed.deadLetters).toEqual([
      expect.objectContaining({ id: message.id, kind: 'send', status: 'failed', attempts: MAX_SEND_ATTEMPTS, replayable: true, messageKind: 'reminder' }),
    ]);
    expect(JSON.stringify(listed)).not.toContain('Tuesday');
    expect(JSON.stringify(listed)).not.toContain('900612');

    expect(await replay([message.id])).toEqual([{ id: message.id, outcome: 'replayed', kind: 'send' }]);
    expect(await (await queues.outbound.getJob(sendJobId(message.id)))?.getState()).toBe('waiting');
    twilioUp = true;
    expect((await sender.execute(message.id)).kind).toBe('sent');
    // Sent: replaying it again, or its job running twice, sends nothing more.
    expect(await replay([message.id])).toEqual([{ id: message.id, outcome: 'skipped', reason: 'not a dead letter (now accepted)' }]);
    expect((await sender.execute(message.id)).kind).toBe('skipped');
    expect(sent).toEqual(['Your appointment is on Tuesday at 10:00.']);

    const audit = await database.db.selectFrom('audit_log').selectAll().where('subject_id', '=', message.id).orderBy('id').execute();
    expect(audit.map((a) => [a.staff_id, a.route, a.status, a.request_id])).toEqual([
      [staffId, '/api/dead-letters/replay', 202, 'req-replay'],
      [staffId, '/api/dead-letters/replay', 409, 'req-replay'],
    ]);
  });

  it('never replays an unconfirmed send (Twilio may have it), a send something else stands in for, or a stranger', async () => {
    const { participantId } = await participantWithText(database.db, '+447700900613', 'hi');
    const messages = new MessageRepository(database.db);
    const make = async (key: string, status: 'queued') =>
      (await messages.insertOutbound({ participantId, channel: 'sms', phone: '+447700900613', body: 'x', kind: 'reply', sourceKey: key, status })).message;
    const cut = await make(`cut-${participantId}`, 'queued');
    await messages.setStatus(cut.id, 'unconfirmed');
    const replaced = await make(`replaced-${participantId}`, 'queued');
    await messages.setStatus(replaced.id, 'failed', { parkedAt: clock.now() });
    await messages.insertOutbound({ participantId, channel: 'sms', phone: '+447700900613', body: 'x', kind: 'reply', sourceKey: `resend-${replaced.id}`, status: 'queued', fallbackOf: replaced.id });
    const absent = '00000000-0000-4000-8000-000000000613';

    const results = await replay([cut.id, replaced.id, absent]);
    expect(results.map((r) => [r.id, r.outcome, r.outcome === 'skipped' && r.reason])).toEqual([
      [cut.id, 'skipped', expect.stringContaining('Twilio may already have it')],
      [replaced.id, 'skipped', 'a resend or fallback of it was already made'],
      [absent, 'skipped', 'no such message'],
    ]);
    expect(await messages.findById(cut.id)).toMatchObject({ status: 'unconfirmed' });
    expect(await messages.findById(replaced.id)).toMatchObject({ status: 'failed' });
  });
});
