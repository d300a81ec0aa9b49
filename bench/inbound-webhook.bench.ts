/**
 * inbound_webhook: the ack path of POST /twilio/inbound (verify the signature, store the message once, enqueue
 * the turn) on the real web role, PostgreSQL and Redis, with the workers not running. Compared with a bare restify
 * server answering the same signed form posts (`sustained_rps`, `p99_ms`: the contract's baseline) and with a
 * minimal durable server on the same database and Redis (`durable_sustained_rps`, `durable_p99_ms`: the same
 * signature check, one batched INSERT per group commit and one Redis write per batch; durable-baseline-server.ts).
 */
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { pino } from 'pino';
import { startWeb } from '../bot/main.js';
import { systemClock } from '../domain/time/clock.js';
import { loadConfig } from '../domain/config.schema.js';
import { migrateToLatest, openDatabase } from '../store/database.js';
import { ParticipantRepository } from '../store/participant.repository.js';
import { createTestDatabase } from '../test/test-database.js';
import { TEST_ACCOUNT_SID, TEST_BOT_NUMBER, inboundParams, postSignedForm } from '../test/twilio-signer.js';
import { QUEUE_NAMES, TURN_BATCH_JOB } from '../workers/queues.js';
import { startBaselineServer } from './baseline-server.js';
import { startDurableBaselineServer } from './durable-baseline-server.js';
import { progress, round, type BenchResult } from './bench-result.js';
import { runLoad, type LoadSpec, type LoadSummary } from './load-generator.js';
import { deleteKeysWithPrefix } from './redis-cleanup.js';
import { withCpuProfile } from './cpu-profile.js';
import { cpuPerUnit, startCpuCount } from './process-cpu.js';

const BENCH = 'inbound_webhook';
const PUBLIC_BASE_URL = 'https://bot.example.test';
const PATH = '/twilio/inbound';
const AUTH_TOKEN = `bench-auth-token-${randomBytes(8).toString('hex')}`;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';

const PARTICIPANTS = 50;
const PHONES = Array.from({ length: PARTICIPANTS }, (_, i) => `+447700900${100 + i}`);

const SUSTAINED = { connections: 20, durationSeconds: 10, warmupSeconds: 2 };
const FIXED_RATE = { connections: 20, durationSeconds: 10, overallRate: 500 };
const PACED = { ...FIXED_RATE, pacing: 'open-loop' as const };

function loadSpec(baseUrl: string, shape: Partial<LoadSpec> & Pick<LoadSpec, 'connections' | 'durationSeconds'>): LoadSpec {
  return {
    url: baseUrl + PATH,
    signedUrl: PUBLIC_BASE_URL + PATH,
    authToken: AUTH_TOKEN,
    phones: PHONES,
    presign: 40_000,
    uniqueSids: true,
    whatsappEvery: 5,
    ...shape,
  };
}

/** Runs the load while watching this thread's event loop (the server's): long stalls here are ours, not I/O. */
async function runWatched(label: string, spec: LoadSpec): Promise<LoadSummary> {
  const tickMs = 5;
  const delay = monitorEventLoopDelay({ resolution: tickMs });
  delay.enable();
  const summary = await runLoad(spec);
  delay.disable();
  describe(label, summary);
  // The histogram holds whole tick intervals; what is beyond the tick is time the loop was blocked.
  const stall = (ns: number) => round(Math.max(0, ns / 1e6 - tickMs));
  progress(`  server event loop blocked: p99 ${stall(delay.percentile(99))} ms, longest ${stall(delay.max)} ms`);
  return summary;
}

function describe(label: string, s: LoadSummary): void {
  progress(
    `${label}: ${round(s.requestsPerSecond)} req/s over ${s.durationSeconds}s, p50 ${s.latencyP50Ms} ms, p99 ${s.latencyP99Ms} ms, ` +
      `max ${s.latencyMaxMs} ms; 2xx ${s.ok2xx}, non-2xx ${s.non2xx}, errors ${s.errors}, timeouts ${s.timeouts}, ` +
      `codes ${JSON.stringify(s.statusCodes)}${s.signedDuringRun > 0 ? `, ${s.signedDuringRun} signed during the run` : ''}` +
      `${s.errorMessages.length > 0 ? `; errors: ${s.errorMessages.join(' | ')}` : ''}`,
  );
}

interface Runs {
  sustained: LoadSummary;
  fixed: LoadSummary;
  paced: LoadSummary;
}

interface AppRuns extends Runs {
  /** The minimal durable server on the same PostgreSQL and Redis. */
  durable: Pick<Runs, 'sustained' | 'fixed'>;
}

async function measureBaseline(): Promise<Runs> {
  const baseline = await startBaselineServer();
  try {
    progress(`baseline (bare restify + bodyParser) at ${baseline.url}: sustained, ${SUSTAINED.connections} connections`);
    const sustained = await runWatched('baseline sustained', loadSpec(baseline.url, { ...SUSTAINED, presign: 5_000, uniqueSids: false }));
    progress(`baseline: fixed ${FIXED_RATE.overallRate} req/s`);
    const fixed = await runWatched('baseline fixed rate', loadSpec(baseline.url, { ...FIXED_RATE, presign: 5_000, uniqueSids: false }));
    progress(`baseline: ${PACED.overallRate} req/s evenly spaced (open loop)`);
    const paced = await runWatched('baseline paced', loadSpec(baseline.url, { ...PACED, presign: 5_000, uniqueSids: false }));
    return { sustained, fixed, paced };
  } finally {
    await baseline.close();
  }
}

async function measureApp(): Promise<AppRuns> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const prefix = `bench${randomBytes(5).toString('hex')}`;
  try {
    const created = await createTestDatabase('bench_inbound');
    cleanups.unshift(created.drop);
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL,
      DATABASE_URL: created.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      ADMIN_TOKEN: `bench-admin-${randomBytes(12).toString('hex')}`,
      DATA_DIR: `/tmp/engagement-bot-bench-${randomBytes(4).toString('hex')}`,
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_SMS_FROM: TEST_BOT_NUMBER,
      TWILIO_WHATSAPP_FROM: `whatsapp:${TEST_BOT_NUMBER}`,
      // Nothing is sent in this benchmark (no workers), but never towards the real Twilio.
      TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'silent',
    });
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    cleanups.unshift(async () => {
      const deleted = await deleteKeysWithPrefix(redis, prefix);
      progress(`deleted ${deleted} Redis keys under ${prefix}:`);
      redis.disconnect();
    });
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL });
    cleanups.unshift(() => database.close());
    await migrateToLatest(database.db);

    const participants = new ParticipantRepository(database.db);
    for (const [i, phone] of PHONES.entries()) {
      await participants.create({
        firstName: `Bench${i}`,
        phone,
        channel: i % 5 === 0 ? 'whatsapp' : 'sms',
        language: 'en',
        keyWorkerId: null,
        team: 'North',
        referredAt: null,
        consentBasis: 'bench',
        consentAt: new Date(),
      });
    }

    const durableServer = await startDurableBaselineServer({ db: database.db, redis, redisKey: `${prefix}:durable-baseline`, authToken: AUTH_TOKEN, publicBaseUrl: PUBLIC_BASE_URL });
    let durable: AppRuns['durable'];
    try {
      progress(`durable baseline (signature check, group-committed INSERT, one Redis write a batch) at ${durableServer.url}: sustained`);
      const durableCpu = await startCpuCount(database.db, redis);
      const durableSustained = await runWatched('durable baseline sustained', loadSpec(durableServer.url, SUSTAINED));
      progress(`  CPU per request: ${cpuPerUnit(await durableCpu(), durableSustained.warmup2xx + durableSustained.ok2xx)} (node includes the load generator's threads)`);
      progress(`durable baseline: fixed ${FIXED_RATE.overallRate} req/s`);
      const durableFixedCpu = await startCpuCount(database.db, redis);
      const durableFixed = await runWatched('durable baseline fixed rate', loadSpec(durableServer.url, FIXED_RATE));
      progress(`  CPU per request at ${FIXED_RATE.overallRate} req/s: ${cpuPerUnit(await durableFixedCpu(), durableFixed.ok2xx)}`);
      const answered = durableSustained.warmup2xx + durableSustained.ok2xx + durableFixed.ok2xx;
      progress(`durable baseline: answered 200: ${answered}; stored ${await durableServer.stored()}`);
      durable = { sustained: durableSustained, fixed: durableFixed };
    } finally {
      await durableServer.close();
    }

    const web = await startWeb({ config, database, logger: pino({ level: 'silent' }), clock: systemClock });
    cleanups.unshift(() => web.close());
    progress(`web role at ${web.url} (PostgreSQL ${created.url.replace(/^.*\//, '')}, Redis ${REDIS_URL} prefix ${prefix})`);

    // Sanity: the signature really is checked, and a signed message is accepted.
    const unsigned = await postSignedForm(web.url, PUBLIC_BASE_URL, PATH, inboundParams({ from: PHONES[0] as string, body: 'hi' }), AUTH_TOKEN, {
      signature: 'not-a-signature',
    });
    await unsigned.text();
    const signed = await postSignedForm(web.url, PUBLIC_BASE_URL, PATH, inboundParams({ from: PHONES[0] as string, body: 'hi' }), AUTH_TOKEN);
    await signed.text();
    if (unsigned.status !== 403 || signed.status !== 200) {
      throw new Error(`sanity check failed: bad signature → ${unsigned.status} (want 403), signed → ${signed.status} (want 200)`);
    }

    progress(`app: sustained, ${SUSTAINED.connections} connections, ${SUSTAINED.warmupSeconds}s warm-up + ${SUSTAINED.durationSeconds}s`);
    const appCpu = await startCpuCount(database.db, redis);
    const sustained = await withCpuProfile(process.env.BENCH_PROFILE, 'the sustained run', () => runWatched('app sustained', loadSpec(web.url, SUSTAINED)));
    progress(`  CPU per request: ${cpuPerUnit(await appCpu(), sustained.warmup2xx + sustained.ok2xx)} (node includes the load generator's threads)`);
    progress(`app: fixed ${FIXED_RATE.overallRate} req/s`);
    // At the same offered rate as the durable server's: CPU per request that does not depend on the throughput reached.
    const fixedCpu = await startCpuCount(database.db, redis);
    const fixed = await runWatched('app fixed rate', loadSpec(web.url, FIXED_RATE));
    progress(`  CPU per request at ${FIXED_RATE.overallRate} req/s: ${cpuPerUnit(await fixedCpu(), fixed.ok2xx)}`);
    progress(`app: ${PACED.overallRate} req/s evenly spaced (open loop)`);
    const paced = await runWatched('app paced', loadSpec(web.url, PACED));

    // Every accepted request stored one message and asked for one turn; its `message.inbound` event is written from
    // that row when the turn starts, and no workers run here, so none is expected. Answers still in flight
    // when a run stopped are not counted as answered but do get stored: wait for them to settle.
    const turnQueue = new Queue(QUEUE_NAMES.turn, { connection: redis, prefix });
    const count = async () => {
      const stored = await sql<{ n: string }>`select count(*)::text as n from messages where direction = 'inbound'`.execute(database.db);
      const events = await sql<{ n: string }>`select count(*)::text as n from case_record_events where type = 'message.inbound'`.execute(database.db);
      // Texts stored together ask for their turns with one `turns` job (each text's own job is added by the workers).
      let waiting = 0;
      for (const job of await turnQueue.getJobs(['wait', 'prioritized', 'delayed', 'active'])) {
        waiting += job.name === TURN_BATCH_JOB ? (job.data as { turns: unknown[] }).turns.length : 1;
      }
      return [Number(stored.rows[0]?.n), Number(events.rows[0]?.n), waiting];
    };
    let counts = await count();
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const again = await count();
      if (again.join() === counts.join()) break;
      counts = again;
    }
    await turnQueue.close();
    const accepted = 1 + sustained.warmup2xx + sustained.ok2xx + fixed.ok2xx + paced.ok2xx;
    progress(
      `answered 200: ${accepted}; stored ${counts[0]} inbound messages, ${counts[2]} texts waiting for their turn, ${counts[1]} message.inbound events ` +
        '(written when each turn starts; requests in flight when a run stops are stored but not counted as answered)',
    );
    if (counts[2] !== counts[0] || counts[1] !== 0 || (counts[0] ?? 0) < accepted) {
      progress('WARNING: stored messages and turn jobs do not match each other or the answered requests');
    }
    return { sustained, fixed, paced, durable };
  } finally {
    for (const cleanup of cleanups) {
      await cleanup().catch((error: unknown) => progress(`cleanup failed: ${String(error)}`));
    }
  }
}

export async function inboundWebhookBench(): Promise<BenchResult[]> {
  const baseline = await measureBaseline();
  const app = await measureApp();
  const failures = (s: LoadSummary) => s.warmupFailures + s.non2xx + s.errors + s.timeouts;
  return [
    {
      bench: BENCH,
      metric: 'sustained_rps',
      value: round(app.sustained.requestsPerSecond),
      unit: 'req/s',
      baseline: round(baseline.sustained.requestsPerSecond),
    },
    {
      bench: BENCH,
      metric: 'p99_ms',
      value: app.fixed.latencyP99Ms,
      unit: 'ms',
      baseline: baseline.fixed.latencyP99Ms,
    },
    // The same rate evenly spaced (open loop), for comparison: autocannon's fixed rate arrives in bursts.
    {
      bench: BENCH,
      metric: 'p99_ms_paced',
      value: app.paced.latencyP99Ms,
      unit: 'ms',
      baseline: baseline.paced.latencyP99Ms,
    },
    // Against the least a durable webhook must do on the same database and Redis (issue 20: ≥ 80% of it).
    {
      bench: BENCH,
      metric: 'durable_sustained_rps',
      value: round(app.sustained.requestsPerSecond),
      unit: 'req/s',
      baseline: round(app.durable.sustained.requestsPerSecond),
    },
    {
      bench: BENCH,
      metric: 'durable_p99_ms',
      value: app.fixed.latencyP99Ms,
      unit: 'ms',
      baseline: app.durable.fixed.latencyP99Ms,
    },
    {
      bench: BENCH,
      metric: 'non_2xx',
      value: failures(app.sustained) + failures(app.fixed) + failures(app.paced),
      unit: 'requests',
    },
  ];
}
