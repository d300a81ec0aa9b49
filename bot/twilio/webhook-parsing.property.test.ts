/**
 * Property tests of the webhook form parsers: whatever a decoded form holds, parsing never throws, and anything it
 * accepts is safe to store (a real message sid, an address without control characters, a body within Twilio's limit
 * and without NUL, a known status). Hostile text in the body is kept exactly, never refused for what it says.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostilePiece, hostileText } from '../../test/hostile-text.arbitrary.js';
import { inboundParams, statusParams, TEST_ACCOUNT_SID } from '../../test/twilio-signer.js';
import { INBOUND_BODY_MAX_CHARS, INBOUND_MAX_MEDIA, inboundWebhookSchema, parseInboundWebhook } from './inbound.schema.js';
import { MESSAGE_STATUSES } from './message-status.js';
import { parseStatusCallback } from './status.schema.js';
import { MESSAGE_SID_PATTERN } from './twilio-sids.js';

const RUNS = { numRuns: 300 };
const SID = `SM${'0123456789abcdef'.repeat(2)}`;
const KNOWN_INBOUND_FIELDS = ['MessageSid', 'AccountSid', 'From', 'To', 'Body', 'NumMedia', 'ProfileName', 'WaId', 'MediaUrl0', 'MediaUrl1', 'MediaUrl10'];
const KNOWN_STATUS_FIELDS = ['MessageSid', 'MessageStatus', 'ErrorCode', 'ErrorMessage', 'AccountSid', 'To', 'From'];

/** A form value as restify's body parser leaves it: a string, or an array for a repeated key. */
const formValue = fc.oneof({ weight: 5, arbitrary: hostileText(6000) }, { weight: 1, arbitrary: fc.array(hostilePiece, { minLength: 2, maxLength: 3 }) });
const formKey = fc.oneof(fc.constantFrom(...KNOWN_INBOUND_FIELDS, ...KNOWN_STATUS_FIELDS), hostilePiece);
/** A valid form with any of its fields replaced, removed or added to, with hostile values. */
const mutatedForm = (base: Record<string, string>) =>
  fc
    .tuple(fc.dictionary(formKey, formValue, { maxKeys: 6 }), fc.subarray(Object.keys(base)))
    .map(([changes, removed]) => {
      const form: Record<string, unknown> = { ...base };
      for (const key of removed) delete form[key];
      return Object.assign(form, changes);
    });

const CONTROL = /\p{Cc}/u;
/** The schemas' limits count characters (code points), as zod does, not UTF-16 units. */
const chars = (text: string) => [...text].length;

describe('parseInboundWebhook (property)', () => {
  const sms = inboundParams({ from: '+447700900123', body: 'hello', sid: SID });
  const whatsapp = inboundParams({ from: '+447700900123', body: 'hello', sid: SID, whatsapp: true });

  it('never throws, and whatever it accepts is safe to store', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedForm(sms), mutatedForm(whatsapp), fc.dictionary(formKey, formValue, { maxKeys: 12 })), (form) => {
        const result = parseInboundWebhook(form);
        if (!result.success) {
          expect(result.error.issues.length).toBeGreaterThan(0);
          return;
        }
        const m = result.data;
        expect(m.messageSid).toMatch(MESSAGE_SID_PATTERN);
        expect(m.from.phone.length).toBeGreaterThan(0);
        expect(CONTROL.test(m.from.phone) || CONTROL.test(m.to)).toBe(false);
        expect(chars(m.body)).toBeLessThanOrEqual(INBOUND_BODY_MAX_CHARS);
        expect(m.body.includes('\u0000')).toBe(false);
        expect(m.numMedia).toBeLessThanOrEqual(INBOUND_MAX_MEDIA);
        for (const url of m.mediaUrls) expect(URL.canParse(url)).toBe(true);
      }),
      RUNS,
    );
  });

  it('gives the schema’s answer for every form, whether or not it took the short way for plain ones', () => {
    const plainPiece = fc.oneof(hostileText(80), fc.constantFrom('', ' ', '0', '1', '10', '11', '00', 'x', '\u0000', '\t+447700900123 ', 'whatsapp:', 'WhatsApp:+447700900123'));
    const plainValue = fc.oneof({ weight: 4, arbitrary: plainPiece }, { weight: 1, arbitrary: formValue });
    const plainKey = fc.constantFrom('From', 'To', 'Body', 'NumMedia', 'ProfileName', 'WaId', 'MessageSid', 'AccountSid', 'MediaUrl0', 'SmsSid');
    const edited = (base: Record<string, string>) =>
      fc.tuple(fc.dictionary(plainKey, plainValue, { maxKeys: 3 }), fc.subarray(Object.keys(base), { maxLength: 2 })).map(([changes, removed]) => {
        const form: Record<string, unknown> = { ...base };
        for (const key of removed) delete form[key];
        return Object.assign(form, changes);
      });
    fc.assert(
      fc.property(fc.oneof(edited(sms), edited(whatsapp), mutatedForm(sms), mutatedForm(whatsapp)), (form) => {
        const ours = parseInboundWebhook(form);
        const schema = inboundWebhookSchema.safeParse(form);
        expect(ours.success).toBe(schema.success);
        if (schema.success) expect(ours.data).toStrictEqual(schema.data);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps any body up to the limit exactly (NUL aside): hostile words are the participant’s to say', () => {
    fc.assert(
      fc.property(hostileText(INBOUND_BODY_MAX_CHARS), fc.boolean(), (body, onWhatsApp) => {
        const form = { ...(onWhatsApp ? whatsapp : sms), Body: body };
        const result = parseInboundWebhook(form);
        if (chars(body) > INBOUND_BODY_MAX_CHARS) {
          expect(result.success).toBe(false);
          return;
        }
        expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
        expect(result.data?.body).toBe(body.replaceAll('\u0000', ''));
        expect(result.data?.from).toEqual({ channel: onWhatsApp ? 'whatsapp' : 'sms', phone: '+447700900123' });
      }),
      RUNS,
    );
  });

  it('refuses every body longer than Twilio ever sends', () => {
    fc.assert(
      fc.property(fc.integer({ min: INBOUND_BODY_MAX_CHARS + 1, max: 20_000 }), hostilePiece, (length, piece) => {
        const body = [...(piece || 'x').repeat(length)].slice(0, length).join('');
        fc.pre(chars(body) > INBOUND_BODY_MAX_CHARS);
        expect(parseInboundWebhook({ ...sms, Body: body }).success).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('ignores fields it does not know, whatever they hold', () => {
    const unknownKey = hostilePiece.filter((key) => !KNOWN_INBOUND_FIELDS.includes(key) && !/^MediaUrl\d+$/.test(key));
    fc.assert(
      fc.property(fc.dictionary(unknownKey, formValue, { maxKeys: 5 }), (extra) => {
        const result = parseInboundWebhook({ ...extra, ...sms });
        expect(result.success).toBe(true);
        expect(result.data).toEqual(parseInboundWebhook(sms).data);
      }),
      RUNS,
    );
  });

  it('refuses a From or To with a control character in it', () => {
    const control = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.constantFrom('From', 'To'), control, fc.nat(12), (field, char, at) => {
        const value = String(sms[field]);
        const tampered = value.slice(0, at) + char + value.slice(at);
        fc.pre(tampered.trim() !== value);
        expect(parseInboundWebhook({ ...sms, [field]: tampered }).success).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('parseStatusCallback (property)', () => {
  const callback = statusParams({ sid: SID, status: 'delivered', to: '+447700900123' });

  it('never throws, and whatever it accepts has a real sid, a known status and a numeric error code', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedForm(callback), fc.dictionary(formKey, formValue, { maxKeys: 10 })), (form) => {
        const result = parseStatusCallback(form);
        if (!result.success) return;
        expect(result.data.messageSid).toMatch(MESSAGE_SID_PATTERN);
        expect(MESSAGE_STATUSES).toContain(result.data.status);
        if (result.data.errorCode !== undefined) expect(Number.isSafeInteger(result.data.errorCode)).toBe(true);
        expect(chars(result.data.errorMessage ?? '')).toBeLessThanOrEqual(1024);
      }),
      RUNS,
    );
  });

  it('refuses any MessageStatus that is not one of Twilio’s', () => {
    fc.assert(
      fc.property(hostileText(200).filter((s) => !(MESSAGE_STATUSES as readonly string[]).includes(s)), (status) => {
        expect(parseStatusCallback({ ...callback, MessageStatus: status }).success).toBe(false);
      }),
      RUNS,
    );
  });

  it('accepts every known status with any error message up to 1,024 characters, kept as sent but for NULs', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MESSAGE_STATUSES), hostileText(1024), fc.option(fc.integer({ min: 0, max: 999_999_999 }), { nil: undefined }), (status, text, code) => {
        const form = { ...callback, MessageStatus: status, ErrorMessage: text, ...(code !== undefined && { ErrorCode: String(code) }), AccountSid: TEST_ACCOUNT_SID };
        const result = parseStatusCallback(form);
        if (chars(text) > 1024) {
          expect(result.success).toBe(false);
          return;
        }
        expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
        expect(result.data?.status).toBe(status);
        expect(result.data?.errorCode).toBe(code);
        const storable = text.replaceAll('\u0000', '');
        expect(result.data?.errorMessage).toBe(storable === '' ? undefined : storable);
      }),
      RUNS,
    );
  });
});
