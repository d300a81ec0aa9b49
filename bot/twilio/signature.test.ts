import { describe, expect, it } from 'vitest';
import { inboundParams, signTwilioRequest } from '../../test/twilio-signer.js';
import { isValidTwilioSignature, twilioSignedUrl, type TwilioSignatureCheck } from './signature.js';

const authToken = 'test-auth-token-0123456789abcdef';
const publicBaseUrl = 'https://bot.example.org';
const path = '/twilio/inbound';
const params = inboundParams({ from: '+447700900123', body: 'Yes see you then' });
const signature = signTwilioRequest(authToken, `${publicBaseUrl}${path}`, params);

function check(overrides: Partial<TwilioSignatureCheck>): boolean {
  return isValidTwilioSignature({ authToken, publicBaseUrl, path, params, signature, ...overrides });
}

describe('isValidTwilioSignature', () => {
  it.each<[string, Partial<TwilioSignatureCheck>, boolean]>([
    ['a signature over the public URL and the form', {}, true],
    ['the public base URL with a trailing slash', { publicBaseUrl: `${publicBaseUrl}/` }, true],
    ['the public base URL with its default port', { publicBaseUrl: 'https://bot.example.org:443' }, true],
    ['a missing header', { signature: undefined }, false],
    ['an empty header', { signature: '' }, false],
    ['a signature made with another token', { signature: signTwilioRequest('forged-token', `${publicBaseUrl}${path}`, params) }, false],
    ['a signature for another path', { path: '/twilio/status' }, false],
    ['a query string added to the path', { path: `${path}?retry=1` }, false],
    ['the internal host instead of the public one', { publicBaseUrl: 'http://127.0.0.1:3978' }, false],
    ['a changed body', { params: { ...params, Body: 'No' } }, false],
    ['an added field', { params: { ...params, Extra: 'x' } }, false],
    ['an empty auth token', { authToken: '' }, false],
    ['a malformed public base URL', { publicBaseUrl: 'not a url' }, false],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(check(overrides)).toBe(expected);
  });

  it('signs the query string when Twilio was given one', () => {
    const withQuery = `${path}?programme=restart&x=a%20b`;
    const signed = signTwilioRequest(authToken, `${publicBaseUrl}${withQuery}`, params);
    expect(check({ path: withQuery, signature: signed })).toBe(true);
    expect(check({ path, signature: signed })).toBe(false);
  });

  it('covers repeated form keys', () => {
    const repeated = { ...params, MediaUrl: ['https://example.org/b', 'https://example.org/a'] };
    const signed = signTwilioRequest(authToken, `${publicBaseUrl}${path}`, repeated);
    expect(check({ params: repeated, signature: signed })).toBe(true);
    expect(check({ params: { ...repeated, MediaUrl: ['https://example.org/b'] }, signature: signed })).toBe(false);
  });
});

describe('twilioSignedUrl', () => {
  it.each([
    ['https://bot.example.org', '/twilio/inbound', 'https://bot.example.org/twilio/inbound'],
    ['https://bot.example.org/', '/twilio/inbound', 'https://bot.example.org/twilio/inbound'],
    ['https://bot.example.org//', 'twilio/inbound', 'https://bot.example.org/twilio/inbound'],
    ['https://example.org/bot', '/twilio/status?a=1', 'https://example.org/bot/twilio/status?a=1'],
  ])('%s + %s', (base, p, expected) => {
    expect(twilioSignedUrl(base, p)).toBe(expected);
  });
});
