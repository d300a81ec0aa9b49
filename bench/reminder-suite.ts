/**
 * reminder_scheduling, rss_mb and reminder_drift share one set-up, run once in this order whichever of them is
 * asked for first: book 100,000 appointments (timed), start the workers role in its own process with their
 * 200,000 reminder jobs delayed in Redis (its RSS), then measure how late due reminders are handed to the sender
 * while those jobs are still there. Everything is dropped afterwards: the database, the Redis keys, the process.
 */
import { progress, round, type BenchResult } from './bench-result.js';
import { createReminderFixture, type ReminderFixture } from './reminder-fixture.js';
import { measureDrift } from './reminder-drift.bench.js';
import { measureScheduling } from './reminder-scheduling.bench.js';
import { measureWorkerRss, procMemory } from './worker-rss.bench.js';
import { startWorkersProcess, type WorkersProcess } from '../test/workers-process.js';

export const REMINDER_BENCHMARKS = ['reminder_scheduling', 'rss_mb', 'reminder_drift'] as const;
export type ReminderBenchmark = (typeof REMINDER_BENCHMARKS)[number];

async function runAll(): Promise<Map<ReminderBenchmark, BenchResult[] | Error>> {
  const outcomes = new Map<ReminderBenchmark, BenchResult[] | Error>();
  let fixture: ReminderFixture | undefined;
  let workers: WorkersProcess | undefined;
  const stage = async (name: ReminderBenchmark, run: () => Promise<BenchResult[]>) => {
    const started = Date.now();
    outcomes.set(name, await run());
    progress(`${name}: measured in ${round((Date.now() - started) / 1000, 1)} s`);
  };
  try {
    fixture = await createReminderFixture();
    const f = fixture;
    let scheduled = { appointments: 0, reminders: 0 };
    await stage('reminder_scheduling', async () => {
      const outcome = await measureScheduling(f);
      scheduled = { appointments: outcome.appointments, reminders: outcome.scheduledReminders };
      return outcome.results;
    });
    workers = await startWorkersProcess(f.workersEnv, 30_000);
    const w = workers;
    await stage('rss_mb', () => measureWorkerRss(f.redis, f.prefix, w, scheduled));
    await stage('reminder_drift', () => measureDrift(f));
    const after = await w.memory();
    const proc = await procMemory(w.pid);
    progress(
      `workers role after the drift run: RSS ${round(after.usage.rss / 1048576)} MB, heap used ${round(after.usage.heapUsed / 1048576)} MB` +
        `${proc ? `, peak RSS ${round(proc.peakMb)} MB` : ''}`,
    );
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const name of REMINDER_BENCHMARKS) if (!outcomes.has(name)) outcomes.set(name, failure);
  } finally {
    await workers?.stop().catch((error: unknown) => progress(`stopping the workers child failed: ${String(error)}`));
    await fixture?.close();
  }
  return outcomes;
}

/** The three benchmarks' entries for bench/run.ts: the first one asked for runs the set-up and all three. */
export function reminderSuite(): { results(name: ReminderBenchmark): Promise<BenchResult[]> } {
  let outcomes: Promise<Map<ReminderBenchmark, BenchResult[] | Error>> | undefined;
  return {
    async results(name) {
      outcomes ??= runAll();
      const outcome = (await outcomes).get(name);
      if (outcome instanceof Error) throw outcome;
      if (!outcome) throw new Error(`${name} was not measured`);
      return outcome;
    },
  };
}
