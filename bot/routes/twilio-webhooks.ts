import type { IncomingMessage, ServerResponse } from 'node:http';
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
import type { TwilioFormParams } from '../twilio/signature.js';
import { inboundAheadOfRestify, type InboundAheadDeps, type WebhookAnswer } from './twilio-inbound-ahead.js';
import { hasValidTwilioSignature, isFormRequest, twilioWebhookRequest, type TwilioWebhookRequest } from './twilio-request.js';

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
  /** Answer `POST /twilio/inbound` ahead of restify's chain (twilio-inbound-ahead.ts) with these. */
  ahead?: Omit<InboundAheadDeps, 'answer' | 'logger'>;
}

export function registerTwilioWebhooks(server: Server, deps: TwilioWebhookDeps): void {
  const recordMessageStatus = new RecordMessageStatus(deps);

  /** What both routes do whichever way the request came in: the form and signature checks, the handler, errors. */
  const answerWebhook =
    (route: 'inbound' | 'status', handler: (params: TwilioFormParams) => Promise<WebhookAnswer>) =>
    async (request: TwilioWebhookRequest, isForm: boolean): Promise<WebhookAnswer> => {
      const answer = await guarded(route, request, isForm, handler);
      deps.onWebhook?.(route, answer.status);
      return answer;
    };

  const guarded = async (
    route: 'inbound' | 'status',
    request: TwilioWebhookRequest,
    isForm: boolean,
    handler: (params: TwilioFormParams) => Promise<WebhookAnswer>,
  ): Promise<WebhookAnswer> => {
    if (!isForm) return plain(415, 'Expected application/x-www-form-urlencoded');
    if (!hasValidTwilioSignature(request, deps.config)) return plain(403, 'Invalid signature');
    try {
      return await handler(request.params);
    } catch (error) {
      // 503 makes Twilio retry; nothing was half-written because every write is one transaction.
      deps.logger.error({ err: error, route }, 'twilio webhook failed');
      return isConnectionError(error) ? { ...plain(503, 'Temporarily unavailable'), retryAfterSeconds: 5 } : plain(500, 'Internal error');
    }
  };

  const inbound = answerWebhook('inbound', async (params) => {
    const parsed = parseInboundWebhook(params);
    if (!parsed.success) return plain(400, 'Invalid inbound message form');
    const inbound = parsed.data;
    await deps.intake.accept({
      messageSid: inbound.messageSid,
      channel: inbound.from.channel,
      phone: inbound.from.phone,
      body: inbound.body,
    });
    return { status: 200, body: EMPTY_TWIML, contentType: 'text/xml' };
  });

  const status = answerWebhook('status', async (params) => {
    const parsed = parseStatusCallback(params);
    if (!parsed.success) return plain(400, 'Invalid status callback form');
    return plain(200, await recordMessageStatus.execute(statusReport(parsed.data)));
  });

  const viaRestify = (answer: (request: TwilioWebhookRequest, isForm: boolean) => Promise<WebhookAnswer>) => async (req: Request, res: Response) => {
    const { status, body, contentType, retryAfterSeconds } = await answer(twilioWebhookRequest(req), isFormRequest(req));
    if (retryAfterSeconds !== undefined) res.header('Retry-After', String(retryAfterSeconds));
    res.sendRaw(status, body, { 'Content-Type': contentType });
  };

  // Twilio's texts take the short way (read, checked and answered without restify's chain); anything unusual, such
  // as another content type, a compressed or oversized body, is left to the route below.
  if (deps.ahead) {
    // restify's typings (8.x) miss `first`, which restify 12 has.
    const first = server as unknown as { first(handler: (req: IncomingMessage, res: ServerResponse) => boolean): void };
    first.first(inboundAheadOfRestify({ ...deps.ahead, logger: deps.logger, answer: (request) => inbound(request, true) }));
  }
  server.post('/twilio/inbound', viaRestify(inbound));
  server.post('/twilio/status', viaRestify(status));
}

const plain = (status: number, body: string): WebhookAnswer => ({ status, body, contentType: 'text/plain' });

/** Twilio's words for the action: which statuses this one may replace, and what its error code means. */
function statusReport(callback: StatusCallback): MessageStatusReport {
  const failed = (callback.status === 'failed' || callback.status === 'undelivered') && callback.errorCode !== undefined;
  return {
    ...callback,
    replaceable: MESSAGE_STATUSES.filter((current) => isMessageStatus(current) && shouldAdvance(current, callback.status)),
    ...(failed && { failureKind: classifyStatusErrorCode(callback.errorCode) }),
  };
}
