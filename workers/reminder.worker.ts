import { DelayedError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { FireReminder } from '../app/appointments/fire-reminder.action.js';
import { QUEUE_NAMES, reminderJobSchema } from './queues.js';
import { lockOptions } from './worker-options.js';

/** Fires due reminders; one deferred by quiet hours or the daily cap goes back to waiting under the same job id. */
export function createReminderWorker(
  deps: { connection: Redis; prefix: string; logger: Logger; concurrency?: number; lockMs?: number },
  fire: FireReminder,
  enqueueSends: (messageIds: string[]) => Promise<void>,
): Worker {
  return new Worker(
    QUEUE_NAMES.reminder,
    async (job, token) => {
      const { reminderId } = reminderJobSchema.parse(job.data);
      const outcome = await fire.execute(reminderId);
      if (outcome.kind === 'sent') await enqueueSends(outcome.messageIds);
      if (outcome.kind === 'deferred') {
        await job.moveToDelayed(outcome.until.getTime(), token);
        throw new DelayedError();
      }
      if (outcome.kind === 'closed') deps.logger.debug({ reminderId, status: outcome.status, reason: outcome.reason }, 'reminder closed');
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency ?? 8, ...lockOptions(deps.lockMs) },
  );
}
