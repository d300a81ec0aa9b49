import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

export type TwilioClient = twilio.Twilio;

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /**
   * Where the REST API is (`TWILIO_API_BASE_URL`); tests point it at a local fake. A path is kept as a prefix.
   * @defaultValue `https://api.twilio.com`
   */
  apiBaseUrl?: string;
  /**
   * Per-request timeout in milliseconds, so a hung connection fails (and is retried) instead of holding a worker.
   * @defaultValue 10000
   */
  timeoutMs?: number;
}

export const DEFAULT_TWILIO_API_BASE_URL = 'https://api.twilio.com';
/** When no timeout is given (the bot always gives TWILIO_REQUEST_TIMEOUT_MS, whose default this matches). */
const DEFAULT_TWILIO_TIMEOUT_MS = 10_000;

/** Moves `uri` onto `base`: same path and query, `base`'s origin (and path prefix, if any). */
export function rebaseTwilioUri(uri: string, base: URL): string {
  const original = new URL(uri);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${original.pathname}${original.search}`;
}

/**
 * The SDK has no base-URL option and builds every URI from twilio.com host names (edge/region included), so the
 * one place to redirect it is the HTTP client it calls for every request.
 */
class RebasingRequestClient extends twilio.RequestClient {
  readonly #base: URL;

  constructor(base: URL, timeoutMs: number) {
    // autoRetry stays off: a 429 must reach our queue, which owns backoff.
    super({ timeout: timeoutMs, autoRetry: false });
    this.#base = base;
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: rebaseTwilioUri(opts.uri, this.#base) });
  }
}

export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  const base = new URL(options.apiBaseUrl ?? DEFAULT_TWILIO_API_BASE_URL);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new Error(`TWILIO_API_BASE_URL must be an http(s) URL, got ${base.protocol}`);
  }
  if (base.search !== '' || base.hash !== '' || base.username !== '' || base.password !== '') {
    throw new Error('TWILIO_API_BASE_URL must be an origin (optionally with a path), without query or credentials');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TWILIO_TIMEOUT_MS;
  return twilio(options.accountSid, options.authToken, {
    httpClient: new RebasingRequestClient(base, timeoutMs),
    timeout: timeoutMs,
    autoRetry: false,
  });
}
