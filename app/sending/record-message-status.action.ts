import type { Logger } from 'pino';
import type { Clock } from '../../domain/time/clock.js';
import type { DeliveryFailureKind, WhatsAppFallback } from '../../domain/sending/delivery.js';
import { sourceKeys } from '../../domain/job-keys.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db } from '../../store/database.js';
import { MessageRepository } from '../../store/message.repository.js';
import type { JobQueues } from '../../workers/queues.js';
import { recordDeliveryFailure } from './record-delivery-failure.js';

// A callback can overtake the commit that records the sid it is about: wait a moment before calling it unknown.
const UNKNOWN_SID_WAITS_MS = [50, 150, 300];

export interface MessageStatusReport {
  messageSid: string;
  status: string;
  /** The statuses this one may replace: a status never moves backwards (bot/twilio/message-status.ts). */
  replaceable: readonly string[];
  errorCode?: number | undefined;
  errorMessage?: string | undefined;
  /** What the error code means, when the message failed with one (bot/twilio/send-errors.ts). */
  failureKind?: DeliveryFailureKind | undefined;
}

export interface RecordMessageStatusDeps {
  db: Db;
  clock: Clock;
  queues: Pick<JobQueues, 'enqueueSends'>;
  logger: Logger;
  whatsappFallback: WhatsAppFallback;
}

/**
 * A delivery status from Twilio (POST /twilio/status): the message's status moves forwards, `message.status` goes on
 * the record once, and a failure means what it means for the person (app/sending/record-delivery-failure.ts).
 */
export class RecordMessageStatus {
  constructor(private readonly deps: RecordMessageStatusDeps) {}

  /** What was done, in words for the answer to Twilio. */
  async execute(report: MessageStatusReport): Promise<string> {
    const { db, clock, queues, logger, whatsappFallback } = this.deps;
    const messages = new MessageRepository(db);
    let message = await messages.findBySid(report.messageSid);
    for (const wait of UNKNOWN_SID_WAITS_MS) {
      if (message) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
      message = await messages.findBySid(report.messageSid);
    }
    // Twilio does not retry a 200; an unknown sid is not ours (or was erased), so there is nothing to record.
    if (!message) return 'ignored: unknown message';

    const at = clock.now();
    const fallback = await db.transaction().execute(async (tx) => {
      const advanced = await new MessageRepository(tx).advanceStatusBySid(report.messageSid, report.status, report.replaceable, {
        code: report.errorCode ?? null,
        message: report.errorMessage ?? null,
      });
      if (!advanced) return undefined;
      if (advanced.participant_id) {
        await new CaseRecordRepository(tx).append({
          participantId: advanced.participant_id,
          type: 'message.status',
          at,
          data: { messageId: advanced.id, status: report.status, errorCode: report.errorCode ?? null },
          sourceKey: sourceKeys.deliveryStatus(report.messageSid, report.status),
        });
      }
      if ((report.status === 'failed' || report.status === 'undelivered') && report.errorCode !== undefined && report.failureKind) {
        const failure = { kind: report.failureKind, code: report.errorCode, message: report.errorMessage ?? `Twilio error ${report.errorCode}` };
        return recordDeliveryFailure(tx, advanced, failure, at, whatsappFallback);
      }
      return undefined;
    });
    if (fallback?.fallbackMessageId) {
      await queues.enqueueSends([fallback.fallbackMessageId]).catch((error: unknown) => logger.warn({ err: error }, 'fallback not enqueued; the sweep will send it'));
    }
    return fallback === undefined ? 'recorded' : 'recorded failure';
  }
}
