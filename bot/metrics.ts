import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../store/database.js';
import type { JobQueues } from '../workers/queues.js';

/**
 * Prometheus metrics for the web role. Queue depth and message outcomes are read from Redis and the database
 * at scrape time, so they are true across every process, not just this one.
 */
export function createMetrics(deps: { db: Db; queues: JobQueues }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const webhooks = new Counter({
    name: 'engagement_twilio_webhooks_total',
    help: 'Twilio webhook requests by route and HTTP status',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'engagement_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const webhookDuration = new Histogram({
    name: 'engagement_twilio_webhook_duration_seconds',
    help: 'Time to answer a Twilio webhook (Twilio gives up after 15 s), by route and HTTP status',
    labelNames: ['route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [registry],
  });
  // Send outcomes are counted by every workers process in Redis (see JobQueues.countSendOutcome) and read here.
  new Counter({
    name: 'engagement_messages_sent_total',
    help: 'Messages handed to Twilio (or the sandbox outbox), across all workers processes; rate() of it is the send rate',
    registers: [registry],
    async collect() {
      const counts = await deps.queues.sendOutcomeCounts().catch(() => undefined);
      this.reset();
      if (counts) this.inc(counts.sent);
    },
  });
  new Counter({
    name: 'engagement_send_failures_total',
    help: 'Failed sends by kind (retryable, opted_out, bad_number, whatsapp_window, permanent) and whether it was final or tried again',
    labelNames: ['kind', 'final'] as const,
    registers: [registry],
    async collect() {
      const counts = await deps.queues.sendOutcomeCounts().catch(() => undefined);
      this.reset();
      for (const failure of counts?.failures ?? []) this.inc({ kind: failure.kind, final: String(failure.final) }, failure.count);
    },
  });
  new Counter({
    name: 'engagement_send_reconciles_total',
    help: 'Sends cut mid-call, looked up in Twilio by the sweep: found (recorded), resent (Twilio had none), lookup_failed (tried again), given_up (unconfirmed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
    async collect() {
      const counts = await deps.queues.reconcileOutcomeCounts().catch(() => undefined);
      this.reset();
      for (const [outcome, count] of Object.entries(counts ?? {})) this.inc({ outcome }, count);
    },
  });
  new Gauge({
    name: 'engagement_queue_jobs',
    help: 'Jobs in each BullMQ queue by state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of deps.queues.all()) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized').catch(() => ({}));
        for (const [state, count] of Object.entries(counts)) this.set({ queue: queue.name, state }, count);
      }
    },
  });
  new Gauge({
    name: 'engagement_messages_last_hour',
    help: 'Messages created in the last hour by direction and current status (sends, failures, suppressions)',
    labelNames: ['direction', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await deps.db
        .selectFrom('messages')
        .select(['direction', 'status', sql<string>`count(*)`.as('count')])
        .where('created_at', '>', sql<Date>`now() - interval '1 hour'`)
        .groupBy(['direction', 'status'])
        .execute()
        .catch(() => []);
      for (const row of rows) this.set({ direction: row.direction, status: row.status }, Number(row.count));
    },
  });

  return { registry, webhooks, httpDuration, webhookDuration };
}

export type Metrics = ReturnType<typeof createMetrics>;
