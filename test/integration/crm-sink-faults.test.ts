import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkersProcess, type WorkersProcess } from '../workers-process.js';
import { CASE_RECORD_SINK_ID } from '../../domain/case-record/case-record-sink.js';
import { crmDeliveryJobId } from '../../domain/job-keys.js';
import { CrmReceiver } from '../crm-receiver.js';
import { appendEvents, expectLaneOrder, nothingPending, owed } from '../crm-sink-lanes.js';
import { ADMIN_TOKEN, eventually, PUBLIC_BASE_URL, TestApp } from '../test-app.js';
import { flushableRedisUrl } from '../test-database.js';

// FLUSHDB wipes a whole Redis database: this file has one of its own (test files get 1–3, redis-loss 15, bench 14).
const FLUSHABLE_REDIS = flushableRedisUrl(13);
const SECRET = 'faults-secret-0123456789abcdef';
const TIMEOUT_MS = 3000;

describe('CRM delivery survives a killed workers process and a Redis flush', () => {
  let app: TestApp;
  let receiver: CrmReceiver;
  let child: WorkersProcess | undefined;

  beforeAll(async () => {
    receiver = await new CrmReceiver(SECRET).start();
    app = await TestApp.start({
      mode: 'sandbox',
      workers: false,
      env: { REDIS_URL: FLUSHABLE_REDIS, CRM_SINK_TIMEOUT_MS: String(TIMEOUT_MS), CRM_SINK_RETRY_BASE_MS: '1500', CRM_SINK_RETRY_MAX_MS: '3000' },
    });
    expect((await app.api('PUT', '/api/integrations/case-record-sink', { url: receiver.url, secret: SECRET, enabled: true })).status).toBe(200);
    // The workers role in a process of its own, as `npm run start:workers` runs it, so it can really be killed. Started
    // here, with nothing to deliver yet: loading it takes seconds of CPU, many more on a busy machine, and is not what
    // the test is timing.
    child = await startWorkersProcess({
      PATH: process.env.PATH ?? '',
      DATABASE_URL: app.config.DATABASE_URL ?? '',
      REDIS_URL: FLUSHABLE_REDIS,
      QUEUE_PREFIX: app.config.QUEUE_PREFIX,
      PUBLIC_BASE_URL,
      ADMIN_TOKEN,
      DATA_DIR: app.config.DATA_DIR,
      LOG_LEVEL: 'silent',
      SWEEP_INTERVAL_MS: '500',
      CRM_SINK_TIMEOUT_MS: String(TIMEOUT_MS),
    });
  });
  afterAll(async () => {
    await child?.stop();
    await app?.close();
    await receiver?.stop();
  });

  it('SIGKILL mid-delivery, then FLUSHDB: nothing lost, and only what the CRM never answered is sent again', async () => {
    if (!child) throw new Error('the workers process did not start');
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await app.createParticipant(`07700 90074${i}`));
    // The CRM answers the first 30 at once, then takes every request and never answers.
    let answered = 0;
    receiver.answer = () => (answered++ < 30 ? 200 : 'hold');
    await appendEvents(app, people.map((p) => p.id), 12, 'kill');
    await eventually(async () => receiver.heldCount() >= people.length, 20_000, 'a request held on every lane');
    const killedAt = receiver.deliveries.length;
    process.kill(child.pid, 'SIGKILL');
    await child.stop();
    child = undefined;
    await app.redis.flushdb();
    expect(receiver.deliveries.length).toBe(killedAt);
    const held = new Set(receiver.deliveries.filter((d) => d.answer === 'held').map((d) => d.payload.id));
    expect(held.size).toBe(people.length);

    // More is written while no workers run; then the CRM answers again and the workers come back.
    receiver.answer = () => 200;
    await appendEvents(app, people.map((p) => p.id), 3, 'after-kill');
    await app.startWorkers();
    await eventually(() => nothingPending(app), 30_000, 'every delivery made');

    const lanes = await owed(app);
    const owedIds = [...lanes.values()].flat();
    const theirEvents = await app.db.selectFrom('case_record_events').select('id').where('participant_id', 'in', people.map((p) => p.id)).execute();
    expect([...owedIds].sort()).toEqual(theirEvents.map((e) => e.id).sort());
    expect(owedIds.length).toBeGreaterThanOrEqual(people.length * (12 + 3));
    const accepted = receiver.accepted().map((d) => d.payload.id);
    expect([...accepted].sort()).toEqual([...owedIds].sort());
    const requests = new Map<string, number>();
    for (const d of receiver.deliveries) requests.set(d.payload.id, (requests.get(d.payload.id) ?? 0) + 1);
    for (const id of owedIds) expect(requests.get(id), `requests for ${id}`).toBe(held.has(id) ? 2 : 1);
    for (const d of receiver.deliveries) {
      expect(d.idempotencyKey).toBe(d.payload.id);
      expect(d.signatureValid).toBe(true);
    }
    expectLaneOrder(receiver.deliveries, lanes);
  });

  it('FLUSHDB while a retry waits: the sweep re-adds it under the same job id, and it still waits its turn', async () => {
    const kit = await app.createParticipant('07700 900750');
    receiver.deliveries.length = 0;
    let refusing = true;
    const queue = app.workers?.queues.crmSink;
    if (!queue) throw new Error('no workers in this process');
    // The queue is held still from the refusal on, while the test looks: on a busy machine the retry (due within
    // 1.5 s) could otherwise run, and its job be removed, between two lines here.
    let paused: Promise<void> | undefined;
    receiver.answer = (d) => {
      if (d.payload.participantId !== kit.id || !refusing) return 200;
      paused ??= queue.pause();
      return 500;
    };
    await appendEvents(app, [kit.id], 2, 'retry-flush');
    const lane = () => owed(app).then((lanes) => lanes.get(kit.id) ?? []);
    const [head] = await lane();
    const failed = await eventually(async () => {
      const row = await app.db.selectFrom('case_record_deliveries').selectAll().where('event_id', '=', head ?? '0').executeTakeFirstOrThrow();
      return row.attempts === 1 && row.next_attempt_at !== null && row;
    }, 10_000, 'a refused first try');
    const jobId = crmDeliveryJobId({ sinkId: CASE_RECORD_SINK_ID, participantId: kit.id, eventId: failed.event_id, attempts: 1 });
    await paused;
    // The worker adds the retry's job just after it writes the failure.
    await eventually(async () => queue.getJob(jobId), 10_000, "the retry's job");

    refusing = false;
    const flushedAt = Date.now();
    await app.redis.flushdb();
    // The flush also dropped the pause. The periodic sweep (every 500 ms) may re-add the job before the one run here:
    // either way it is a new job under the same id.
    await queue.pause();
    await app.workers?.sweep.execute();
    const readded = await queue.getJob(jobId);
    expect(readded?.data).toEqual({ sinkId: CASE_RECORD_SINK_ID, participantId: kit.id, eventId: failed.event_id, attempts: 1 });
    expect(readded?.timestamp).toBeGreaterThanOrEqual(flushedAt);
    await queue.resume();

    await eventually(() => nothingPending(app), 15_000, 'delivered after the flush');
    const requests = receiver.deliveries.filter((d) => d.payload.participantId === kit.id);
    expect(requests.map((d) => [d.payload.id, d.answer])).toEqual([
      [failed.event_id, 500],
      [failed.event_id, 200],
      ...(await lane()).slice(1).map((id) => [id, 200]),
    ]);
    // The retry did not go before its time.
    const retried = requests[1];
    expect(retried && retried.at).toBeGreaterThanOrEqual((failed.next_attempt_at?.getTime() ?? 0) - 50);
  });
});
