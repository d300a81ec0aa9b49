/**
 * What a failed Twilio send means for the caller.
 *
 * Codes: https://www.twilio.com/docs/api/errors — 21610 https://www.twilio.com/docs/api/errors/21610,
 * 21211 https://www.twilio.com/docs/api/errors/21211, 21614 https://www.twilio.com/docs/api/errors/21614,
 * 63016 https://www.twilio.com/docs/api/errors/63016, 30001 https://www.twilio.com/docs/api/errors/30001,
 * 30005 https://www.twilio.com/docs/api/errors/30005, 30006 https://www.twilio.com/docs/api/errors/30006.
 */
export type TwilioErrorKind = 'retryable' | 'opted_out' | 'bad_number' | 'whatsapp_window' | 'permanent';

export interface ClassifiedTwilioError {
  kind: TwilioErrorKind;
  /** Twilio error code (e.g. 21610), when Twilio sent one. */
  code?: number;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Safe to log: never the request, headers or credentials. */
  message: string;
  /**
   * No answer came back, but the request may have reached Twilio (cut mid-call, or no answer in time): sending it
   * again blindly risks a second copy, so it is looked up in Twilio first (see domain/sending/send-reconcile.ts).
   */
  maybeSent?: boolean;
}

/** Codes that mean the same thing whether they come back from the REST API or on a status callback. */
const KIND_BY_CODE: ReadonlyMap<number, TwilioErrorKind> = new Map([
  [21610, 'opted_out'], // Attempt to send to unsubscribed recipient (they texted STOP to this sender)
  [21211, 'bad_number'], // Invalid 'To' phone number
  [21614, 'bad_number'], // 'To' number is not a valid mobile number
  [63016, 'whatsapp_window'], // Outside the 24-hour customer-service window: only a template may be sent
]);

/** Codes seen only on status callbacks (delivery happens after the API call succeeded). */
const KIND_BY_STATUS_CODE: ReadonlyMap<number, TwilioErrorKind> = new Map([
  ...KIND_BY_CODE,
  [30001, 'retryable'], // Queue overflow: Twilio says send again later
  [30005, 'bad_number'], // Unknown destination handset
  [30006, 'bad_number'], // Landline or unreachable carrier
]);

/** Transport failures: the request may or may not have reached Twilio. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED', // axios timeout
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'ERR_NETWORK',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
]);

const NETWORK_ERROR_MESSAGE = /socket hang up|timeout of \d+ms exceeded|network error|fetch failed/i;

/** Failures before a connection was made: the request cannot have reached Twilio. */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** Node names the phase: `connect ETIMEDOUT 1.2.3.4:443`, `getaddrinfo ENOTFOUND api.twilio.com`. */
const NOT_CONNECTED_MESSAGE = /^(connect|getaddrinfo) /;

type ErrorLike = {
  status?: unknown;
  code?: unknown;
  message?: unknown;
  response?: { status?: unknown };
  cause?: unknown;
  errors?: unknown;
  isAxiosError?: unknown;
};

function asErrorLike(err: unknown): ErrorLike | undefined {
  return typeof err === 'object' && err !== null ? (err as ErrorLike) : undefined;
}

function httpStatusOf(err: ErrorLike): number | undefined {
  // RestException/TwilioServiceException carry `.status`; an axios error that got a response carries `.response.status`.
  if (typeof err.status === 'number' && err.status >= 100) return err.status;
  if (typeof err.response?.status === 'number') return err.response.status;
  return undefined;
}

/** Looks through `cause` chains and AggregateError members (Node's happy-eyeballs connect) for a network failure. */
function isNetworkFailure(err: unknown, depth = 0): boolean {
  const e = asErrorLike(err);
  if (!e || depth > 5) return false;
  if (typeof e.code === 'string' && NETWORK_ERROR_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && NETWORK_ERROR_MESSAGE.test(e.message)) return true;
  // An axios error without a response is, by definition, a request that never got an answer.
  if (e.isAxiosError === true && e.response === undefined) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isNetworkFailure(inner, depth + 1))) return true;
  return isNetworkFailure(e.cause, depth + 1);
}

/** True when every failure found (through causes and AggregateError members) happened before a connection was made. */
function neverConnected(err: unknown, depth = 0): boolean {
  const e = asErrorLike(err);
  if (!e || depth > 5) return false;
  if (typeof e.code === 'string' && NOT_CONNECTED_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && NOT_CONNECTED_MESSAGE.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.length > 0) return e.errors.every((inner) => neverConnected(inner, depth + 1));
  return neverConnected(e.cause, depth + 1);
}

function messageOf(err: unknown): string {
  const e = asErrorLike(err);
  if (e && typeof e.message === 'string' && e.message !== '') return e.message;
  if (typeof err === 'string') return err;
  return 'unknown error';
}

/**
 * Sorts an error thrown by the Twilio SDK (or its transport) into what to do next:
 * `retryable` (429, 5xx, no answer at all: `maybeSent` when the request may have got through), `opted_out` (21610: never retry), `bad_number` (21211, 21614),
 * `whatsapp_window` (63016: send an approved template or SMS instead), `permanent` (any other 4xx, or a local error).
 *
 * Never log the raw error instead: an axios error holds the request config, Basic auth header included.
 */
export function classifyTwilioError(err: unknown): ClassifiedTwilioError {
  const e = asErrorLike(err);
  const message = messageOf(err);
  const status = e ? httpStatusOf(e) : undefined;
  const code = e && typeof e.code === 'number' ? e.code : undefined;

  const result = (kind: TwilioErrorKind): ClassifiedTwilioError => {
    const classified: ClassifiedTwilioError = { kind, message };
    if (code !== undefined) classified.code = code;
    if (status !== undefined) classified.status = status;
    return classified;
  };

  const byCode = code === undefined ? undefined : KIND_BY_CODE.get(code);
  if (byCode) return result(byCode);
  if (status !== undefined) {
    if (status === 429 || status >= 500) return result('retryable');
    return result('permanent');
  }
  if (!isNetworkFailure(err)) return result('permanent');
  const classified = result('retryable');
  if (!neverConnected(err)) classified.maybeSent = true;
  return classified;
}

/**
 * The same sorting for an `ErrorCode` on a `failed`/`undelivered` status callback. Anything unlisted is
 * `permanent`: the message was handed to the carrier, so sending it again blindly risks a duplicate.
 */
export function classifyStatusErrorCode(code: number | string | undefined): TwilioErrorKind {
  const numeric = typeof code === 'string' ? Number(code) : code;
  if (numeric === undefined || !Number.isInteger(numeric)) return 'permanent';
  return KIND_BY_STATUS_CODE.get(numeric) ?? 'permanent';
}
