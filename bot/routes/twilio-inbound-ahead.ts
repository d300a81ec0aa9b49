/**
 * `POST /twilio/inbound` answered ahead of restify's chain, from restify's `server.first` hook (work "early in the
 * request/response life cycle without the overhead of the restify framework"). On the embedded default a burst of
 * texts is answered by the one event loop that also runs the workers, and restify's chain (routing, pre and use
 * handlers a tick each, its response formatting and end-of-request bookkeeping) was about a fifth of a text's CPU.
 * What is done is what the route does: the body read with the same limit and parsed as restify's parser does
 * (`parseFormBody`: qs with its defaults, restify handing it only options of its own), the same checks and handler
 * (`registerTwilioWebhooks`), the same headers, request id, metrics and `request finished` line. What this does not
 * take (another content type, a compressed, chunked, oversized or Content-MD5 body, another method or path) goes on
 * to restify's route as before.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFormBody } from './form-body.js';
import type { FinishedRequest } from '../request-envelope.js';
import { REQUEST_ID_HEADER, requestIdFor, runInRequest } from '../request-context.js';
import { ApiError } from './api-error.js';
import { formParams, type TwilioWebhookRequest } from './twilio-request.js';
import type { Logger } from 'pino';

export interface WebhookAnswer {
  status: number;
  body: string;
  contentType: string;
  retryAfterSeconds?: number;
}

export interface InboundAheadDeps {
  /** The headers every answer carries (`Server`, the security headers), as restify's chain would set them. */
  headers: ReadonlyArray<readonly [string, string]>;
  /** restify's body parser's `maxBodySize`: larger bodies go to restify, which answers 413. */
  maxBodyBytes: number;
  /** The webhook's answer to a read form: checks, handler and errors, as the restify route gives them. */
  answer: (request: TwilioWebhookRequest) => Promise<WebhookAnswer>;
  onFinished: (request: FinishedRequest) => void;
  logger: Logger;
}

const PATH = '/twilio/inbound';
const FORM = 'application/x-www-form-urlencoded';

/** restify's media type (req.getContentType()): the header up to its first `;`, lower-cased, untrimmed. */
function mediaType(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const semicolon = header.indexOf(';');
  return (semicolon === -1 ? header : header.slice(0, semicolon)).toLowerCase();
}

/** A plain Twilio post: a form of known, small length, neither compressed nor chunked nor with a Content-MD5. */
function takesAhead(req: IncomingMessage, maxBodyBytes: number): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url ?? '';
  if (url !== PATH && !url.startsWith(`${PATH}?`)) return false;
  const { headers } = req;
  if (mediaType(headers['content-type']) !== FORM) return false;
  if (headers['content-encoding'] !== undefined || headers['content-md5'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  if (length === undefined || !/^\d{1,9}$/.test(length)) return false;
  return Number(length) <= maxBodyBytes;
}

export function inboundAheadOfRestify(deps: InboundAheadDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const send = (res: ServerResponse, requestId: string, started: number, answer: WebhookAnswer) => {
    const head: Record<string, string> = Object.fromEntries(deps.headers);
    head[REQUEST_ID_HEADER] = requestId;
    head['Content-Type'] = answer.contentType;
    head['Content-Length'] = String(Buffer.byteLength(answer.body));
    if (answer.retryAfterSeconds !== undefined) head['Retry-After'] = String(answer.retryAfterSeconds);
    res.writeHead(answer.status, head);
    res.end(answer.body);
    deps.onFinished({ requestId, method: 'POST', route: PATH, status: answer.status, ms: Date.now() - started });
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, requestId: string, started: number, body: string) => {
    let params;
    try {
      params = formParams(body.length > 0 ? parseFormBody(body) : undefined);
    } catch (error) {
      // As restify's body parser: InvalidContent, in the contract's error shape.
      const message = error instanceof Error ? error.message : 'Invalid content';
      return send(res, requestId, started, { status: 400, body: JSON.stringify(new ApiError(400, 'bad_request', message).toJSON(requestId)), contentType: 'application/json' });
    }
    const signature = req.headers['x-twilio-signature'];
    send(res, requestId, started, await deps.answer({ path: req.url ?? PATH, signature: typeof signature === 'string' && signature ? signature : undefined, params }));
  };

  return (req, res) => {
    if (!takesAhead(req, deps.maxBodyBytes)) return true;
    const started = Date.now();
    const requestId = requestIdFor(req.headers['x-request-id']);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8');
      runInRequest({ requestId }, () =>
        answer(req, res, requestId, started, body).catch((error: unknown) => {
          deps.logger.error({ err: error, route: 'inbound' }, 'twilio webhook failed');
          if (!res.headersSent) send(res, requestId, started, { status: 500, body: 'Internal error', contentType: 'text/plain' });
        }),
      );
    });
    return false;
  };
}
