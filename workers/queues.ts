import { Queue, type JobsOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { MAX_SEND_ATTEMPTS, type DeliveryFailureKind } from '../domain/sending/delivery.js';
import {
  campaignFanoutJobId,
  campaignJobId,
  checkInJobId,
  crmDeliveryJobId,
  escalationJobId,
  followUpJobId,
  sendJobId,
  turnBatchJobId,
  turnJobId,
  writebackJobId,
} from '../domain/job-keys.js';

/** Queue names. Job ids never contain `:` (BullMQ rejects them). */
export const QUEUE_NAMES = {
  turn: 'turn',
  writeback: 'writeback',
  outbound: 'outbound',
  reminder: 'reminder',
  followUp: 'follow-up',
  sweep: 'sweep',
  checkIn: 'check-in',
  campaign: 'campaign',
  campaignFanout: 'campaign-fanout',
  crmSink: 'crm-sink',
  escalation: 'escalation',
} as const;

export const turnJobSchema = z.object({ messageId: z.uuid() });
/** The name of the job that asks for the turns of texts stored together (the rest of the turn queue's jobs are `turn`). */
export const TURN_BATCH_JOB = 'turns';
export const turnBatchJobSchema = z.object({
  turns: z.array(z.object({ twilioSid: z.string().min(1), messageId: z.uuid() })).min(1),
});
export type TurnRequest = z.infer<typeof turnBatchJobSchema>['turns'][number];
export const writebackJobSchema = z.object({ writebackId: z.uuid() });
export const sendJobSchema = z.object({ messageId: z.uuid() });
export const reminderJobSchema = z.object({ reminderId: z.uuid() });
export type ReminderJob = z.infer<typeof reminderJobSchema>;
export const followUpJobSchema = z.object({ followUpId: z.uuid(), step: z.number().int().min(0) });
export type FollowUpJob = z.infer<typeof followUpJobSchema>;
export const checkInJobSchema = z.object({ checkInId: z.uuid() });
export const campaignJobSchema = z.object({ campaignId: z.uuid(), participantId: z.uuid(), epoch: z.number().int().min(0) });
export type CampaignJob = z.infer<typeof campaignJobSchema>;
export const campaignFanoutJobSchema = z.object({ campaignId: z.uuid(), epoch: z.number().int().min(0) });
export type TurnJob = z.infer<typeof turnJobSchema>;
export type WritebackJob = z.infer<typeof writebackJobSchema>;
export type SendJob = z.infer<typeof sendJobSchema>;
/** A person's lane of deliveries to the CRM, and the head (event and attempt count) the job was made for. */
export const crmDeliveryJobSchema = z.object({
  sinkId: z.string().regex(/^[a-z0-9]+$/),
  participantId: z.uuid(),
  eventId: z.string().regex(/^\d+$/),
  attempts: z.number().int().min(0),
});
export type CrmDeliveryJob = z.infer<typeof crmDeliveryJobSchema>;
export const escalationJobSchema = z.object({ alertId: z.uuid() });
export type EscalationJob = z.infer<typeof escalationJobSchema>;


// Finished jobs are removed so their ids are free: the database row, not the job, says whether work is done.
export const BASE_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: { age: 3600, count: 10_000 },
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
};

/** The backoff of a send's retries: the outbound worker spaces them (OUTBOUND_RETRY_BASE_MS), not whoever queued the send. */
export const SEND_RETRY_BACKOFF = 'send-retry';

// The row's attempt count is the truth (it survives a Redis flush); BullMQ only spaces the tries out.
const SEND_JOB_OPTIONS: JobsOptions = { attempts: MAX_SEND_ATTEMPTS, backoff: { type: SEND_RETRY_BACKOFF } };

// A CRM delivery job that gave up (the database was away) frees its id at once, so the sweep can add it again.
const CRM_JOB_OPTIONS: JobsOptions = { removeOnFail: true };

// An escalation that gave up (the database was away) frees its id at once, so the next sweep adds it again.
const ESCALATION_JOB_OPTIONS: JobsOptions = { removeOnFail: true };

/** Campaign jobs go to Redis this many at a time. */
const CAMPAIGN_BATCH = 1000;

/** What one send ended in, for the counters behind /metrics. */
export type SendOutcomeCount = { kind: 'sent' } | { kind: 'failed'; failure: DeliveryFailureKind; final: boolean };

const sendCountersKey = (prefix: string) => `${prefix}:metrics:sends`;
const reconcileCountersKey = (prefix: string) => `${prefix}:metrics:reconciles`;

/** What the sweep did with one send cut mid-call. */
export const RECONCILE_OUTCOMES = ['found', 'resent', 'lookup_failed', 'given_up'] as const;
export type ReconcileOutcome = (typeof RECONCILE_OUTCOMES)[number];

/** Producers fail fast when Redis is away (the sweep re-adds later); workers wait for it. */
export function createProducerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
}

/**
 * Resolves once the connection's first attempt has ended either way: ready, or failed (Redis away). A role that
 * started answering before then would find its producer commands refused and its rate limits open for no reason.
 */
export function firstConnectionAttempt(connection: Redis): Promise<void> {
  if (connection.status === 'ready' || connection.status === 'end') return Promise.resolve();
  return new Promise((resolve) => {
    const settle = () => {
      connection.off('ready', settle).off('error', settle).off('end', settle);
      resolve();
    };
    connection.on('ready', settle).on('error', settle).on('end', settle);
  });
}

/** Where Redis is, fit for a log line or /readyz: the URL without its user and password, or the socket path. */
export function describeRedisAddress(address: string): string {
  if (address.startsWith('/')) return `unix socket ${address}`;
  try {
    const url = new URL(address);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return 'an unparseable REDIS_URL';
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT', 'EPIPE',
]);

/** Redis away (refused, reset, timed out, no such host or socket), as against an error of a command or a job. */
export function isRedisConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) || /Connection is closed|connect ETIMEDOUT/.test(error.message);
}

export interface RedisWatch {
  /** Feeds a connection error seen elsewhere (a worker's own connections) into the same throttled report. */
  noteError(error: unknown): void;
  stop(): void;
}

/**
 * Says in the log when Redis goes away, now and then while it stays away (every `repeatMs`), and when it is back:
 * a handful of lines, where ioredis and BullMQ would report every reconnection attempt of every connection.
 */
export function watchRedis(connection: Redis, options: { address: string; logger: Logger; role: string; repeatMs?: number }): RedisWatch {
  const { logger, role } = options;
  const where = describeRedisAddress(options.address);
  const repeatMs = options.repeatMs ?? 30_000;
  let downSince: number | undefined;
  let lastReason = '';
  let timer: NodeJS.Timeout | undefined;
  const noteError = (error: unknown) => {
    if (!isRedisConnectionError(error)) return;
    lastReason = (error as Error & { code?: string }).code ?? (error as Error).message;
    if (downSince !== undefined) return;
    downSince = Date.now();
    logger.warn(
      { role, redis: where, reason: lastReason },
      `Redis unreachable at ${where} (${lastReason}): texts are still stored, queued work waits and the sweep catches up once it is back; retrying`,
    );
    timer = setInterval(() => {
      const seconds = Math.round((Date.now() - (downSince ?? Date.now())) / 1000);
      logger.warn({ role, redis: where, reason: lastReason, seconds }, `Redis still unreachable at ${where} after ${seconds} s (${lastReason})`);
    }, repeatMs);
    timer.unref();
  };
  const onReady = () => {
    if (downSince === undefined) return;
    const seconds = Math.round((Date.now() - downSince) / 1000);
    downSince = undefined;
    clearInterval(timer);
    logger.info({ role, redis: where, seconds }, `Redis reachable again at ${where} after ${seconds} s`);
  };
  connection.on('error', noteError).on('ready', onReady);
  return {
    noteError,
    stop: () => {
      clearInterval(timer);
      connection.off('error', noteError).off('ready', onReady);
    },
  };
}

export function createWorkerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...extra });
}

/** The enqueue side shared by bot/ and workers/: ids only, never personal data, go into Redis. */
export class JobQueues {
  readonly turn: Queue;
  readonly writeback: Queue;
  readonly outbound: Queue;
  readonly reminder: Queue;
  readonly followUp: Queue;
  readonly sweep: Queue;
  readonly checkIn: Queue;
  readonly campaign: Queue;
  readonly campaignFanout: Queue;
  readonly crmSink: Queue;
  readonly escalation: Queue;

  constructor(
    readonly connection: Redis,
    readonly prefix: string,
  ) {
    const opts = { connection, prefix, defaultJobOptions: BASE_JOB_OPTIONS };
    this.turn = new Queue(QUEUE_NAMES.turn, opts);
    this.writeback = new Queue(QUEUE_NAMES.writeback, opts);
    this.outbound = new Queue(QUEUE_NAMES.outbound, opts);
    this.reminder = new Queue(QUEUE_NAMES.reminder, opts);
    this.followUp = new Queue(QUEUE_NAMES.followUp, opts);
    this.sweep = new Queue(QUEUE_NAMES.sweep, { connection, prefix });
    this.checkIn = new Queue(QUEUE_NAMES.checkIn, opts);
    this.campaign = new Queue(QUEUE_NAMES.campaign, opts);
    this.campaignFanout = new Queue(QUEUE_NAMES.campaignFanout, opts);
    this.crmSink = new Queue(QUEUE_NAMES.crmSink, opts);
    this.escalation = new Queue(QUEUE_NAMES.escalation, opts);
    for (const queue of this.all()) queue.on('error', () => undefined);
  }

  async enqueueTurn(twilioSid: string, job: TurnJob): Promise<void> {
    await this.turn.add('turn', job, { jobId: turnJobId(twilioSid) });
  }

  /**
   * Asks for the turns of texts stored together with one Redis write: one `turns` job (keyed by the texts) whose
   * processor adds each text's own `inbound-{MessageSid}` job (enqueueTurns), so what a turn job is, its retries,
   * its parking and the sweep's re-adding stay per text. A text on its own gets its turn job at once.
   */
  async requestTurns(turns: readonly TurnRequest[]): Promise<void> {
    if (turns.length === 0) return;
    if (turns.length === 1) return this.enqueueTurns(turns);
    await this.turn.add(
      TURN_BATCH_JOB,
      { turns: turns.map((t) => ({ twilioSid: t.twilioSid, messageId: t.messageId })) },
      { jobId: turnBatchJobId(turns.map((t) => t.twilioSid)) },
    );
  }

  /** Each text's own turn job, `inbound-{MessageSid}`: adding one that is still queued is a no-op. */
  async enqueueTurns(turns: readonly TurnRequest[]): Promise<void> {
    if (turns.length === 0) return;
    await this.turn.addBulk(
      turns.map((t) => ({ name: 'turn', data: { messageId: t.messageId }, opts: { jobId: turnJobId(t.twilioSid) } })),
    );
  }

  async enqueueWriteback(job: WritebackJob): Promise<void> {
    await this.writeback.add('writeback', job, { jobId: writebackJobId(job.writebackId) });
  }

  async enqueueSend(job: SendJob): Promise<void> {
    await this.outbound.add('send', job, { jobId: sendJobId(job.messageId), ...SEND_JOB_OPTIONS });
  }

  async enqueueSends(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.outbound.addBulk(
      messageIds.map((messageId) => ({
        name: 'send',
        data: { messageId },
        opts: { jobId: sendJobId(messageId), ...SEND_JOB_OPTIONS },
      })),
    );
  }

  /**
   * Delayed jobs for reminders, under the reminder's own job id (`appt-{id}-v{version}-{offset}`), so adding one
   * again (the sweep, a retried request) is a no-op.
   */
  async enqueueReminders(reminders: ReadonlyArray<{ id: string; jobId: string; sendAt: Date }>, now: Date): Promise<void> {
    if (reminders.length === 0) return;
    await this.reminder.addBulk(
      reminders.map((r) => ({
        name: 'reminder',
        data: { reminderId: r.id },
        opts: { jobId: r.jobId, delay: Math.max(0, r.sendAt.getTime() - now.getTime()) },
      })),
    );
  }

  /** A follow-up's next step, keyed `followup-{id}-step{n}`: each step runs once however often it is added. */
  async enqueueFollowUps(steps: ReadonlyArray<{ id: string; step: number; at: Date }>, now: Date): Promise<void> {
    if (steps.length === 0) return;
    await this.followUp.addBulk(
      steps.map((s) => ({
        name: 'follow-up',
        data: { followUpId: s.id, step: s.step },
        opts: { jobId: followUpJobId(s.id, s.step), delay: Math.max(0, s.at.getTime() - now.getTime()) },
      })),
    );
  }

  /**
   * Jobs for lanes of CRM deliveries, each under the id of its head and attempt, delayed until a pending retry is
   * due (the database says when; Redis only holds the timer).
   */
  async enqueueCrmDeliveries(
    heads: ReadonlyArray<{ sinkId: string; participantId: string; eventId: string; attempts: number; nextAttemptAt: Date | null }>,
    now: Date,
  ): Promise<void> {
    if (heads.length === 0) return;
    await this.crmSink.addBulk(
      heads.map((h) => {
        const data: CrmDeliveryJob = { sinkId: h.sinkId, participantId: h.participantId, eventId: h.eventId, attempts: h.attempts };
        const delay = h.nextAttemptAt ? Math.max(0, h.nextAttemptAt.getTime() - now.getTime()) : 0;
        return { name: 'deliver', data, opts: { jobId: crmDeliveryJobId(data), delay, ...CRM_JOB_OPTIONS } };
      }),
    );
  }

  /**
   * Delayed jobs for safeguarding escalations (`escalate-{alertId}`), each due when the alert's escalation is (the
   * database holds the due time; Redis only the timer).
   */
  async enqueueEscalations(escalations: ReadonlyArray<{ alertId: string; dueAt: Date }>, now: Date): Promise<void> {
    if (escalations.length === 0) return;
    await this.escalation.addBulk(
      escalations.map((e) => ({
        name: 'escalate',
        data: { alertId: e.alertId } satisfies EscalationJob,
        opts: { jobId: escalationJobId(e.alertId), delay: Math.max(0, e.dueAt.getTime() - now.getTime()), ...ESCALATION_JOB_OPTIONS },
      })),
    );
  }

  /** Delayed jobs for in-work check-ins (`checkin-{id}`), each due at its send time. */
  async enqueueCheckIns(checkIns: ReadonlyArray<{ id: string; sendAt: Date }>, now: Date): Promise<void> {
    if (checkIns.length === 0) return;
    await this.checkIn.addBulk(
      checkIns.map((c) => ({
        name: 'check-in',
        data: { checkInId: c.id },
        opts: { jobId: checkInJobId(c.id), delay: Math.max(0, c.sendAt.getTime() - now.getTime()) },
      })),
    );
  }

  /** Jobs that can no longer do anything (the job ended): removing them only frees memory. */
  async removeCheckInJobs(checkInIds: readonly string[]): Promise<void> {
    await Promise.all(checkInIds.map((id) => this.checkIn.remove(checkInJobId(id))));
  }

  /**
   * A campaign's messages as delayed jobs keyed by campaign, participant and plan epoch, each due at its slot: the
   * throttle is in the slots, so adding them all at once sends nothing early. In batches, so 50,000 go in seconds.
   */
  async enqueueCampaignMessages(messages: ReadonlyArray<{ campaignId: string; participantId: string; epoch: number; dueAt: Date }>, now: Date): Promise<void> {
    for (let i = 0; i < messages.length; i += CAMPAIGN_BATCH) {
      await this.campaign.addBulk(
        messages.slice(i, i + CAMPAIGN_BATCH).map((m) => ({
          name: 'campaign-message',
          data: { campaignId: m.campaignId, participantId: m.participantId, epoch: m.epoch } satisfies CampaignJob,
          opts: { jobId: campaignJobId(m.campaignId, m.participantId, m.epoch), delay: Math.max(0, m.dueAt.getTime() - now.getTime()) },
        })),
      );
    }
  }

  /** The job that adds a campaign's message jobs (once per plan epoch), so a large campaign is queued off the request. */
  async enqueueCampaignFanout(campaignId: string, epoch: number): Promise<void> {
    await this.campaignFanout.add('fanout', { campaignId, epoch }, { jobId: campaignFanoutJobId(campaignId, epoch) });
  }

  /** Jobs that can no longer do anything (their reminder was superseded): removing them only frees memory. */
  async removeReminderJobs(jobIds: readonly string[]): Promise<void> {
    await Promise.all(jobIds.map((id) => this.reminder.remove(id)));
  }

  /**
   * Counts one send outcome for /metrics, in Redis so that every workers process adds to the same counters and any web
   * process can read them. Best effort: a count lost with Redis is a counter reset to Prometheus, never a lost message.
   */
  async countSendOutcome(outcome: SendOutcomeCount): Promise<void> {
    const field = outcome.kind === 'sent' ? 'sent' : `${outcome.final ? 'final' : 'retried'}:${outcome.failure}`;
    await this.connection.hincrby(sendCountersKey(this.prefix), field, 1);
  }

  /** Counts what the sweep did with one cut send, for /metrics (best effort, like the send counters). */
  async countReconcileOutcome(outcome: ReconcileOutcome): Promise<void> {
    await this.connection.hincrby(reconcileCountersKey(this.prefix), outcome, 1);
  }

  async reconcileOutcomeCounts(): Promise<Record<ReconcileOutcome, number>> {
    const fields = await this.connection.hgetall(reconcileCountersKey(this.prefix));
    return Object.fromEntries(RECONCILE_OUTCOMES.map((o) => [o, Number(fields[o] ?? 0)])) as Record<ReconcileOutcome, number>;
  }

  /** The send outcomes counted so far: sent, and failures by kind and whether they were final. */
  async sendOutcomeCounts(): Promise<{ sent: number; failures: Array<{ kind: string; final: boolean; count: number }> }> {
    const fields = await this.connection.hgetall(sendCountersKey(this.prefix));
    const failures = Object.entries(fields)
      .filter(([field]) => field !== 'sent')
      .map(([field, count]) => {
        const [when, kind = 'unknown'] = field.split(':');
        return { kind, final: when === 'final', count: Number(count) };
      });
    return { sent: Number(fields.sent ?? 0), failures };
  }

  all(): Queue[] {
    return [
      this.turn,
      this.writeback,
      this.outbound,
      this.reminder,
      this.followUp,
      this.sweep,
      this.crmSink,
      this.checkIn,
      this.campaign,
      this.campaignFanout,
      this.escalation,
    ];
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
  }
}
