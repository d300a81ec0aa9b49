import { startWeb, type WebRole } from './bot/main.js';
import { createLogger } from './bot/logger.js';
import { systemClock } from './domain/clock.js';
import { ConfigError, DEFAULT_REDIS_URL, loadConfig } from './domain/config.schema.js';
import { RedisUnavailableError, startOrFindRedis, type StartRedis } from './start/private-redis.js';
import { migrateToLatest, openDatabase } from './store/database.js';
import { startWorkers, type WorkersRole } from './workers/main.js';
import { describeRedisAddress } from './workers/queues.js';

type Role = 'all' | 'web' | 'workers';

/**
 * The process entry: `all` (npm start: web and workers in one process, sharing the embedded database),
 * or one role per process for scaling out, which needs PostgreSQL (DATABASE_URL).
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
  await migrateToLatest(database.db);

  let web: WebRole | undefined;
  let workers: WorkersRole | undefined;
  if (role !== 'web') workers = await startWorkers({ config, database, logger, clock: systemClock });
  if (role !== 'workers') web = await startWeb({ config, database, logger, clock: systemClock });

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
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await web?.close();
    await workers?.close();
    await database.close();
    await redis?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

const role = (process.argv[2] ?? 'all') as Role;
if (!['all', 'web', 'workers'].includes(role)) {
  process.stderr.write(`Unknown role "${role}": use all, web or workers\n`);
  process.exit(1);
}
await main(role);
