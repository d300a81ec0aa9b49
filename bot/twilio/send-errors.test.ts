import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { classifyStatusErrorCode, classifyTwilioError, type TwilioErrorKind } from './send-errors.js';

/** A RestException exactly as the SDK builds it from a Twilio error response. */
function restException(statusCode: number, body: unknown): Error {
  return new twilio.RestException({ statusCode, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

function twilioError(status: number, code: number, message = 'error'): Error {
  return restException(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyTwilioError', () => {
  it.each<[string, unknown, TwilioErrorKind, { code?: number; status?: number }]>([
    ['429 Too Many Requests', twilioError(429, 20429), 'retryable', { code: 20429, status: 429 }],
    ['429 without a JSON body', restException(429, 'Too Many Requests'), 'retryable', { status: 429 }],
    ['500', twilioError(500, 20500), 'retryable', { code: 20500, status: 500 }],
    ['503 with an HTML body', restException(503, '<html>down</html>'), 'retryable', { status: 503 }],
    ['21610 unsubscribed recipient', twilioError(400, 21610), 'opted_out', { code: 21610, status: 400 }],
    ['21211 invalid To', twilioError(400, 21211), 'bad_number', { code: 21211, status: 400 }],
    ['21614 not a mobile number', twilioError(400, 21614), 'bad_number', { code: 21614, status: 400 }],
    ['63016 outside the WhatsApp window', twilioError(400, 63016), 'whatsapp_window', { code: 63016, status: 400 }],
    ['21602 body required', twilioError(400, 21602), 'permanent', { code: 21602, status: 400 }],
    ['401 authenticate', twilioError(401, 20003), 'permanent', { code: 20003, status: 401 }],
    ['404', twilioError(404, 20404), 'permanent', { code: 20404, status: 404 }],
    [
      'RFC 9457 problem response',
      restException(429, { type: 'about:blank', title: 'Too Many Requests', status: 429, code: 20429 }),
      'retryable',
      { code: 20429, status: 429 },
    ],
    ['ECONNREFUSED', nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'retryable', {}],
    ['ECONNRESET', nodeError('ECONNRESET', 'read ECONNRESET'), 'retryable', {}],
    ['ETIMEDOUT', nodeError('ETIMEDOUT', 'connect ETIMEDOUT'), 'retryable', {}],
    ['axios timeout', nodeError('ECONNABORTED', 'timeout of 10000ms exceeded'), 'retryable', {}],
    ['socket hang up', new Error('socket hang up'), 'retryable', {}],
    ['an axios error without a response', Object.assign(new Error('boom'), { isAxiosError: true }), 'retryable', {}],
    [
      'an axios error with a 502 response',
      Object.assign(new Error('bad gateway'), { isAxiosError: true, response: { status: 502 } }),
      'retryable',
      { status: 502 },
    ],
    ['fetch failed with a cause', new TypeError('fetch failed', { cause: nodeError('ECONNRESET', 'x') }), 'retryable', {}],
    ['AggregateError of refusals', new AggregateError([nodeError('ECONNREFUSED', 'a'), nodeError('ECONNREFUSED', 'b')]), 'retryable', {}],
    ['a local programming error', new TypeError("Required parameter \"params['to']\" missing."), 'permanent', {}],
    ['a thrown string', 'nope', 'permanent', {}],
    ['undefined', undefined, 'permanent', {}],
  ])('%s → %s', (_name, err, kind, extra) => {
    const classified = classifyTwilioError(err);
    expect(classified.kind).toBe(kind);
    expect(classified.code).toBe(extra.code);
    expect(classified.status).toBe(extra.status);
    expect(typeof classified.message).toBe('string');
  });

  it.each<[string, unknown, boolean]>([
    ['ECONNRESET (cut mid-call)', nodeError('ECONNRESET', 'read ECONNRESET'), true],
    ['socket hang up', new Error('socket hang up'), true],
    ['axios timeout (no answer in time)', nodeError('ECONNABORTED', 'timeout of 10000ms exceeded'), true],
    ['fetch failed with a reset cause', new TypeError('fetch failed', { cause: nodeError('ECONNRESET', 'x') }), true],
    ['ECONNREFUSED', nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), false],
    ['connect ETIMEDOUT', nodeError('ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.1:443'), false],
    ['DNS failure', nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND api.twilio.com'), false],
    ['AggregateError of refusals', new AggregateError([nodeError('ECONNREFUSED', 'a'), nodeError('ECONNREFUSED', 'b')]), false],
    ['503 (Twilio answered)', twilioError(503, 20503), false],
  ])('%s: may have reached Twilio → %s', (_name, err, maybeSent) => {
    expect(classifyTwilioError(err).maybeSent ?? false).toBe(maybeSent);
  });

  it("keeps Twilio's message", () => {
    expect(classifyTwilioError(twilioError(400, 21610, 'Attempt to send to unsubscribed recipient')).message).toBe(
      'Attempt to send to unsubscribed recipient',
    );
  });
});

describe('classifyStatusErrorCode', () => {
  it.each<[number | string | undefined, TwilioErrorKind]>([
    [21610, 'opted_out'],
    ['21610', 'opted_out'],
    [21211, 'bad_number'],
    [21614, 'bad_number'],
    [30005, 'bad_number'],
    [30006, 'bad_number'],
    [63016, 'whatsapp_window'],
    [30001, 'retryable'],
    [30003, 'permanent'],
    [30008, 'permanent'],
    [undefined, 'permanent'],
    ['', 'permanent'],
    ['abc', 'permanent'],
  ])('%s → %s', (code, kind) => {
    expect(classifyStatusErrorCode(code)).toBe(kind);
  });
});
