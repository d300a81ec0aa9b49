import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { Clock } from '../../domain/time/clock.js';
import type { Config } from '../../domain/config.schema.js';
import type { WhatsAppFallback } from '../../domain/sending/delivery.js';
import type { Db } from '../../store/database.js';
import { RecordMessageStatus, type MessageStatusReport } from '../../app/sending/record-message-status.action.js';
import type { JobQueues } from '../../workers/queues.js';
import type { InboundIntake } from '../inbound-intake.js';
import { parseInboundWebhook } from '../twilio/inbound.schema.js';
import { MESSAGE_STATUSES, isMessageStatus, shouldAdvance } from '../twilio/message-status.js';
import { classifyStatusErrorCode } from '../twilio/send-errors.js';
import { parseStatusCallback, type StatusCallback } from '../twilio/status.schema.js';
import { isConnectionError } from './api-error.js';
import { formParams, hasValidTwilioSignature, isFormRequest } from './twilio-request.js';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

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
  const recordMessageStatus = new RecordMessageStatus(deps);
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
      const outcome = await recordMessageStatus.execute(statusReport(parsed.data));
      answer('status', res, 200, outcome);
    }),
  );
}

/** Twilio's words for the action: which statuses this one may replace, and what its error code means. */
function statusReport(callback: StatusCallback): MessageStatusReport {
  const failed = (callback.status === 'failed' || callback.status === 'undelivered') && callback.errorCode !== undefined;
  return {
    ...callback,
    replaceable: MESSAGE_STATUSES.filter((current) => isMessageStatus(current) && shouldAdvance(current, callback.status)),
    ...(failed && { failureKind: classifyStatusErrorCode(callback.errorCode) }),
  };
}
