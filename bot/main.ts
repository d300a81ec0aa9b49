import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Clock } from '../domain/time/clock.js';
import type { Config } from '../domain/config.schema.js';
import type { CaseRecordDatabase } from '../store/database.js';
import { JobQueues, createProducerConnection, firstConnectionAttempt, watchRedis } from '../workers/queues.js';
import { bootstrapAdmin } from './auth/bootstrap-admin.js';
import { createMetrics } from './metrics.js';
import { createWebServer } from './server.js';
import { whatsappFallbackFor } from './twilio/whatsapp-fallback.js';

export interface WebRole {
  url: string;
  adminToken: string;
  adminTokenGenerated: boolean;
  close(): Promise<void>;
}

/** Composition root of the web role: webhooks, the key-worker API, health and metrics. */
export async function startWeb(deps: { config: Config; database: CaseRecordDatabase; logger: Logger; clock: Clock }): Promise<WebRole> {
  const { config, database, logger, clock } = deps;
  const admin = await bootstrapAdmin(database.db, { adminToken: config.ADMIN_TOKEN, dataDir: config.DATA_DIR });
  const connection = createProducerConnection(config.REDIS_URL);
  connection.on('error', () => undefined);
  const redisWatch = watchRedis(connection, { address: config.REDIS_URL, logger, role: 'web' });
  await firstConnectionAttempt(connection);
  const queues = new JobQueues(connection, config.QUEUE_PREFIX);
  const metrics = createMetrics({ db: database.db, queues });
  const server = createWebServer({
    config,
    database,
    queues,
    clock,
    logger,
    metrics,
    whatsappFallback: whatsappFallbackFor(config),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${config.HOST}:${port}`,
    adminToken: admin.token,
    adminTokenGenerated: admin.generated,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queues.close();
      redisWatch.stop();
      connection.disconnect();
    },
  };
}
