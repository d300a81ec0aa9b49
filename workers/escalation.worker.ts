import { DelayedError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EscalateSafeguardingAlert } from '../app/safeguarding/escalate-safeguarding-alert.action.js';
import { escalationJobSchema, QUEUE_NAMES } from './queues.js';
import { lockOptions } from './worker-options.js';

/**
 * Escalates urgent safeguarding alerts whose time is up. A job that comes early (the clock it was timed by differs)
 * waits again under the same id; the texts it makes go to the outbound queue (the sweep sends them if this is lost).
 */
export function createEscalationWorker(
  deps: { connection: Redis; prefix: string; logger: Logger; now: () => Date; concurrency?: number; lockMs?: number },
  escalate: EscalateSafeguardingAlert,
  enqueueSends: (messageIds: string[]) => Promise<void>,
): Worker {
  return new Worker(
    QUEUE_NAMES.escalation,
    async (job, token) => {
      const { alertId } = escalationJobSchema.parse(job.data);
      const outcome = await escalate.execute(alertId);
      if (outcome.kind === 'escalated') {
        if (outcome.contacts === 0) deps.logger.warn({ alertId }, 'urgent safeguarding alert not acknowledged in time; the team has no safeguarding contacts');
        else deps.logger.info({ alertId, contacts: outcome.contacts }, 'urgent safeguarding alert escalated');
        await enqueueSends(outcome.messageIds);
      }
      if (outcome.kind === 'not_due') {
        await job.moveToDelayed(Date.now() + Math.max(0, outcome.until.getTime() - deps.now().getTime()), token);
        throw new DelayedError();
      }
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency ?? 4, ...lockOptions(deps.lockMs) },
  );
}
