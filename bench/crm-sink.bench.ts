/**
 * crm_sink: case-record events delivered to the programme's CRM by the real workers role (outbox trigger, feeder,
 * BullMQ delivery jobs claiming each lane's head, signed POSTs over HTTP) to a receiver on 127.0.0.1 that answers
 * 204 at once (on a thread of its own).
 *  - events_per_s: a backlog of 20,000 events (1,000 people, 20 each) drained from a standing start;
 *  - events_per_s_live and the lag at that load: events committed at an offered 1,500/s for 8 s;
 *  - lag_p50_ms / lag_p99_ms: commit (the writer's INSERT returned) to arrival at the receiver, at 500 events/s;
 *  - events_per_s_pglite: the backlog drain on embedded PGlite (5,000 events), for information.
 * `baseline` of events_per_s: the same 20,000 events POSTed raw (the same bodies, headers and signature, by the same
 * HTTP client, at CRM_SINK_CONCURRENCY at once) to the same receiver in the same run, with nothing claimed or
 * settled: the most this machine can deliver one event per POST.
 * Every run also checks that each event arrived once and that no person's events arrived out of order, and prints
 * the CPU per event of this process (workers and receiver), PostgreSQL and Redis, for the drain and the raw POSTs.
 * BENCH_PROFILE_CRM=<file> writes a CPU profile of the PostgreSQL drain.
 */
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { sql } from 'kysely';
import { systemClock } from '../domain/time/clock.js';
import { loadConfig } from '../domain/config.schema.js';
import { toCaseRecordEventPayload } from '../store/case-record-event-payload.js';
import { CaseRecordSinkRepository } from '../store/case-record-sink.repository.js';
import { migrateToLatest, openDatabase, type CaseRecordDatabase, type Db } from '../store/database.js';
import { createTestDatabase } from '../test/test-database.js';
import { postToSink } from '../workers/case-record-sink.client.js';
import { caseRecordSignature } from '../domain/case-record/case-record-sink.signature.js';
import { startWorkers } from '../workers/main.js';
import { progress, round, type BenchResult } from './bench-result.js';
import { withCpuProfile } from './cpu-profile.js';
import { cpuPerUnit, startCpuCount } from './process-cpu.js';
import { deleteKeysWithPrefix } from './redis-cleanup.js';
import { percentile, pool, REDIS_URL, sleep } from './reminder-fixture.js';

const BENCH = 'crm_sink';

// The CRM stand-in runs on a thread of its own, as a CRM would be somewhere else: its work is not the workers'.
// It answers 204 at once and reports, every 20 ms, when each Idempotency-Key first arrived (and any repeats).
const RECEIVER_THREAD = `
const { parentPort } = require('node:worker_threads');
const { createServer } = require('node:http');
const seen = new Set();
let batch = [];
let duplicates = 0;
const server = createServer((req, res) => {
  const key = String(req.headers['idempotency-key'] || '');
  req.resume();
  req.on('end', () => {
    if (seen.has(key)) duplicates++;
    else { seen.add(key); batch.push(key, Date.now()); }
    res.writeHead(204);
    res.end();
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
setInterval(() => {
  if (batch.length > 0 || duplicates > 0) parentPort.postMessage({ arrivals: batch, duplicates });
  batch = [];
  duplicates = 0;
}, 20);
`;

/** Records when each event (by Idempotency-Key) first arrived at the receiver thread. */
class BenchReceiver {
  readonly arrivals = new Map<string, number>();
  duplicates = 0;
  private thread: Worker | undefined;
  url = '';

  async start(): Promise<void> {
    const thread = new Worker(RECEIVER_THREAD, { eval: true });
    this.thread = thread;
    const port = await new Promise<number>((resolve, reject) => {
      thread.once('error', reject);
      thread.on('message', (message: { port?: number; arrivals?: Array<string | number>; duplicates?: number }) => {
        if (message.port !== undefined) resolve(message.port);
        const arrivals = message.arrivals ?? [];
        for (let i = 0; i < arrivals.length; i += 2) this.arrivals.set(String(arrivals[i]), Number(arrivals[i + 1]));
        this.duplicates += message.duplicates ?? 0;
      });
    });
    this.url = `http://127.0.0.1:${port}/events`;
  }

  async waitFor(ids: Iterable<string>, timeoutMs: number): Promise<void> {
    const wanted = [...ids];
    const deadline = Date.now() + timeoutMs;
    while (wanted.some((id) => !this.arrivals.has(id))) {
      if (Date.now() > deadline) {
        throw new Error(`only ${wanted.filter((id) => this.arrivals.has(id)).length} of ${wanted.length} events arrived within ${timeoutMs} ms`);
      }
      await sleep(20);
    }
  }

  async stop(): Promise<void> {
    await this.thread?.terminate();
  }
}

async function addParticipants(db: Db, count: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    insert into participants (first_name, phone, channel, consent_contact, consent_basis, consent_at)
    select 'Bench', '+447700900' || lpad(i::text, 3, '0'), 'sms', true, 'bench', now() from generate_series(0, ${count - 1}) as i
    returning id`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** Appends `count` events round-robin over the participants in one statement; returns their ids in order. */
async function appendBatch(db: Db, participantIds: readonly string[], first: number, count: number): Promise<string[]> {
  const rows = await db
    .insertInto('case_record_events')
    .values(
      Array.from({ length: count }, (_, k) => ({
        participant_id: participantIds[(first + k) % participantIds.length] as string,
        type: 'checkin.response',
        at: new Date(),
        data: JSON.stringify({ week: (first + k) % 26, answer: 'ok', score: (first + k) % 5 }),
        source_key: `bench-crm-${first + k}`,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Per person, events must arrive in the order they were written (one writer: id order). */
function orderViolations(receiver: BenchReceiver, written: ReadonlyArray<{ id: string; participant: number }>): number {
  const lastArrival = new Map<number, number>();
  let violations = 0;
  for (const { id, participant } of written) {
    const at = receiver.arrivals.get(id);
    if (at === undefined) continue;
    if (at < (lastArrival.get(participant) ?? 0)) violations++;
    lastArrival.set(participant, at);
  }
  return violations;
}

interface Harness {
  database: CaseRecordDatabase;
  receiver: BenchReceiver;
  participantIds: string[];
  redis: Redis;
  /** CRM_SINK_CONCURRENCY of the workers under test. */
  concurrency: number;
  start(): Promise<() => Promise<void>>;
}

/** Where the CPU went (this process, the receiver thread included; PostgreSQL; Redis), per event. */
async function countCpu(h: Harness): Promise<(events: number) => Promise<string>> {
  const done = await startCpuCount(h.database.db, h.redis);
  return async (events) => `CPU per event: ${cpuPerUnit(await done(), events)}`;
}

async function harness(database: CaseRecordDatabase, participants: number): Promise<Harness & { cleanup: () => Promise<void> }> {
  await migrateToLatest(database.db);
  const receiver = new BenchReceiver();
  await receiver.start();
  await new CaseRecordSinkRepository(database.db).save({
    url: receiver.url,
    secret: randomBytes(24).toString('hex'),
    eventTypes: null,
    enabled: true,
    updatedBy: null,
  });
  const participantIds = await addParticipants(database.db, participants);
  const prefix = `benchcrm${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    PORT: '0',
    DATA_DIR: `/tmp/engagement-bot-bench-${prefix}`,
    // The defaults unless these are set for the run (e.g. CRM_SINK_CONCURRENCY=32 npm run bench -- crm_sink).
    ...(process.env.CRM_SINK_CONCURRENCY && { CRM_SINK_CONCURRENCY: process.env.CRM_SINK_CONCURRENCY }),
    ...(process.env.CRM_SINK_POLL_MS && { CRM_SINK_POLL_MS: process.env.CRM_SINK_POLL_MS }),
  });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  return {
    database,
    receiver,
    participantIds,
    redis,
    concurrency: config.CRM_SINK_CONCURRENCY,
    start: async () => {
      const role = await startWorkers({ config, database, logger: pino({ level: 'silent' }), clock: systemClock });
      return () => role.close();
    },
    cleanup: async () => {
      await receiver.stop();
      await deleteKeysWithPrefix(redis, prefix);
      redis.disconnect();
    },
  };
}

/** A backlog written while no workers run, then drained; the rate is from the first arrival to the last. */
async function drain(h: Harness, events: number): Promise<{ rate: number; written: string[] }> {
  const written: Array<{ id: string; participant: number }> = [];
  for (let first = 0; first < events; first += 1000) {
    const ids = await appendBatch(h.database.db, h.participantIds, first, Math.min(1000, events - first));
    ids.forEach((id, k) => written.push({ id, participant: (first + k) % h.participantIds.length }));
  }
  const cpu = h.database.engine === 'postgres' ? await countCpu(h) : undefined;
  const stop = await h.start();
  try {
    // BENCH_PROFILE_CRM=<file>: a CPU profile of this thread (the workers; the receiver has a thread of its own).
    const label = `the ${h.database.engine} drain`;
    await withCpuProfile(h.database.engine === 'postgres' ? process.env.BENCH_PROFILE_CRM : undefined, label, () =>
      h.receiver.waitFor(
        written.map((w) => w.id),
        180_000,
      ),
    );
  } finally {
    await stop();
  }
  const times = written.map((w) => h.receiver.arrivals.get(w.id) as number);
  const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
  const violations = orderViolations(h.receiver, written);
  if (violations > 0 || h.receiver.duplicates > 0) progress(`WARNING: ${violations} out-of-order arrivals, ${h.receiver.duplicates} duplicates`);
  if (cpu) progress(`${h.database.engine} drain: ${await cpu(events)}`);
  return { rate: events / seconds, written: written.map((w) => w.id) };
}

/** The same events as the deliverer would POST them (body, headers, signature), straight from a loop. */
async function rawPosts(h: Harness, eventIds: readonly string[], concurrency: number): Promise<number> {
  const secret = randomBytes(24).toString('hex');
  const bodies: string[] = [];
  for (let first = 0; first < eventIds.length; first += 1000) {
    const rows = await h.database.db
      .selectFrom('case_record_events')
      .selectAll()
      .where('id', 'in', eventIds.slice(first, first + 1000))
      .orderBy('id')
      .execute();
    bodies.push(...rows.map((row) => JSON.stringify(toCaseRecordEventPayload(row))));
  }
  const cpu = await countCpu(h);
  const started = performance.now();
  await pool(bodies.length, concurrency, async (i) => {
    const body = bodies[i] as string;
    const answer = await postToSink({
      url: h.receiver.url,
      body,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'engagement-bot-case-record-sink/1',
        'Idempotency-Key': `raw-${i}`,
        'X-Signature': caseRecordSignature(secret, Math.floor(Date.now() / 1000), body),
      },
      timeoutMs: 10_000,
    });
    if (answer.kind !== 'answered' || answer.status !== 204) throw new Error(`raw POST ${i}: ${JSON.stringify(answer)}`);
  });
  const rate = bodies.length / ((performance.now() - started) / 1000);
  progress(`raw POSTs: ${await cpu(bodies.length)}`);
  return rate;
}

/** Events committed at `rate` per second for `seconds`; returns the lags (ms, ascending) and the delivered rate. */
async function steady(h: Harness, firstSource: number, rate: number, seconds: number): Promise<{ lags: number[]; deliveredPerS: number }> {
  const written: Array<{ id: string; participant: number; committedAt: number }> = [];
  const cpu = await countCpu(h);
  const started = Date.now();
  let count = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    if (count >= due) {
      await sleep(2);
      continue;
    }
    const n = Math.min(due - count, 200);
    const ids = await appendBatch(h.database.db, h.participantIds, firstSource + count, n);
    const committedAt = Date.now();
    ids.forEach((id, k) => written.push({ id, participant: (firstSource + count + k) % h.participantIds.length, committedAt }));
    count += n;
  }
  await h.receiver.waitFor(
    written.map((w) => w.id),
    120_000,
  );
  progress(`${rate} events/s: ${await cpu(written.length)}`);
  const lags = written.map((w) => (h.receiver.arrivals.get(w.id) as number) - w.committedAt).sort((a, b) => a - b);
  const lastArrival = Math.max(...written.map((w) => h.receiver.arrivals.get(w.id) as number));
  const violations = orderViolations(h.receiver, written);
  if (violations > 0 || h.receiver.duplicates > 0) progress(`WARNING: ${violations} out-of-order arrivals, ${h.receiver.duplicates} duplicates`);
  return { lags, deliveredPerS: written.length / ((lastArrival - (written[0]?.committedAt ?? started)) / 1000) };
}

async function onPostgres(): Promise<BenchResult[]> {
  const created = await createTestDatabase('bench_crm');
  const database = await openDatabase({ databaseUrl: created.url });
  const h = await harness(database, 1000);
  try {
    const { rate: drained, written } = await drain(h, 20_000);
    progress(`postgres: 20,000-event backlog drained at ${round(drained)} events/s`);
    const raw = await rawPosts(h, written, h.concurrency);
    progress(`postgres: the same events POSTed raw at ${h.concurrency} at once: ${round(raw)} events/s (the sink at ${round((drained / raw) * 100)}% of it)`);

    const stop = await h.start();
    try {
      // Warm-up: connections, JIT, the feeder's cursor.
      await steady(h, 100_000, 200, 2);
      const live = await steady(h, 200_000, 1500, 8);
      progress(
        `postgres: offered 1,500 events/s for 8 s: delivered ${round(live.deliveredPerS)} events/s, ` +
          `lag p50 ${percentile(live.lags, 50)} ms, p99 ${percentile(live.lags, 99)} ms, max ${live.lags.at(-1)} ms`,
      );
      const lag = await steady(h, 300_000, 500, 10);
      progress(
        `postgres: 500 events/s for 10 s: lag p50 ${percentile(lag.lags, 50)} ms, p99 ${percentile(lag.lags, 99)} ms, max ${lag.lags.at(-1)} ms`,
      );
      return [
        { bench: BENCH, metric: 'events_per_s', value: round(drained), unit: 'events/s', baseline: round(raw) },
        { bench: BENCH, metric: 'events_per_s_live', value: round(live.deliveredPerS), unit: 'events/s' },
        { bench: BENCH, metric: 'lag_p99_ms_at_1500_per_s', value: percentile(live.lags, 99), unit: 'ms' },
        { bench: BENCH, metric: 'lag_p50_ms', value: percentile(lag.lags, 50), unit: 'ms' },
        { bench: BENCH, metric: 'lag_p99_ms', value: percentile(lag.lags, 99), unit: 'ms' },
      ];
    } finally {
      await stop();
    }
  } finally {
    await h.cleanup();
    await database.close();
    await created.drop();
  }
}

async function onPglite(): Promise<BenchResult> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const h = await harness(database, 200);
  try {
    const { rate: drained } = await drain(h, 5_000);
    progress(`pglite: 5,000-event backlog drained at ${round(drained)} events/s`);
    return { bench: BENCH, metric: 'events_per_s_pglite', value: round(drained), unit: 'events/s' };
  } finally {
    await h.cleanup();
    await database.close();
  }
}

export async function crmSinkBench(): Promise<BenchResult[]> {
  return [...(await onPostgres()), await onPglite()];
}
