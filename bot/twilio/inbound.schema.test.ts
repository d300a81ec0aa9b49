import { describe, expect, it } from 'vitest';
import { inboundParams, TEST_ACCOUNT_SID } from '../../test/twilio-signer.js';
import { INBOUND_BODY_MAX_CHARS, parseInboundWebhook, type InboundMessage } from './inbound.schema.js';

const SID = `SM${'a1b2c3d4'.repeat(4)}`;
const sms = inboundParams({ from: '+447700900123', body: 'Yes thanks', sid: SID });
const whatsapp = inboundParams({ from: '+447700900456', body: 'Can I change it?', sid: SID, whatsapp: true, profileName: 'Sam' });

function without(form: Record<string, string>, key: string): Record<string, string> {
  const copy = { ...form };
  delete copy[key];
  return copy;
}

describe('parseInboundWebhook', () => {
  it.each<[string, Record<string, unknown>, Partial<InboundMessage>]>([
    [
      'an SMS',
      sms,
      {
        messageSid: SID,
        accountSid: TEST_ACCOUNT_SID,
        from: { channel: 'sms', phone: '+447700900123' },
        to: '+447700900000',
        body: 'Yes thanks',
        numMedia: 0,
        mediaUrls: [],
      },
    ],
    [
      'a WhatsApp message',
      whatsapp,
      {
        from: { channel: 'whatsapp', phone: '+447700900456' },
        to: 'whatsapp:+447700900000',
        body: 'Can I change it?',
        profileName: 'Sam',
        waId: '447700900456',
      },
    ],
    ['a missing Body', without(sms, 'Body'), { body: '' }],
    ['an empty Body', { ...sms, Body: '' }, { body: '' }],
    ['a body at the cap', { ...sms, Body: 'x'.repeat(INBOUND_BODY_MAX_CHARS) }, { body: 'x'.repeat(INBOUND_BODY_MAX_CHARS) }],
    ['an MMS sid', { ...sms, MessageSid: `MM${'0'.repeat(32)}` }, { messageSid: `MM${'0'.repeat(32)}` }],
    [
      'media, in index order',
      { ...sms, NumMedia: '2', MediaUrl1: 'https://api.twilio.com/m/1', MediaUrl0: 'https://api.twilio.com/m/0' },
      { numMedia: 2, mediaUrls: ['https://api.twilio.com/m/0', 'https://api.twilio.com/m/1'] },
    ],
  ])('accepts %s', (_name, form, expected) => {
    const result = parseInboundWebhook(form);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    expect(result.data).toMatchObject(expected);
  });

  it('treats an empty ProfileName as none', () => {
    const result = parseInboundWebhook({ ...whatsapp, ProfileName: '' });
    expect(result.data).toBeDefined();
    expect(result.data).not.toHaveProperty('profileName');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing MessageSid', without(sms, 'MessageSid'), 'MessageSid'],
    ['a MessageSid with the wrong prefix', { ...sms, MessageSid: `XX${'0'.repeat(32)}` }, 'MessageSid'],
    ['a too-short MessageSid', { ...sms, MessageSid: 'SM123' }, 'MessageSid'],
    ['a missing AccountSid', without(sms, 'AccountSid'), 'AccountSid'],
    ['a missing From', without(sms, 'From'), 'From'],
    ['an empty From', { ...sms, From: ' ' }, 'From'],
    ['a bare whatsapp: From', { ...sms, From: 'whatsapp:' }, 'From'],
    ['a missing To', without(sms, 'To'), 'To'],
    ['a 10,000-character body', { ...sms, Body: 'x'.repeat(10_000) }, 'Body'],
    ['a repeated Body key', { ...sms, Body: ['a', 'b'] }, 'Body'],
    ['a non-numeric NumMedia', { ...sms, NumMedia: 'two' }, 'NumMedia'],
    ['more media than Twilio sends', { ...sms, NumMedia: '11' }, 'NumMedia'],
    ['a media URL that is not a URL', { ...sms, NumMedia: '1', MediaUrl0: 'not a url' }, 'MediaUrl0'],
  ])('rejects %s', (_name, form, field) => {
    const result = parseInboundWebhook(form);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });

  it('parses a form body as Twilio posts it', () => {
    const raw =
      'SmsMessageSid=SM0123456789abcdef0123456789abcdef&NumMedia=0&ProfileName=Sam+O%27Neill&MessageType=text' +
      '&SmsSid=SM0123456789abcdef0123456789abcdef&WaId=447700900789&SmsStatus=received' +
      '&Body=Running+late%2C+there+in+10+%F0%9F%91%8D&To=whatsapp%3A%2B447700900000&NumSegments=1' +
      '&ReferralNumMedia=0&MessageSid=SM0123456789abcdef0123456789abcdef' +
      `&AccountSid=${TEST_ACCOUNT_SID}&From=whatsapp%3A%2B447700900789&ApiVersion=2010-04-01`;
    const result = parseInboundWebhook(Object.fromEntries(new URLSearchParams(raw)));
    expect(result.data).toEqual({
      messageSid: 'SM0123456789abcdef0123456789abcdef',
      accountSid: TEST_ACCOUNT_SID,
      from: { channel: 'whatsapp', phone: '+447700900789' },
      to: 'whatsapp:+447700900000',
      body: 'Running late, there in 10 👍',
      numMedia: 0,
      mediaUrls: [],
      profileName: "Sam O'Neill",
      waId: '447700900789',
    });
  });
});
