import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { QUEUE_NAMES, TURN_BATCH_JOB, turnBatchJobSchema, turnJobSchema, type TurnRequest } from './queues.js';
import type { RunInboundTurn, InboundTextOutcome } from './run-inbound-turn.use-case.js';
import { lockOptions } from './worker-options.js';

export function createTurnWorker(
  deps: { connection: Redis; prefix: string; logger: Logger; concurrency?: number; lockMs?: number },
  runTurn: RunInboundTurn,
  onWriteback: (writebackId: string) => Promise<void>,
  /** Adds each text's own turn job (JobQueues.enqueueTurns), for a `turns` job from the webhook. */
  enqueueTurns: (turns: readonly TurnRequest[]) => Promise<void>,
): Worker {
  return new Worker(
    QUEUE_NAMES.turn,
    async (job) => {
      // Texts stored together: each gets its own keyed turn job, which the next lines run like any other.
      if (job.name === TURN_BATCH_JOB) return enqueueTurns(turnBatchJobSchema.parse(job.data).turns);
      const { messageId } = turnJobSchema.parse(job.data);
      let outcome: InboundTextOutcome;
      try {
        outcome = await runTurn.execute(messageId);
      } catch (error) {
        // The last try failed too: the text becomes a dead letter for an admin to replay (GET /api/dead-letters).
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
          const parked = await runTurn.park(messageId, error).catch(() => false);
          deps.logger.error({ err: error, messageId, jobId: job.id, parked }, 'turn failed on its last try');
        }
        throw error;
      }
      if (outcome.kind === 'done') for (const id of outcome.writebackIds) await onWriteback(id);
      // The job id is `inbound-<MessageSid>`: it ties these lines to Twilio's logs and the webhook's request.
      else deps.logger.debug({ messageId, jobId: job.id, reason: outcome.reason }, 'turn skipped');
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency ?? 8, ...lockOptions(deps.lockMs) },
  );
}
