/**
 * The workers role in a process of its own, as `node dist/start.js workers` starts it (config from the
 * environment, migrations, startWorkers), for the reminder benchmarks: its RSS is its own. It talks to the
 * benchmark over the IPC channel: `ready` once started and swept once, then answers `memory` and `stop`.
 * Nothing goes to stdout; the role logs warnings to stderr.
 */
import { createLogger } from '../bot/logger.js';
import { systemClock } from '../domain/time/clock.js';
import { loadConfig } from '../domain/config.schema.js';
import { migrateToLatest, openDatabase } from '../store/database.js';
import { startWorkers } from '../workers/main.js';

export type ToChild = { type: 'memory' } | { type: 'stop' };
export type FromChild =
  | { type: 'ready'; startMs: number; sweepMs: number; sweep: Record<string, number> }
  | { type: 'memory'; usage: NodeJS.MemoryUsage; uptimeS: number }
  | { type: 'stopped' };

const send = (message: FromChild) => process.send?.(message);

async function main(): Promise<void> {
  if (!process.send) throw new Error('workers-child is started by test/workers-process.ts (tests and benchmarks), with an IPC channel');
  const started = performance.now();
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL, process.stderr);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrateToLatest(database.db);
  const role = await startWorkers({ config, database, logger, clock: systemClock });
  const startMs = performance.now() - started;
  // One sweep of our own (besides the one startWorkers starts), so the numbers are taken after a sweep.
  const sweepStarted = performance.now();
  const report = await role.sweep.execute();
  send({ type: 'ready', startMs, sweepMs: performance.now() - sweepStarted, sweep: { ...report } });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await role.close();
      await database.close();
      send({ type: 'stopped' });
    })());
  process.on('message', (message: ToChild) => {
    if (message.type === 'memory') send({ type: 'memory', usage: process.memoryUsage(), uptimeS: process.uptime() });
    if (message.type === 'stop') void stop().then(() => process.disconnect());
  });
  // As `node dist/start.js workers` does: SIGTERM lets the jobs in flight finish, then the process exits.
  process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
  // The benchmark went away without saying stop: do not linger.
  process.on('disconnect', () => setTimeout(() => process.exit(0), 2000).unref());
}

main().catch((error: unknown) => {
  process.stderr.write(`workers-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
