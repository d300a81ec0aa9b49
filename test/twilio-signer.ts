/**
 * Sign and post webhooks the way Twilio does, and build realistic webhook forms.
 * https://www.twilio.com/docs/usage/security#validating-requests
 */
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

export type TwilioForm = Record<string, string | string[]>;

/** Ofcom's range for drama (TV, film, tests): +447700900000 to +447700900999. Never a real person's phone. */
const DRAMA_NUMBER = /^\+447700900\d{3}$/;

/** The bot's own number in tests, from the same range. */
export const TEST_BOT_NUMBER = '+447700900000';

export function assertDramaNumber(phone: string): void {
  if (!DRAMA_NUMBER.test(phone)) {
    throw new Error(`test phone numbers must be in Ofcom's drama range +447700900000–+447700900999, got ${phone}`);
  }
}

/** A random SID like Twilio's: two letters and 32 hex digits. */
export function randomTwilioSid(prefix: 'SM' | 'MM' | 'AC' | 'MG' | 'HX'): string {
  return prefix + randomBytes(16).toString('hex');
}

/** A fixed account SID for tests that do not care which. */
export const TEST_ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;

export function signTwilioRequest(authToken: string, url: string, params: TwilioForm): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** `application/x-www-form-urlencoded` as Twilio sends it: `+` for spaces, repeated keys for arrays. */
export function encodeTwilioForm(params: TwilioForm): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  }
  return form.toString();
}

export interface PostSignedFormOptions {
  /** A string replaces the computed signature; `null` sends no `X-Twilio-Signature` header at all. */
  signature?: string | null;
  headers?: Record<string, string>;
}

/**
 * Posts `params` to `baseUrl + path` (where the server listens), signed for `publicBaseUrl + path` (what Twilio
 * was told to call), as Twilio would.
 */
export async function postSignedForm(
  baseUrl: string,
  publicBaseUrl: string,
  path: string,
  params: TwilioForm,
  authToken: string,
  options: PostSignedFormOptions = {},
): Promise<Response> {
  const { headers, body } = signedTwilioForm(publicBaseUrl.replace(/\/+$/, '') + path, params, authToken, options);
  return fetch(baseUrl.replace(/\/+$/, '') + path, { method: 'POST', headers, body });
}

/** The headers and body Twilio would send for `params`, signed for `signedUrl`; nothing sent. */
export function signedTwilioForm(
  signedUrl: string,
  params: TwilioForm,
  authToken: string,
  options: PostSignedFormOptions = {},
): { headers: Record<string, string>; body: string } {
  const signature = options.signature === undefined ? signTwilioRequest(authToken, signedUrl, params) : options.signature;
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    'User-Agent': 'TwilioProxy/1.1',
    'I-Twilio-Idempotency-Token': randomBytes(16).toString('hex'),
    ...options.headers,
  };
  if (signature !== null) headers['X-Twilio-Signature'] = signature;
  return { headers, body: encodeTwilioForm(params) };
}

export interface InboundParamsInput {
  /** The participant, E.164 in the drama range (no `whatsapp:` prefix; set `whatsapp` instead). */
  from: string;
  /** Our number; defaults to {@link TEST_BOT_NUMBER}. */
  to?: string;
  body: string;
  sid?: string;
  whatsapp?: boolean;
  accountSid?: string;
  /** WhatsApp profile name. */
  profileName?: string;
  /** Media URLs, sent as NumMedia and MediaUrl0… with MediaContentType0… */
  mediaUrls?: string[];
}

/** An inbound message webhook form with the fields Twilio really sends for SMS or WhatsApp. */
export function inboundParams(input: InboundParamsInput): Record<string, string> {
  const to = input.to ?? TEST_BOT_NUMBER;
  assertDramaNumber(input.from);
  assertDramaNumber(to);
  const media = input.mediaUrls ?? [];
  const sid = input.sid ?? randomTwilioSid(media.length > 0 ? 'MM' : 'SM');
  const common: Record<string, string> = {
    SmsMessageSid: sid,
    NumMedia: String(media.length),
    SmsSid: sid,
    SmsStatus: 'received',
    Body: input.body,
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: input.accountSid ?? TEST_ACCOUNT_SID,
    ApiVersion: '2010-04-01',
  };
  media.forEach((url, index) => {
    common[`MediaUrl${index}`] = url;
    common[`MediaContentType${index}`] = 'image/jpeg';
  });

  if (input.whatsapp) {
    return {
      ...common,
      ProfileName: input.profileName ?? 'Sam',
      MessageType: media.length > 0 ? 'image' : 'text',
      WaId: input.from.slice(1),
      ReferralNumMedia: '0',
      To: `whatsapp:${to}`,
      From: `whatsapp:${input.from}`,
    };
  }
  return {
    ToCountry: 'GB',
    ToState: '',
    ToCity: '',
    ToZip: '',
    FromCountry: 'GB',
    FromState: '',
    FromCity: '',
    FromZip: '',
    ...common,
    To: to,
    From: input.from,
  };
}

export interface StatusParamsInput {
  sid: string;
  status: string;
  /** The participant (drama range). */
  to: string;
  from?: string;
  whatsapp?: boolean;
  errorCode?: number;
  errorMessage?: string;
  accountSid?: string;
}

/** A message status callback form as Twilio sends it. */
export function statusParams(input: StatusParamsInput): Record<string, string> {
  const from = input.from ?? TEST_BOT_NUMBER;
  assertDramaNumber(input.to);
  assertDramaNumber(from);
  const prefix = input.whatsapp ? 'whatsapp:' : '';
  const params: Record<string, string> = {
    SmsSid: input.sid,
    SmsStatus: input.status,
    MessageStatus: input.status,
    To: prefix + input.to,
    MessageSid: input.sid,
    AccountSid: input.accountSid ?? TEST_ACCOUNT_SID,
    From: prefix + from,
    ApiVersion: '2010-04-01',
  };
  if (input.whatsapp) params.ChannelPrefix = 'whatsapp';
  if (input.errorCode !== undefined) params.ErrorCode = String(input.errorCode);
  if (input.errorMessage !== undefined) params.ErrorMessage = input.errorMessage;
  return params;
}
