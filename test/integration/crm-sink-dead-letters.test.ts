import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.js';
import { CRM_RETRY_FOR_MS } from '../../domain/case-record/crm-retry-schedule.js';
import { startWorkers } from '../../workers/main.js';
import { CrmReceiver } from '../crm-receiver.js';
import { appendEvents, expectLaneOrder, nothingPending, owed } from '../crm-sink-lanes.js';
import { eventually, ManualClock, TestApp } from '../test-app.js';

const SECRET = 'dead-letter-secret-9f8e7d6c5b4a';

/**
 * 24 hours of retries without waiting 24 hours: short real waits between tries (CRM_SINK_RETRY_*_MS), and a clock
 * the test moves past the 24 hours since the first failure.
 */
describe('CRM deliveries not accepted for 24 hours are parked, hold back that person only, and can be replayed', () => {
  const clock = new ManualClock(new Date());
  const logs: string[] = [];
  let app: TestApp;
  let receiver: CrmReceiver;
  let ann: { id: string };
  let ben: { id: string };
  let refuseAnn = true;

  beforeAll(async () => {
    receiver = await new CrmReceiver(SECRET).start();
    receiver.answer = (d) => (refuseAnn && d.payload.participantId === ann?.id ? 500 : 200);
    app = await TestApp.start({
      clock,
      workers: false,
      env: { CRM_SINK_RETRY_BASE_MS: '20', CRM_SINK_RETRY_MAX_MS: '100', CRM_SINK_TIMEOUT_MS: '2000' },
    });
    // The workers log at debug level into memory, through the production logger (with its redaction).
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    app.workers = await startWorkers({ config: app.config, database: app.database, logger: createLogger('debug', sink), clock });
    // Added before the sink is set: what they owe is what the test appends.
    ann = await app.createParticipant('07700 900731');
    ben = await app.createParticipant('07700 900732');
    expect((await app.api('PUT', '/api/integrations/case-record-sink', { url: receiver.url, secret: SECRET, enabled: true })).status).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.stop();
  });

  const annHead = async () => {
    const lane = (await owed(app)).get(ann.id) ?? [];
    return app.db.selectFrom('case_record_deliveries').selectAll().where('event_id', '=', lane[0] ?? '0').executeTakeFirstOrThrow();
  };

  it('keeps retrying the head for as long as 24 hours have not passed, and nothing behind it goes', async () => {
    await appendEvents(app, [ann.id, ben.id], 4, 'dl');
    await eventually(async () => (await annHead()).attempts >= 5 && (await annHead()), 15_000, 'several refused tries');
    const benLane = (await owed(app)).get(ben.id) ?? [];
    await eventually(async () => receiver.accepted().filter((d) => d.payload.participantId === ben.id).length === benLane.length, 10_000, 'Ben delivered');

    const head = await annHead();
    expect(head.status).toBe('pending');
    expect(head.last_status).toBe(500);
    expect(head.first_failed_at?.getTime()).toBe(clock.now().getTime());
    const annRequests = receiver.deliveries.filter((d) => d.payload.participantId === ann.id);
    expect(new Set(annRequests.map((d) => d.payload.id))).toEqual(new Set([head.event_id]));
  });

  it('parks the head at the first failure once 24 hours have passed since its first', async () => {
    clock.advance(CRM_RETRY_FOR_MS - 60_000);
    const stillPending = await annHead();
    await eventually(async () => (await annHead()).attempts > stillPending.attempts + 1, 10_000, 'more tries');
    expect((await annHead()).status).toBe('pending');

    clock.advance(60_000);
    const parked = await eventually(async () => {
      const head = await annHead();
      return head.status === 'parked' && head;
    }, 10_000, 'the head parked');
    expect(parked.parked_at?.getTime()).toBe(clock.now().getTime());

    const failures = await app.api<{ failures: Array<Record<string, unknown>> }>('GET', '/api/integrations/case-record-sink/failures');
    expect(failures.status).toBe(200);
    const lane = (await owed(app)).get(ann.id) ?? [];
    expect(failures.body.failures).toEqual([
      expect.objectContaining({
        eventId: parked.event_id,
        participantId: ann.id,
        type: 'checkin.response',
        attempts: parked.attempts,
        lastStatus: 500,
        lastError: 'HTTP 500',
        parkedAt: clock.now().toISOString(),
        waitingBehind: lane.length - 1,
      }),
    ]);
    expect(JSON.stringify(failures.body)).not.toContain(SECRET);
    const sink = await app.api<{ backlog: { pending: number; parked: number } }>('GET', '/api/integrations/case-record-sink');
    expect(sink.body.backlog).toEqual({ pending: lane.length - 1, parked: 1 });
  });

  it('holds back what Ann writes after her head is parked; Ben carries on', async () => {
    const before = receiver.deliveries.length;
    await appendEvents(app, [ann.id, ben.id], 2, 'after-park');
    await eventually(() => nothingPendingFor(ben.id), 10_000, 'Ben delivered');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.deliveries.slice(before).filter((d) => d.payload.participantId === ann.id)).toEqual([]);
    const failures = await app.api<{ failures: Array<{ waitingBehind: number }> }>('GET', '/api/integrations/case-record-sink/failures');
    expect(failures.body.failures[0]?.waitingBehind).toBe(((await owed(app)).get(ann.id)?.length ?? 0) - 1);
  });

  it('replays: the parked head, then everything behind it, in order, with another 24 hours of retries', async () => {
    expect((await app.api('POST', '/api/integrations/case-record-sink/failures/replay', { eventIds: ['123456789'] })).body).toEqual({ replayed: 0 });
    expect((await app.api('POST', '/api/integrations/case-record-sink/failures/replay', { eventIds: ['x'] })).status).toBe(400);
    refuseAnn = false;
    const replay = await app.api('POST', '/api/integrations/case-record-sink/failures/replay', {});
    expect(replay).toEqual({ status: 200, body: { replayed: 1 } });
    await eventually(() => nothingPending(app), 15_000, 'everything delivered');
    expectLaneOrder(receiver.deliveries, await owed(app));
    expect((await app.api<{ failures: unknown[] }>('GET', '/api/integrations/case-record-sink/failures')).body.failures).toEqual([]);
  });

  it('never logs the secret (the refusals and the parking were logged)', () => {
    const all = logs.join('');
    expect(all).toContain('CRM delivery not accepted; will retry');
    expect(all).toContain('CRM delivery parked after 24 hours of retries');
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(receiver.url);
  });

  async function nothingPendingFor(participantId: string): Promise<boolean> {
    const rows = await app.db
      .selectFrom('case_record_deliveries')
      .select('event_id')
      .where('participant_id', '=', participantId)
      .where('status', '=', 'pending')
      .execute();
    return rows.length === 0;
  }
});
