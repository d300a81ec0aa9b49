import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { CaseRecordDatabase } from '../store/database.js';
import { describeRedisAddress } from './queues.js';

/** The jobs this process is running now, by queue and id: what a shutdown past its deadline cuts. */
export class JobsInFlight {
  private readonly running = new Map<string, { queue: string; jobId: string }>();

  track(workers: readonly Worker[]): void {
    for (const worker of workers) {
      worker.on('active', (job) => this.running.set(`${worker.name}/${job.id}`, { queue: worker.name, jobId: String(job.id) }));
      const done = (job: { id?: string | undefined } | undefined) => this.running.delete(`${worker.name}/${job?.id}`);
      worker.on('completed', done);
      worker.on('failed', done);
    }
  }

  list(): Array<{ queue: string; jobId: string }> {
    return [...this.running.values()];
  }
}

/**
 * The workers role's own HTTP port (WORKERS_PORT) when it runs on its own: `/healthz` (the process is up), `/readyz`
 * (database and Redis answer, and why not), `/metrics` (Prometheus: this process's jobs by queue and outcome, jobs
 * running now, and Node's own metrics). Queue depths and send counts are on the web role's /metrics.
 */
export async function startWorkersHealthServer(deps: {
  port: number;
  host: string;
  database: CaseRecordDatabase;
  redis: Redis;
  redisAddress: string;
  workers: readonly Worker[];
  inFlight: JobsInFlight;
}): Promise<{ url: string; close(): Promise<void> }> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const jobs = new Counter({
    name: 'engagement_worker_jobs_total',
    help: 'Jobs this workers process finished, by queue and outcome (completed, failed)',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'engagement_worker_jobs_active',
    help: 'Jobs this workers process is running now, by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const worker of deps.workers) this.set({ queue: worker.name }, 0);
      for (const job of deps.inFlight.list()) this.inc({ queue: job.queue });
    },
  });
  for (const worker of deps.workers) {
    worker.on('completed', () => jobs.inc({ queue: worker.name, outcome: 'completed' }));
    worker.on('failed', () => jobs.inc({ queue: worker.name, outcome: 'failed' }));
  }

  const server: Server = createServer((req, res) => {
    const send = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') return send(405, JSON.stringify({ error: { code: 'method_not_allowed', message: 'GET only' } }));
    if (path === '/healthz') return send(200, JSON.stringify({ status: 'ok' }));
    if (path === '/readyz') {
      void Promise.all([
        deps.database.ping().then(() => true, () => false),
        deps.redis.ping().then(() => true, () => false),
      ]).then(([databaseOk, redisOk]) => {
        const reasons = [
          ...(databaseOk ? [] : ['the database does not answer']),
          ...(redisOk ? [] : [`Redis unreachable at ${describeRedisAddress(deps.redisAddress)}`]),
        ];
        send(
          databaseOk && redisOk ? 200 : 503,
          JSON.stringify({ database: databaseOk ? 'ok' : 'down', redis: redisOk ? 'ok' : 'down', ...(reasons.length > 0 && { reason: reasons.join('; ') }) }),
        );
      });
      return;
    }
    if (path === '/metrics') {
      void registry.metrics().then(
        (text) => send(200, text, registry.contentType),
        () => send(500, JSON.stringify({ error: { code: 'internal', message: 'metrics failed' } })),
      );
      return;
    }
    send(404, JSON.stringify({ error: { code: 'not_found', message: 'Only /healthz, /readyz and /metrics are here' } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${deps.host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
