import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { Clock } from '../../domain/clock.js';
import type { Config } from '../../domain/config.schema.js';
import type { WhatsAppFallback } from '../../domain/delivery.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db } from '../../store/database.js';
import { recordDeliveryFailure } from '../../app/record-delivery-failure.js';
import { MessageRepository } from '../../store/message.repository.js';
import type { JobQueues } from '../../workers/queues.js';
import type { InboundIntake } from '../inbound-intake.js';
import { parseInboundWebhook } from '../twilio/inbound.schema.js';
import { MESSAGE_STATUSES, isMessageStatus, shouldAdvance } from '../twilio/message-status.js';
import { classifyStatusErrorCode } from '../twilio/send-errors.js';
import { parseStatusCallback, type StatusCallback } from '../twilio/status.schema.js';
import { isConnectionError } from './api-error.js';
import { formParams, hasValidTwilioSignature, isFormRequest } from './twilio-request.js';
import { sourceKeys } from '../../domain/job-keys.js';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
// A callback can overtake the commit that records the sid it is about: wait a moment before calling it unknown.
const UNKNOWN_SID_WAITS_MS = [50, 150, 300];

export interface TwilioWebhookDeps {
  db: Db;
  config: Config;
  clock: Clock;
  queues: JobQueues;
  intake: InboundIntake;
  logger: Logger;
  whatsappFallback: WhatsAppFallback;
  onWebhook?: (route: 'inbound' | 'status', status: number) => void;
}

export function registerTwilioWebhooks(server: Server, deps: TwilioWebhookDeps): void {
  const answer = (route: 'inbound' | 'status', res: Response, status: number, body: string, contentType = 'text/plain') => {
    deps.onWebhook?.(route, status);
    res.sendRaw(status, body, { 'Content-Type': contentType });
  };

  const guard = (route: 'inbound' | 'status', handler: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response) => {
      if (!isFormRequest(req)) return answer(route, res, 415, 'Expected application/x-www-form-urlencoded');
      if (!hasValidTwilioSignature(req, deps.config)) return answer(route, res, 403, 'Invalid signature');
      try {
        await handler(req, res);
      } catch (error) {
        // 503 makes Twilio retry; nothing was half-written because every write is one transaction.
        const status = isConnectionError(error) ? 503 : 500;
        deps.logger.error({ err: error, route }, 'twilio webhook failed');
        if (status === 503) res.header('Retry-After', '5');
        answer(route, res, status, status === 503 ? 'Temporarily unavailable' : 'Internal error');
      }
    };

  server.post(
    '/twilio/inbound',
    guard('inbound', async (req, res) => {
      const parsed = parseInboundWebhook(formParams(req));
      if (!parsed.success) return answer('inbound', res, 400, 'Invalid inbound message form');
      const inbound = parsed.data;
      await deps.intake.accept({
        messageSid: inbound.messageSid,
        channel: inbound.from.channel,
        phone: inbound.from.phone,
        body: inbound.body,
      });
      answer('inbound', res, 200, EMPTY_TWIML, 'text/xml');
    }),
  );

  server.post(
    '/twilio/status',
    guard('status', async (req, res) => {
      const parsed = parseStatusCallback(formParams(req));
      if (!parsed.success) return answer('status', res, 400, 'Invalid status callback form');
      const outcome = await recordStatus(deps, parsed.data);
      answer('status', res, 200, outcome);
    }),
  );
}

async function recordStatus(deps: TwilioWebhookDeps, callback: StatusCallback): Promise<string> {
  const messages = new MessageRepository(deps.db);
  let message = await messages.findBySid(callback.messageSid);
  for (const wait of UNKNOWN_SID_WAITS_MS) {
    if (message) break;
    await new Promise((resolve) => setTimeout(resolve, wait));
    message = await messages.findBySid(callback.messageSid);
  }
  // Twilio does not retry a 200; an unknown sid is not ours (or was erased), so there is nothing to record.
  if (!message) return 'ignored: unknown message';

  const replaceable = MESSAGE_STATUSES.filter((current) => isMessageStatus(current) && shouldAdvance(current, callback.status));
  const at = deps.clock.now();
  const fallback = await deps.db.transaction().execute(async (tx) => {
    const advanced = await new MessageRepository(tx).advanceStatusBySid(callback.messageSid, callback.status, replaceable, {
      code: callback.errorCode ?? null,
      message: callback.errorMessage ?? null,
    });
    if (!advanced) return undefined;
    if (advanced.participant_id) {
      await new CaseRecordRepository(tx).append({
        participantId: advanced.participant_id,
        type: 'message.status',
        at,
        data: { messageId: advanced.id, status: callback.status, errorCode: callback.errorCode ?? null },
        sourceKey: sourceKeys.deliveryStatus(callback.messageSid, callback.status),
      });
    }
    if ((callback.status === 'failed' || callback.status === 'undelivered') && callback.errorCode !== undefined) {
      const kind = classifyStatusErrorCode(callback.errorCode);
      return recordDeliveryFailure(
        tx,
        advanced,
        { kind, code: callback.errorCode, message: callback.errorMessage ?? `Twilio error ${callback.errorCode}` },
        at,
        deps.whatsappFallback,
      );
    }
    return undefined;
  });
  if (fallback?.fallbackMessageId) {
    await deps.queues
      .enqueueSends([fallback.fallbackMessageId])
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'fallback not enqueued; the sweep will send it'));
  }
  return fallback === undefined ? 'recorded' : 'recorded failure';
}
