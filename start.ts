import type { WebRole } from './bot/main.js';
import { createLogger } from './bot/logger.js';
import { systemClock } from './domain/time/clock.js';
import { ConfigError, DEFAULT_REDIS_URL, loadConfig } from './domain/config.schema.js';
import { RedisUnavailableError, startOrFindRedis, type StartRedis } from './start/private-redis.js';
import { migrateToLatest, openDatabase } from './store/database.js';
import type { WorkersRole } from './workers/main.js';
import { describeRedisAddress } from './workers/queues.js';

type Role = 'all' | 'web' | 'workers' | 'migrate';
const ROLES: readonly string[] = ['all', 'web', 'workers', 'migrate'];

/**
 * The process entry: `all` (npm start: web and workers in one process, sharing the embedded database), one role
 * per process for scaling out, which needs PostgreSQL (DATABASE_URL), or `migrate`: the migrations alone, then exit.
 */
async function main(role: Role): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (role === 'migrate') return migrateAndExit(config);
  if (role !== 'all' && !config.DATABASE_URL) {
    process.stderr.write(
      `Invalid configuration: DATABASE_URL is required to run the ${role} role on its own (the embedded database belongs to one process)\n`,
    );
    process.exit(1);
  }
  // npm start on a machine without Redis: a private redis-server (for `all` only: separate roles must share one).
  let redis: StartRedis | undefined;
  if (role === 'all' && config.redisDefaulted) {
    try {
      redis = await startOrFindRedis({
        // Internal, for tests: the machine's own 6379 cannot be stopped to try the "nothing answers" path.
        defaultUrl: process.env.ENGAGEMENT_BOT_DEFAULT_REDIS_URL ?? DEFAULT_REDIS_URL,
        dataDir: config.DATA_DIR,
        path: process.env.PATH,
      });
    } catch (error) {
      if (error instanceof RedisUnavailableError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(1);
      }
      throw error;
    }
    config = { ...config, REDIS_URL: redis.address };
  }
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  // Usually a no-op after `migrate`; when roles start together on one PostgreSQL the lock makes them take turns.
  await migrateToLatest(database.db, { exclusive: database.engine === 'postgres' });

  let web: WebRole | undefined;
  let workers: WorkersRole | undefined;
  // Loaded only for the roles that run (the import command and migrate need neither).
  const { startWorkers } = await import('./workers/main.js');
  const { startWeb } = await import('./bot/main.js');
  if (role !== 'web') workers = await startWorkers({ config, database, logger, clock: systemClock, healthServer: role === 'workers' });
  if (role !== 'workers') web = await startWeb({ config, database: database.forWebRole(), logger, clock: systemClock });

  const lines = [
    `Engagement bot (${role === 'all' ? 'web + workers' : role}) is running.`,
    `  Mode:      ${config.sandbox ? 'sandbox (no Twilio account: messages go to the sandbox outbox)' : 'Twilio'}`,
    `  Database:  ${database.engine === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL'}`,
    `  Redis:     ${redis?.summary ?? describeRedisAddress(config.REDIS_URL)}`,
  ];
  if (web) {
    lines.push(`  URL:       ${web.url}`);
    lines.push(`  Public URL (Twilio webhooks): ${config.PUBLIC_BASE_URL}/twilio/inbound and /twilio/status`);
    lines.push(`  Admin token: ${config.ADMIN_TOKEN ? '(from ADMIN_TOKEN)' : web.adminToken}`);
    lines.push(`  API: ${web.url}/api/openapi.json`);
  }
  if (workers?.healthUrl) lines.push(`  Health and metrics: ${workers.healthUrl}/healthz, /readyz and /metrics`);
  process.stdout.write(`${lines.join('\n')}\n`);

  // Requests and jobs in flight may finish, up to SHUTDOWN_TIMEOUT_MS; past it the process says what it cut and
  // exits 1. A job cut short runs again elsewhere once its lock expires (JOB_LOCK_MS): the database row says what
  // was done, so nothing is sent twice.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, deadlineMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutting down');
    const deadline = setTimeout(() => {
      const cut = workers?.inFlight() ?? [];
      const what = cut.length === 0 ? 'work still in flight' : `${cut.length} job(s) in flight: ${cut.map((j) => `${j.queue} ${j.jobId}`).join(', ')}`;
      process.stderr.write(
        `Shutdown deadline of ${config.SHUTDOWN_TIMEOUT_MS} ms passed: cut ${what}; they run again once their lock expires (JOB_LOCK_MS)\n`,
      );
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    await web?.close();
    await workers?.close();
    await database.close();
    await redis?.stop();
    clearTimeout(deadline);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** `node dist/start.js migrate`: the schema to the latest migration, one line about it, exit 0 (1 on failure). */
async function migrateAndExit(config: { DATABASE_URL?: string | undefined; DATA_DIR: string }): Promise<never> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const applied = await migrateToLatest(database.db, { exclusive: database.engine === 'postgres' });
    const where = database.engine === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL';
    process.stdout.write(
      applied.length === 0 ? `Migrations: ${where} is already at the latest version\n` : `Migrations: applied ${applied.join(', ')} to ${where}\n`,
    );
    await database.close();
    process.exit(0);
  } catch (error) {
    process.stderr.write(`Migrations failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await database.close().catch(() => undefined);
    process.exit(1);
  }
}

const role = process.argv[2] ?? 'all';
if (role === 'import') {
  // A command, not a role: it runs the CSV import actions against the configured database, then exits.
  const { runImportCommand } = await import('./start/import-command.js');
  process.exit(await runImportCommand(process.argv.slice(3), process.env));
}
if (!ROLES.includes(role)) {
  process.stderr.write(`Unknown role "${role}": use all, web, workers or migrate (or import participants|appointments FILE)\n`);
  process.exit(1);
}
await main(role as Role);
