/**
 * A local stand-in for the Twilio Messages API, for tests: the real SDK talks to it over HTTP through
 * `createTwilioClient({ apiBaseUrl: fake.baseUrl })`. It listens on 127.0.0.1 only and posts status callbacks
 * only to loopback addresses, so no test can reach the internet through it.
 * Shapes follow https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource and, for
 * the list (`GET …/Messages.json`, filters `To`, `From`, `DateSent`, `DateSent<`, `DateSent>`, paged by `PageSize`
 * and `Page`), #read-multiple-message-resources; the page keys are the ones the SDK's Page parses
 * (node_modules/twilio/lib/base/Page.js: `messages` plus `next_page_uri`, `page`, `page_size`, `uri`…).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postSignedForm, TEST_ACCOUNT_SID, TEST_BOT_NUMBER, type TwilioForm } from './twilio-signer.js';

const LOOPBACK = '127.0.0.1';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * An HTTP error with Twilio's error body, a connection that never answers, or one that is cut: before the message is
 * made (`reset`), or after (`accept-then-reset`: Twilio has it and will list it, but the caller never hears;
 * `queue-then-reset`: the same, but Twilio still holds it unsent, so it has no DateSent and date filters miss it).
 */
export type FakeTwilioFailure = { status: number; code?: number; message?: string } | 'timeout' | 'reset' | 'accept-then-reset' | 'queue-then-reset';

/** How a list request may fail: the same, less `accept-then-reset` (a list makes nothing). */
export type FakeTwilioListFailure = Exclude<FakeTwilioFailure, 'accept-then-reset' | 'queue-then-reset'>;

export interface FakeTwilioListRequest {
  at: Date;
  /** The query, decoded: `To`, `DateSent>`, `PageSize`… */
  query: Record<string, string>;
  response: number | 'timeout' | 'reset';
}

export interface FakeTwilioMessage {
  /** When the request arrived. */
  at: Date;
  /** The account SID in the path. */
  accountSid: string;
  /** The decoded form, repeated keys as arrays (MediaUrl). */
  form: TwilioForm;
  /** The SID the fake gave the message (when it made one: answered 201, or cut the answer after making it). */
  sid?: string;
  /** What the fake did: the HTTP status it answered with, or the failure it simulated. */
  response: number | 'timeout' | 'reset' | 'accept-then-reset' | 'queue-then-reset';
  /** Twilio holds it unsent (`queue-then-reset`): listed `queued` with no `date_sent`. */
  unsent?: boolean;
  /** The status the list shows: `sent` once made, or the last one given to {@link FakeTwilio.sendStatusCallback}. */
  status?: string;
  /** The error code the list shows with a failed or undelivered status, from the last status callback. */
  errorCode?: number;
}

export interface FakeTwilioOptions {
  /** @defaultValue {@link TEST_ACCOUNT_SID} */
  accountSid?: string;
  /** @defaultValue random */
  authToken?: string;
  /** Only `127.0.0.1` is accepted; anything else throws. */
  host?: string;
}

export interface SendStatusCallbackInput {
  sid: string;
  status: string;
  errorCode?: number;
  errorMessage?: string;
  /**
   * Where the app under test listens, if not at the StatusCallback's own origin (the callback URL is the public
   * one; the signature is computed over it either way). Must be a loopback address.
   */
  deliverToBaseUrl?: string;
}

type FailurePredicate = (message: FakeTwilioMessage) => FakeTwilioFailure | null;
type DelayRule = number | ((message: FakeTwilioMessage) => number);

const DEFAULT_ERROR_CODES: Readonly<Record<number, number>> = { 401: 20003, 404: 20404, 429: 20429, 500: 20500, 503: 20503 };

export class FakeTwilio {
  readonly accountSid: string;
  readonly authToken: string;
  /** Every request to the Messages endpoint, in arrival order, whatever the fake answered. */
  readonly messages: FakeTwilioMessage[] = [];
  /** Requests to any other path (answered 404). A test that expects none can assert this is empty. */
  readonly unexpectedRequests: Array<{ method: string; path: string }> = [];
  /** Every list request (`GET …/Messages.json`), in arrival order. */
  readonly listRequests: FakeTwilioListRequest[] = [];

  #server: Server | undefined;
  #baseUrl: string | undefined;
  #failQueue: FakeTwilioFailure[] = [];
  #listFailQueue: FakeTwilioListFailure[] = [];
  #failPredicate: FailurePredicate | null = null;
  #delay: DelayRule = 0;
  #held = new Set<ServerResponse>();
  #waiters = new Set<() => void>();
  #now: () => Date = () => new Date();

  constructor(options: FakeTwilioOptions = {}) {
    if (options.host !== undefined && options.host !== LOOPBACK) {
      throw new Error(`FakeTwilio listens on ${LOOPBACK} only, not ${options.host}`);
    }
    this.accountSid = options.accountSid ?? TEST_ACCOUNT_SID;
    this.authToken = options.authToken ?? randomBytes(16).toString('hex');
  }

  /** `http://127.0.0.1:<port>`: pass as `TWILIO_API_BASE_URL`. */
  get baseUrl(): string {
    if (this.#baseUrl === undefined) throw new Error('FakeTwilio is not started');
    return this.#baseUrl;
  }

  /** Messages the fake made (and so lists), whether or not the caller heard the answer. */
  get accepted(): FakeTwilioMessage[] {
    return this.messages.filter((message) => message.sid !== undefined);
  }

  /** Requests still waiting for an answer (hanging, or delayed). */
  get openRequests(): number {
    return this.messages.filter((message) => message.response === 0).length + this.#held.size;
  }

  async start(): Promise<void> {
    if (this.#server) return;
    const server = createServer((req, res) => {
      this.#handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, LOOPBACK, () => resolve());
    });
    const address = server.address() as AddressInfo;
    if (address.address !== LOOPBACK) {
      server.close();
      throw new Error(`FakeTwilio bound to ${address.address}, expected ${LOOPBACK}`);
    }
    this.#server = server;
    this.#baseUrl = `http://${LOOPBACK}:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    this.#releaseHeld();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Forgets recorded requests, failures and delays; drops any held ("timeout") connections. */
  reset(): void {
    this.messages.length = 0;
    this.unexpectedRequests.length = 0;
    this.listRequests.length = 0;
    this.#failQueue = [];
    this.#listFailQueue = [];
    this.#failPredicate = null;
    this.#delay = 0;
    this.#releaseHeld();
  }

  /** The next `n` Messages requests fail this way (before any `failWith` rule). */
  failNext(n: number, failure: FakeTwilioFailure): void {
    for (let i = 0; i < n; i += 1) this.#failQueue.push(failure);
  }

  /** The next `n` list requests fail this way. */
  failListNext(n: number, failure: FakeTwilioListFailure): void {
    for (let i = 0; i < n; i += 1) this.#listFailQueue.push(failure);
  }

  /** Decides per request: a failure, or `null` to answer normally. `null` instead of a function clears it. */
  failWith(predicate: FailurePredicate | null): void {
    this.#failPredicate = predicate;
  }

  /**
   * Twilio's clock, for the dates it gives messages and filters by (default the system's). A test that moves the
   * app's clock forward moves this one with it, as real time would move both.
   */
  setClock(now: () => Date): void {
    this.#now = now;
  }

  /** Waits this long (fixed, or per request) before answering. */
  setDelay(delay: DelayRule): void {
    this.#delay = delay;
  }

  /** Resolves once at least `n` Messages requests have arrived. */
  async waitForMessages(n: number, timeoutMs = 5000): Promise<FakeTwilioMessage[]> {
    if (this.messages.length >= n) return this.messages.slice();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.messages.length < n) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(this.messages.slice());
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`FakeTwilio: expected ${n} message request(s) within ${timeoutMs} ms, got ${this.messages.length}`));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  /** Posts a signed status callback for an accepted message to its StatusCallback URL, as Twilio would. */
  async sendStatusCallback(input: SendStatusCallbackInput): Promise<Response> {
    const message = this.messages.find((m) => m.sid === input.sid);
    if (!message) throw new Error(`FakeTwilio: no accepted message ${input.sid}`);
    message.status = input.status;
    message.errorCode = input.errorCode;
    const callback = single(message.form.StatusCallback);
    if (!callback) throw new Error(`FakeTwilio: message ${input.sid} had no StatusCallback`);
    const url = new URL(callback);
    const target = new URL(input.deliverToBaseUrl ?? url.origin);
    if (!LOOPBACK_HOSTS.has(target.hostname)) {
      throw new Error(`FakeTwilio delivers callbacks to loopback only, not ${target.hostname}`);
    }
    const messagingServiceSid = single(message.form.MessagingServiceSid);
    const params: Record<string, string> = {
      SmsSid: input.sid,
      SmsStatus: input.status,
      MessageStatus: input.status,
      To: single(message.form.To) ?? '',
      MessageSid: input.sid,
      AccountSid: message.accountSid,
      From: single(message.form.From) ?? TEST_BOT_NUMBER,
      ApiVersion: '2010-04-01',
    };
    if (messagingServiceSid) params.MessagingServiceSid = messagingServiceSid;
    if (input.errorCode !== undefined) params.ErrorCode = String(input.errorCode);
    if (input.errorMessage !== undefined) params.ErrorMessage = input.errorMessage;
    return postSignedForm(target.origin, url.origin, url.pathname + url.search, params, this.authToken);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const remote = req.socket.remoteAddress ?? '';
    if (remote !== LOOPBACK && remote !== `::ffff:${LOOPBACK}`) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const match = MESSAGES_PATH.exec(path);
    if (req.method === 'GET' && match) {
      req.resume();
      this.#list(req, res, decodeURIComponent(match[1] ?? ''), url.searchParams);
      return;
    }
    if (req.method !== 'POST' || !match) {
      this.unexpectedRequests.push({ method: req.method ?? '', path });
      req.resume();
      sendError(res, 404, 20404, `The requested resource ${path} was not found`);
      return;
    }

    // When the request arrived, as Twilio would date it: before its body is read, which is the fake's own time.
    const at = this.#now();
    const raw = await readBody(req);
    const message: FakeTwilioMessage = {
      at,
      accountSid: decodeURIComponent(match[1] ?? ''),
      form: raw === undefined ? {} : decodeForm(raw),
      response: 0,
    };
    this.messages.push(message);
    for (const waiter of [...this.#waiters]) waiter();

    const delay = typeof this.#delay === 'function' ? this.#delay(message) : this.#delay;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

    if (raw === undefined) {
      this.#answerError(res, message, 413, 20001, 'Request body too large');
      return;
    }
    if (!this.#authorized(req, message.accountSid)) {
      this.#answerError(res, message, 401, 20003, 'Authenticate');
      return;
    }
    const failure = this.#failQueue.shift() ?? this.#failPredicate?.(message) ?? null;
    if (failure === 'timeout') {
      message.response = 'timeout';
      this.#held.add(res);
      res.on('close', () => this.#held.delete(res));
      return;
    }
    if (failure === 'reset') {
      message.response = 'reset';
      req.socket.destroy();
      return;
    }
    if (failure === 'accept-then-reset' || failure === 'queue-then-reset') {
      // Made and listed as Twilio would, then the connection drops before a byte of the answer.
      message.sid = this.#make(message) ?? undefined;
      message.response = message.sid === undefined ? 400 : failure;
      if (failure === 'queue-then-reset' && message.sid !== undefined) {
        message.unsent = true;
        message.status = 'queued';
      }
      req.socket.destroy();
      return;
    }
    if (failure) {
      const code = failure.code ?? DEFAULT_ERROR_CODES[failure.status];
      this.#answerError(res, message, failure.status, code, failure.message ?? `Simulated error ${code ?? failure.status}`);
      return;
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
    if (contentType !== 'application/x-www-form-urlencoded') {
      this.#answerError(res, message, 400, 20001, 'Expected application/x-www-form-urlencoded');
      return;
    }
    this.#create(res, message);
  }

  /** Validates like Twilio's Messages API and answers 201 with a Message resource. */
  #create(res: ServerResponse, message: FakeTwilioMessage): void {
    const invalid = this.#invalid(message);
    if (invalid) return this.#answerError(res, message, 400, invalid.code, invalid.message);
    message.sid = this.#make(message) as string;
    message.response = 201;
    sendJson(res, 201, messageResource(message, 'created'));
  }

  #invalid(message: FakeTwilioMessage): { code: number; message: string } | undefined {
    const form = message.form;
    const mediaUrls = form.MediaUrl === undefined ? [] : ([] as string[]).concat(form.MediaUrl);
    if (!single(form.To)) return { code: 21604, message: "A 'To' phone number is required." };
    if (!single(form.From) && !single(form.MessagingServiceSid)) return { code: 21603, message: "A 'From' phone number is required." };
    if (!single(form.Body) && mediaUrls.length === 0 && !single(form.ContentSid)) return { code: 21602, message: 'Message body is required.' };
    return undefined;
  }

  /** Makes the message (a sid, listed from now on as `sent`), or null when Twilio would refuse it. */
  #make(message: FakeTwilioMessage): string | null {
    if (this.#invalid(message)) return null;
    message.status = 'sent';
    return randomSid(message.form.MediaUrl === undefined ? 'SM' : 'MM');
  }

  /** `GET …/Messages.json`: the messages made on this account, newest first, filtered and paged as Twilio does. */
  #list(req: IncomingMessage, res: ServerResponse, accountSid: string, params: URLSearchParams): void {
    const request: FakeTwilioListRequest = { at: this.#now(), query: Object.fromEntries(params), response: 0 };
    this.listRequests.push(request);
    if (!this.#authorized(req, accountSid)) {
      request.response = 401;
      sendError(res, 401, 20003, 'Authenticate');
      return;
    }
    const failure = this.#listFailQueue.shift();
    if (failure === 'timeout') {
      request.response = 'timeout';
      this.#held.add(res);
      res.on('close', () => this.#held.delete(res));
      return;
    }
    if (failure === 'reset') {
      request.response = 'reset';
      req.socket.destroy();
      return;
    }
    if (failure) {
      const code = failure.code ?? DEFAULT_ERROR_CODES[failure.status];
      request.response = failure.status;
      sendError(res, failure.status, code, failure.message ?? `Simulated error ${code ?? failure.status}`);
      return;
    }
    const filters = listFilters(params);
    if ('error' in filters) {
      request.response = 400;
      sendError(res, 400, 20001, filters.error);
      return;
    }
    const matching = this.accepted
      .filter((m) => m.accountSid === accountSid && filters.keep(m))
      .sort((a, b) => b.at.getTime() - a.at.getTime());
    const pageSize = Math.min(Math.max(Number(params.get('PageSize') ?? 50) || 50, 1), 1000);
    const page = Math.max(Number(params.get('Page') ?? 0) || 0, 0);
    const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
    const base = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    const pageUri = (n: number) => {
      const query = new URLSearchParams([...params].filter(([key]) => key !== 'Page' && key !== 'PageToken' && key !== 'PageSize'));
      query.set('PageSize', String(pageSize));
      query.set('Page', String(n));
      if (n > 0) query.set('PageToken', `PA${slice[0]?.sid ?? ''}`);
      return `${base}?${query.toString()}`;
    };
    request.response = 200;
    sendJson(res, 200, {
      end: page * pageSize + Math.max(slice.length - 1, 0),
      first_page_uri: pageUri(0),
      messages: slice.map((m) => messageResource(m, 'listed')),
      next_page_uri: (page + 1) * pageSize < matching.length ? pageUri(page + 1) : null,
      page,
      page_size: pageSize,
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      start: page * pageSize,
      uri: pageUri(page),
    });
  }

  #answerError(res: ServerResponse, message: FakeTwilioMessage, status: number, code: number | undefined, text: string): void {
    message.response = status;
    sendError(res, status, code, text);
  }

  #authorized(req: IncomingMessage, pathAccountSid: string): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    const expected = Buffer.from(`${this.accountSid}:${this.authToken}`);
    const given = Buffer.from(Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8'));
    return pathAccountSid === this.accountSid && given.length === expected.length && timingSafeEqual(given, expected);
  }

  #releaseHeld(): void {
    for (const res of this.#held) res.socket?.destroy();
    this.#held.clear();
  }
}

/**
 * A Message resource: as answered to the create (`queued`, or `accepted` through a Messaging Service; not yet sent),
 * or as listed afterwards (the fake "sends" at once: `date_sent` is when it was made, status `sent` or the last
 * callback's).
 */
function messageResource(message: FakeTwilioMessage, view: 'created' | 'listed'): Record<string, unknown> {
  const form = message.form;
  const from = single(form.From);
  const messagingServiceSid = single(form.MessagingServiceSid);
  const body = single(form.Body) ?? '';
  const mediaUrls = form.MediaUrl === undefined ? [] : ([] as string[]).concat(form.MediaUrl);
  const sid = message.sid as string;
  const made = twilioDate(message.at);
  const uri = `/2010-04-01/Accounts/${message.accountSid}/Messages/${sid}.json`;
  // Through a Messaging Service without From, Twilio first answers `accepted` (it picks the sender later).
  const createdStatus = messagingServiceSid && !from ? 'accepted' : 'queued';
  return {
    account_sid: message.accountSid,
    api_version: '2010-04-01',
    body,
    date_created: made,
    date_sent: view === 'listed' && !message.unsent ? made : null,
    date_updated: made,
    direction: 'outbound-api',
    error_code: view === 'listed' ? (message.errorCode ?? null) : null,
    error_message: null,
    from: from ?? (view === 'listed' && messagingServiceSid ? TEST_BOT_NUMBER : null),
    messaging_service_sid: messagingServiceSid ?? null,
    num_media: String(mediaUrls.length),
    num_segments: String(countSegments(body)),
    price: null,
    price_unit: 'USD',
    sid,
    status: view === 'listed' ? (message.status ?? 'sent') : createdStatus,
    subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
    to: single(form.To),
    uri,
  };
}

/**
 * Twilio's list filters: `To`, `From` exactly; `DateSent` the same GMT day; `DateSent>` / `DateSent<` on or after /
 * on or before, given as `YYYY-MM-DD` (midnight GMT) or as a date and time (the SDK sends `YYYY-MM-DDTHH:mm:ssZ`).
 */
function listFilters(params: URLSearchParams): { keep: (m: FakeTwilioMessage) => boolean } | { error: string } {
  const to = params.get('To');
  const from = params.get('From');
  const dates: Array<[string, (sent: number, at: number) => boolean]> = [
    ['DateSent', (sent, at) => sent >= at && sent < at + 86_400_000],
    ['DateSent>', (sent, at) => sent >= at],
    ['DateSent<', (sent, at) => sent <= at],
  ];
  const checks: Array<(m: FakeTwilioMessage) => boolean> = [];
  if (to !== null) checks.push((m) => single(m.form.To) === to);
  if (from !== null) checks.push((m) => single(m.form.From) === from);
  for (const [name, compare] of dates) {
    const value = params.get(name);
    if (value === null) continue;
    const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
    if (Number.isNaN(at)) return { error: `Invalid ${name}: ${value}` };
    // Twilio's dates have whole seconds.
    // A message not sent yet has no DateSent: no date filter lists it.
    checks.push((m) => !m.unsent && compare(Math.floor(m.at.getTime() / 1000) * 1000, at));
  }
  return { keep: (m) => checks.every((check) => check(m)) };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function randomSid(prefix: 'SM' | 'MM'): string {
  return prefix + randomBytes(16).toString('hex');
}

/** Twilio's resource dates are RFC 2822: `Thu, 24 Aug 2023 05:01:45 +0000`. */
function twilioDate(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk as Buffer);
  }
  return tooLarge ? undefined : Buffer.concat(chunks).toString('utf8');
}

function decodeForm(raw: string): TwilioForm {
  const form: TwilioForm = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const existing = form[key];
    if (existing === undefined) form[key] = value;
    else form[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return form;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

/** Twilio's legacy error body: `{code, message, more_info, status}`. */
function sendError(res: ServerResponse, status: number, code: number | undefined, message: string): void {
  sendJson(res, status, {
    code: code ?? null,
    message,
    more_info: code === undefined ? null : `https://www.twilio.com/docs/errors/${code}`,
    status,
  });
}

/** GSM 03.38 basic set; the extension characters count twice. Roughly Twilio's segment count, good enough for a fake. */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

function countSegments(text: string): number {
  let gsmUnits = 0;
  let isGsm = true;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) gsmUnits += 1;
    else if (GSM_EXTENDED.includes(char)) gsmUnits += 2;
    else isGsm = false;
  }
  if (isGsm) return gsmUnits <= 160 ? 1 : Math.ceil(gsmUnits / 153);
  return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
}
