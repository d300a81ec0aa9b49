import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { QUEUE_NAMES, SEND_RETRY_BACKOFF, sendJobSchema, type SendOutcomeCount } from './queues.js';
import { RetryableSendError, type SendOutboundMessage, type SendOutcome } from '../app/sending/send-outbound.action.js';
import { lockOptions } from './worker-options.js';

/**
 * One send every `1000 / rate` ms rather than `rate` at once each second: BullMQ's limiter is a fixed window opened by
 * its first job, so `{max: rate, duration: 1000}` lets a late start in one window sit next to the whole of the next,
 * and the claim between a start and the request to Twilio widens that gap further on a busy machine. Spaced out, any
 * `rate + 1` starts span at least a second. Rounded up so a rate that does not divide 1000 never goes over.
 */
export function sendPacing(ratePerSecond: number): { max: number; duration: number } {
  return { max: 1, duration: Math.ceil(1000 / ratePerSecond) };
}

/** The wait before a send's next try after `attemptsMade` tries: `baseMs`, then doubling, as BullMQ's exponential backoff. */
export function sendRetryDelay(attemptsMade: number, baseMs: number): number {
  return baseMs * 2 ** Math.max(0, attemptsMade - 1);
}

/** Sends have a queue of their own, so its rate limit (global across workers) slows nothing else. */
export function createOutboundWorker(
  deps: {
    connection: Redis;
    prefix: string;
    logger: Logger;
    ratePerSecond: number;
    /** OUTBOUND_RETRY_BASE_MS: the first retry's wait (then doubling). */
    retryBaseMs: number;
    concurrency?: number;
    lockMs?: number;
    /** Counts each outcome for /metrics (best effort: a failure to count is ignored). */
    countOutcome?: (outcome: SendOutcomeCount) => Promise<void>;
  },
  send: SendOutboundMessage,
): Worker {
  const count = (outcome: SendOutcomeCount) => void deps.countOutcome?.(outcome).catch(() => undefined);
  return new Worker(
    QUEUE_NAMES.outbound,
    async (job) => {
      const { messageId } = sendJobSchema.parse(job.data);
      let outcome: SendOutcome;
      try {
        outcome = await send.execute(messageId);
      } catch (error) {
        if (error instanceof RetryableSendError) count({ kind: 'failed', failure: error.failure.kind, final: false });
        throw error;
      }
      if (outcome.kind === 'sent') count({ kind: 'sent' });
      if (outcome.kind === 'cut') {
        count({ kind: 'failed', failure: outcome.failure.kind, final: false });
        deps.logger.warn({ messageId }, 'send cut mid-call; the sweep will look it up in Twilio after the safe wait');
      }
      if (outcome.kind === 'late') deps.logger.error({ messageId, sid: outcome.sid }, 'Twilio answered after the send was reconciled');
      if (outcome.kind === 'failed') {
        count({ kind: 'failed', failure: outcome.failure.kind, final: true });
        deps.logger.warn({ messageId, kind: outcome.failure.kind, code: outcome.failure.code }, 'send failed');
      }
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency ?? 10,
      ...lockOptions(deps.lockMs),
      limiter: sendPacing(deps.ratePerSecond),
      // Jobs queued before this backoff type existed carry BullMQ's own 'exponential', which BullMQ computes itself.
      settings: { backoffStrategy: (attemptsMade, type) => (type === SEND_RETRY_BACKOFF ? sendRetryDelay(attemptsMade, deps.retryBaseMs) : 0) },
    },
  );
}
