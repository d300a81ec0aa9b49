/**
 * reminder_scheduling: 100,000 appointments booked through the real bulk booking, bookAppointments (as
 * `POST /api/appointments/bulk` books them: BULK appointments a transaction, participants locked together, the
 * appointments, their two planned reminders each and their `appointment.created` events written in multi-row
 * statements), BULK_IN_FLIGHT transactions at once, with their 200,000 delayed reminder jobs added to BullMQ in
 * addBulk batches while the bookings go on. The one-at-a-time API path is measured too, for comparison. Timed until every
 * appointment is committed and every job is in Redis. Bounded: past BENCH_SCHEDULING_MAX_SECONDS (default 180)
 * it stops, and `seconds` is the measured rate's time for 100,000 (said so on stderr, `appointments` < 100,000).
 * `baseline`: the same rows and jobs written raw in the same run (reminder-scheduling-baseline.ts).
 */
import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { progress, round, type BenchResult } from './bench-result.js';
import { availableParallelism, loadavg } from 'node:os';
import { withCpuProfile } from './cpu-profile.js';
import { startCpuCount } from './process-cpu.js';
import { POOL_SIZE, ReminderBatcher, book, bookBatch, pool, type ReminderFixture } from './reminder-fixture.js';
import { rawScheduling } from './reminder-scheduling-baseline.js';

const BENCH = 'reminder_scheduling';
export const APPOINTMENTS = 100_000;
const WARMUP = 300;
const OFFSETS = ['P2D', 'PT2H'];
const BATCH_JOBS = 1_000;
const BATCHES_IN_FLIGHT = 2;
const DAY_MS = 86_400_000;
/** Appointments from 3 days ahead, one every 13 s (about 15 days): no reminder falls due during the run. */
const FIRST_START_MS = 3 * DAY_MS;
const SPACING_MS = 13_000;
const MAX_SECONDS = Number(process.env.BENCH_SCHEDULING_MAX_SECONDS ?? 180);
/** Appointments a bulk request (and transaction) books, and how many such requests run at once. */
const BULK = 500;
const BULK_IN_FLIGHT = 3;

/** Counts the statements Kysely sends (BEGIN and COMMIT are not statements it compiles, so they are not counted). */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export interface SchedulingOutcome {
  results: BenchResult[];
  appointments: number;
  scheduledReminders: number;
}

export async function measureScheduling(fixture: ReminderFixture): Promise<SchedulingOutcome> {
  const { db, participantIds, queues } = fixture;
  const base = Date.now() + FIRST_START_MS;
  const bookingFor = (i: number) => ({
    participantId: participantIds[i % participantIds.length] as string,
    title: `Bench appointment ${i}`,
    startsAt: new Date(base + i * SPACING_MS),
    reminderOffsets: OFFSETS,
  });

  // Warm-up (connections, JIT, plan cache), not timed; its statements are counted.
  const counter = new StatementCounter();
  const counted = db.withPlugin(counter);
  const warm = new ReminderBatcher(queues, BATCH_JOBS, BATCHES_IN_FLIGHT);
  const warmStarted = performance.now();
  await pool(WARMUP, POOL_SIZE, async (i) => {
    const result = await book(counted, fixture, bookingFor(APPOINTMENTS + i));
    await warm.add(result.reminders);
  });
  await warm.drain();
  const statementsPerBooking = counter.count / WARMUP;
  progress(
    `${BENCH}: warm-up ${WARMUP} bookings in ${Math.round(performance.now() - warmStarted)} ms; ` +
      `${round(statementsPerBooking, 2)} statements per booking + BEGIN/COMMIT`,
  );

  const batcher = new ReminderBatcher(queues, BATCH_JOBS, BATCHES_IN_FLIGHT);
  let transactionMs = 0;
  let waitingForRedisMs = 0;
  let booked = 0;
  const cpu = await startCpuCount(db, fixture.redis);
  const load = loadavg()[0] ?? 0;
  const started = performance.now();
  await withCpuProfile(process.env.BENCH_PROFILE_SCHEDULING, 'the 100,000 bookings', async () => {
    const deadline = Date.now() + MAX_SECONDS * 1000;
    const batches = await pool(
      Math.ceil(APPOINTMENTS / BULK),
      BULK_IN_FLIGHT,
      async (b) => {
        const t0 = performance.now();
        const count = Math.min(BULK, APPOINTMENTS - b * BULK);
        const results = await bookBatch(db, fixture, Array.from({ length: count }, (_, k) => bookingFor(b * BULK + k)));
        const t1 = performance.now();
        transactionMs += t1 - t0;
        await batcher.add(results.flatMap((r) => r.reminders));
        waitingForRedisMs += performance.now() - t1;
        booked += count;
      },
      deadline,
    );
    void batches;
    const drainStarted = performance.now();
    await batcher.drain();
    waitingForRedisMs += performance.now() - drainStarted;
  });
  const measuredSeconds = (performance.now() - started) / 1000;
  const spent = await cpu();
  const rate = booked / measuredSeconds;
  const seconds = booked === APPOINTMENTS ? measuredSeconds : APPOINTMENTS / rate;
  if (booked < APPOINTMENTS) {
    progress(
      `WARNING: stopped after ${MAX_SECONDS} s with ${booked} of ${APPOINTMENTS} appointments booked; ` +
        `"seconds" (${round(seconds, 1)}) is the time 100,000 would take at the measured rate`,
    );
  }

  const rows = await sql<{ appointments: string; scheduled: string }>`
    select (select count(*) from appointments)::text as appointments,
           (select count(*) from reminders where status = 'scheduled')::text as scheduled`.execute(db);
  const appointments = Number(rows.rows[0]?.appointments);
  const scheduledReminders = Number(rows.rows[0]?.scheduled);
  const delayed = await queues.reminder.getDelayedCount();
  const expected = 2 * (booked + WARMUP);
  progress(
    `${BENCH}: ${booked} appointments in ${round(measuredSeconds, 2)} s = ${round(rate)} appointments/s ` +
      `(${round((2 * booked) / measuredSeconds)} reminders/s), ${BULK} a transaction, ${BULK_IN_FLIGHT} transactions at once`,
  );
  progress(
    `  booking transactions: mean ${round((transactionMs * BULK) / Math.max(1, booked), 2)} ms each of ${BULK} ` +
      `(${round(transactionMs / 1000 / BULK_IN_FLIGHT, 2)} s per caller of ${round(measuredSeconds, 2)} s); ` +
      `waiting for Redis: ${round(waitingForRedisMs / 1000 / BULK_IN_FLIGHT, 2)} s per caller`,
  );
  progress(
    `  addBulk: ${batcher.batches} batches of ${BATCH_JOBS} delayed jobs, mean ${round(batcher.busyMs / Math.max(1, batcher.batches), 1)} ms each ` +
      `(${round(batcher.busyMs / 1000, 2)} s busy, up to ${BATCHES_IN_FLIGHT} at once)`,
  );
  const perBooking = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${round(ms / Math.max(1, booked), 3)} ms`);
  const knownMs = spent.nodeMs + (spent.postgresMs ?? 0) + (spent.redisMs ?? 0);
  const cores = availableParallelism();
  progress(
    `  CPU per booking: this process (Kysely, pg, BullMQ) ${perBooking(spent.nodeMs)}, its PostgreSQL backends ${perBooking(spent.postgresMs)}, ` +
      `redis-server ${perBooking(spent.redisMs)}; ${round(knownMs / 1000, 1)} CPU-s in ${round(measuredSeconds, 1)} s on ${cores} cores ` +
      `(${round((knownMs / 1000 / measuredSeconds / cores) * 100)}% of the machine; load average ${round(load, 1)} when it began) — ` +
      `CPU alone caps this path at about ${round((cores * 1000) / (knownMs / Math.max(1, booked)))} bookings/s here`,
  );
  progress(`  in PostgreSQL: ${appointments} appointments, ${scheduledReminders} scheduled reminders; in Redis: ${delayed} delayed reminder jobs`);
  if (scheduledReminders !== expected || delayed !== expected) {
    progress(`WARNING: expected ${expected} scheduled reminders and delayed jobs (${WARMUP} warm-up bookings included)`);
  }
  const raw = await rawScheduling(fixture, { bulk: BULK, bulkInFlight: BULK_IN_FLIGHT, jobsPerBatch: BATCH_JOBS, jobBatchesInFlight: BATCHES_IN_FLIGHT });
  const rawRate = raw.appointments / raw.seconds;
  progress(
    `  baseline: the same ${raw.appointments} appointments, their reminders and jobs written raw in ${round(raw.seconds, 2)} s = ${round(rawRate)} appointments/s; ` +
      `the real path takes ${round(rawRate / rate, 2)}× as long (target ≤ 1.5×)`,
  );
  return {
    appointments,
    scheduledReminders,
    results: [
      { bench: BENCH, metric: 'appointments_per_s', value: round(rate), unit: 'appointments/s', baseline: round(rawRate) },
      { bench: BENCH, metric: 'seconds', value: round(seconds, 2), unit: 's', baseline: round(APPOINTMENTS / rawRate, 2) },
      { bench: BENCH, metric: 'appointments', value: booked, unit: 'appointments' },
    ],
  };
}
