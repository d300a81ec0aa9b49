/**
 * The Twilio webhooks, courier-style: each row posts a real webhook form (signed as Twilio signs it, or not) and
 * checks the HTTP answer and what reached the database. Phones: +447700900200–249.
 * https://www.twilio.com/docs/usage/security#validating-requests
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, PUBLIC_BASE_URL, TestApp } from '../test-app.js';
import {
  encodeTwilioForm,
  inboundParams,
  randomTwilioSid,
  signTwilioRequest,
  statusParams,
  TEST_BOT_NUMBER,
  type TwilioForm,
} from '../twilio-signer.js';

const SAM = '+447700900201';
const WHATSAPP_ALEX = '+447700900202';
const MMS_JO = '+447700900203';
const SERVICE_KIM = '+447700900204';
const MEDIA_ONLY_LEE = '+447700900205';
const CONCURRENT_PAT = '+447700900206';
const STATUS_ROBIN = '+447700900207';
const STRANGER = '+447700900249';

/** How a row's request is signed. */
type SignatureMode =
  | { kind: 'valid' }
  | { kind: 'none' }
  | { kind: 'empty' }
  | { kind: 'forged' }
  | { kind: 'wrongToken' }
  /** A correct signature for another URL (host, path or query) than the one posted to. */
  | { kind: 'signedFor'; url: string }
  /** A valid signature, then one field changed: a replay with a tampered form. */
  | { kind: 'tamperedAfterSigning'; change: (form: TwilioForm) => TwilioForm };

interface IncomingTestCase {
  label: string;
  /** Path (and query) posted to; defaults to `/twilio/inbound`. */
  path?: string;
  /** The form; `sid` is fresh for each row. */
  data: (sid: string) => TwilioForm;
  prep: SignatureMode;
  /** Overrides the form content type and body (the signature is still computed over `data`). */
  raw?: { contentType: string; body: (form: TwilioForm) => string };
  expectedRespStatus: number;
  expectedBodyContains?: string;
  expectedContentType?: string;
  /** Rows in `messages` with this MessageSid afterwards. */
  expectedMessages: number;
  /** New `message.inbound` events (any participant) once the text's turn has taken it (its event is written then). */
  expectedInboundEvents: number;
  /** What the stored row and its event should say. */
  expectedStored?: { phone: string; channel: 'sms' | 'whatsapp'; body: string; participant: string };
  /** The bot's reply goes to this Twilio address. */
  expectedReplyTo?: string;
}

const sms = (from: string, body = 'Can someone call me about my bus fare?') => (sid: string) =>
  inboundParams({ from, body, sid });

const withoutField = (form: TwilioForm, field: string): TwilioForm => {
  const copy = { ...form };
  delete copy[field];
  return copy;
};

const forgedSignature = () => randomBytes(20).toString('base64');

function signatureFor(mode: SignatureMode, authToken: string, path: string, form: TwilioForm): string | null {
  switch (mode.kind) {
    case 'valid':
    case 'tamperedAfterSigning':
      return signTwilioRequest(authToken, PUBLIC_BASE_URL + path, form);
    case 'none':
      return null;
    case 'empty':
      return '';
    case 'forged':
      return forgedSignature();
    case 'wrongToken':
      return signTwilioRequest(randomBytes(16).toString('hex'), PUBLIC_BASE_URL + path, form);
    case 'signedFor':
      return signTwilioRequest(authToken, mode.url, form);
  }
}

async function postWebhook(
  app: TestApp,
  path: string,
  form: TwilioForm,
  prep: SignatureMode,
  raw?: IncomingTestCase['raw'],
): Promise<Response> {
  const signature = signatureFor(prep, app.twilio.authToken, path, form);
  const sent = prep.kind === 'tamperedAfterSigning' ? prep.change(form) : form;
  const headers: Record<string, string> = {
    'Content-Type': raw?.contentType ?? 'application/x-www-form-urlencoded',
    'User-Agent': 'TwilioProxy/1.1',
    'I-Twilio-Idempotency-Token': randomBytes(16).toString('hex'),
  };
  if (signature !== null) headers['X-Twilio-Signature'] = signature;
  return fetch(app.url + path, { method: 'POST', headers, body: raw ? raw.body(sent) : encodeTwilioForm(sent) });
}

const incomingCases: IncomingTestCase[] = [
  {
    label: 'a valid SMS is stored once and answered with empty TwiML',
    data: sms(SAM, 'Can someone call me about my bus fare?'),
    prep: { kind: 'valid' },
    expectedRespStatus: 200,
    expectedBodyContains: '<Response/>',
    expectedContentType: 'text/xml',
    expectedMessages: 1,
    expectedInboundEvents: 1,
    expectedStored: { phone: SAM, channel: 'sms', body: 'Can someone call me about my bus fare?', participant: SAM },
    expectedReplyTo: SAM,
  },
  {
    label: 'a WhatsApp text (From: whatsapp:+44…) is stored on the WhatsApp channel',
    data: (sid) => inboundParams({ from: WHATSAPP_ALEX, body: 'Is my appointment still on?', sid, whatsapp: true }),
    prep: { kind: 'valid' },
    expectedRespStatus: 200,
    expectedBodyContains: '<Response/>',
    expectedContentType: 'text/xml',
    expectedMessages: 1,
    expectedInboundEvents: 1,
    expectedStored: { phone: WHATSAPP_ALEX, channel: 'whatsapp', body: 'Is my appointment still on?', participant: WHATSAPP_ALEX },
    expectedReplyTo: `whatsapp:${WHATSAPP_ALEX}`,
  },
  {
    label: 'an MMS with a photo (NumMedia, MediaUrl0, MediaContentType0) is accepted',
    data: (sid) =>
      inboundParams({ from: MMS_JO, body: 'Here is my fit note', sid, mediaUrls: ['https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0'] }),
    prep: { kind: 'valid' },
    expectedRespStatus: 200,
    expectedBodyContains: '<Response/>',
    expectedMessages: 1,
    expectedInboundEvents: 1,
    expectedStored: { phone: MMS_JO, channel: 'sms', body: 'Here is my fit note', participant: MMS_JO },
  },
  {
    label: 'a text to a Messaging Service (MessagingServiceSid in the form) is accepted',
    data: (sid) => ({ ...sms(SERVICE_KIM, 'Running late sorry')(sid), MessagingServiceSid: randomTwilioSid('MG') }),
    prep: { kind: 'valid' },
    expectedRespStatus: 200,
    expectedMessages: 1,
    expectedInboundEvents: 1,
    expectedStored: { phone: SERVICE_KIM, channel: 'sms', body: 'Running late sorry', participant: SERVICE_KIM },
  },
  {
    label: 'a media-only message with an empty Body is accepted',
    data: (sid) => inboundParams({ from: MEDIA_ONLY_LEE, body: '', sid, mediaUrls: ['https://api.twilio.com/media/ME1'] }),
    prep: { kind: 'valid' },
    expectedRespStatus: 200,
    expectedMessages: 1,
    expectedInboundEvents: 1,
    expectedStored: { phone: MEDIA_ONLY_LEE, channel: 'sms', body: '', participant: MEDIA_ONLY_LEE },
  },
  {
    label: 'no X-Twilio-Signature header: 403 and nothing stored',
    data: sms(SAM),
    prep: { kind: 'none' },
    expectedRespStatus: 403,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'an empty X-Twilio-Signature header: 403',
    data: sms(SAM),
    prep: { kind: 'empty' },
    expectedRespStatus: 403,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'a forged signature: 403',
    data: sms(SAM),
    prep: { kind: 'forged' },
    expectedRespStatus: 403,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'signed with another auth token: 403',
    data: sms(SAM),
    prep: { kind: 'wrongToken' },
    expectedRespStatus: 403,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'signed for another host: 403',
    data: sms(SAM),
    prep: { kind: 'signedFor', url: 'https://attacker.example.test/twilio/inbound' },
    expectedRespStatus: 403,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'signed for the address the server listens on rather than PUBLIC_BASE_URL: 403',
    data: sms(SAM),
    prep: { kind: 'signedFor', url: 'http://127.0.0.1/twilio/inbound' },
    expectedRespStatus: 403,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'signed for another path (/twilio/status) but posted to /twilio/inbound: 403',
    data: sms(SAM),
    prep: { kind: 'signedFor', url: `${PUBLIC_BASE_URL}/twilio/status` },
    expectedRespStatus: 403,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'a query string added after signing: 403',
    path: '/twilio/inbound?participant=someone-else',
    data: sms(SAM),
    prep: { kind: 'signedFor', url: `${PUBLIC_BASE_URL}/twilio/inbound` },
    expectedRespStatus: 403,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'a query string removed after signing: 403',
    data: sms(SAM),
    prep: { kind: 'signedFor', url: `${PUBLIC_BASE_URL}/twilio/inbound?channel=sms` },
    expectedRespStatus: 403,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'a replay with Body changed: 403',
    data: sms(SAM),
    prep: { kind: 'tamperedAfterSigning', change: (form) => ({ ...form, Body: 'STOP' }) },
    expectedRespStatus: 403,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'a replay with From changed: 403',
    data: sms(SAM),
    prep: { kind: 'tamperedAfterSigning', change: (form) => ({ ...form, From: WHATSAPP_ALEX }) },
    expectedRespStatus: 403,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'a replay with a field added: 403',
    data: sms(SAM),
    prep: { kind: 'tamperedAfterSigning', change: (form) => ({ ...form, NumMedia: '1', MediaUrl0: 'https://attacker.example.test/x.jpg' }) },
    expectedRespStatus: 403,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'a validly signed form without MessageSid: 400 and nothing stored',
    data: (sid) => withoutField(sms(SAM)(sid), 'MessageSid'),
    prep: { kind: 'valid' },
    expectedRespStatus: 400,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'a validly signed form without From: 400',
    data: (sid) => withoutField(sms(SAM)(sid), 'From'),
    prep: { kind: 'valid' },
    expectedRespStatus: 400,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'a validly signed form with a MessageSid that is not a Twilio SID: 400',
    data: (sid) => ({ ...sms(SAM)(sid), MessageSid: 'not-a-sid' }),
    prep: { kind: 'valid' },
    expectedRespStatus: 400,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'JSON instead of a form: 415',
    data: sms(SAM),
    prep: { kind: 'valid' },
    raw: { contentType: 'application/json', body: (form) => JSON.stringify(form) },
    expectedRespStatus: 415,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
  {
    label: 'text/plain: 415',
    data: sms(SAM),
    prep: { kind: 'valid' },
    raw: { contentType: 'text/plain', body: (form) => encodeTwilioForm(form) },
    expectedRespStatus: 415,
    expectedMessages: 0,
    expectedInboundEvents: 0,
  },
];

interface StatusTestCase {
  label: string;
  data: (sid: string, to: string) => TwilioForm;
  prep: SignatureMode;
  raw?: IncomingTestCase['raw'];
  expectedRespStatus: number;
  expectedBodyContains?: string;
  /** The outbound message's stored status afterwards; `unchanged` compares with before the row. */
  expectedStored: string | 'unchanged';
}

const status = (value: string, extra: Record<string, string> = {}) => (sid: string, to: string) => ({
  ...statusParams({ sid, status: value, to }),
  ...extra,
});

// In order: the rejected rows first (the stored status must not move), then the status walking forwards.
const statusCases: StatusTestCase[] = [
  { label: 'unsigned: 403', data: status('delivered'), prep: { kind: 'none' }, expectedRespStatus: 403, expectedStored: 'unchanged' },
  { label: 'forged: 403', data: status('delivered'), prep: { kind: 'forged' }, expectedRespStatus: 403, expectedStored: 'unchanged' },
  {
    label: 'signed for /twilio/inbound: 403',
    data: status('delivered'),
    prep: { kind: 'signedFor', url: `${PUBLIC_BASE_URL}/twilio/inbound` },
    expectedRespStatus: 403,
    expectedStored: 'unchanged',
  },
  {
    label: 'a replay with MessageStatus changed to failed: 403',
    data: status('sent'),
    prep: { kind: 'tamperedAfterSigning', change: (form) => ({ ...form, MessageStatus: 'failed', ErrorCode: '30003' }) },
    expectedRespStatus: 403,
    expectedStored: 'unchanged',
  },
  {
    label: 'an unknown MessageStatus: 400',
    data: status('exploded'),
    prep: { kind: 'valid' },
    expectedRespStatus: 400,
    expectedStored: 'unchanged',
  },
  {
    label: 'a non-numeric ErrorCode: 400',
    data: status('failed', { ErrorCode: 'abc' }),
    prep: { kind: 'valid' },
    expectedRespStatus: 400,
    expectedStored: 'unchanged',
  },
  {
    label: 'no MessageSid: 400',
    data: (sid, to) => withoutField(status('delivered')(sid, to), 'MessageSid'),
    prep: { kind: 'valid' },
    expectedRespStatus: 400,
    expectedStored: 'unchanged',
  },
  {
    label: 'JSON instead of a form: 415',
    data: status('delivered'),
    prep: { kind: 'valid' },
    raw: { contentType: 'application/json', body: (form) => JSON.stringify(form) },
    expectedRespStatus: 415,
    expectedStored: 'unchanged',
  },
  { label: 'sent: 200, recorded', data: status('sent'), prep: { kind: 'valid' }, expectedRespStatus: 200, expectedStored: 'sent' },
  {
    label: 'delivered: 200, recorded',
    data: status('delivered'),
    prep: { kind: 'valid' },
    expectedRespStatus: 200,
    expectedStored: 'delivered',
  },
  {
    label: 'a late sent after delivered: 200, stays delivered',
    data: status('sent'),
    prep: { kind: 'valid' },
    expectedRespStatus: 200,
    expectedStored: 'delivered',
  },
  {
    label: 'a late failed after delivered: 200, stays delivered',
    data: status('failed', { ErrorCode: '30003' }),
    prep: { kind: 'valid' },
    expectedRespStatus: 200,
    expectedStored: 'delivered',
  },
  {
    label: 'delivered again (Twilio retries): 200, stays delivered',
    data: status('delivered'),
    prep: { kind: 'valid' },
    expectedRespStatus: 200,
    expectedStored: 'delivered',
  },
  { label: 'read (WhatsApp): 200, moves past delivered', data: status('read'), prep: { kind: 'valid' }, expectedRespStatus: 200, expectedStored: 'read' },
  {
    label: 'a late delivered after read: 200, stays read',
    data: status('delivered'),
    prep: { kind: 'valid' },
    expectedRespStatus: 200,
    expectedStored: 'read',
  },
];

describe('Twilio webhooks', () => {
  let app: TestApp;
  const participants = new Map<string, string>();

  beforeAll(async () => {
    app = await TestApp.start();
    for (const phone of [SAM, WHATSAPP_ALEX, MMS_JO, SERVICE_KIM, MEDIA_ONLY_LEE, CONCURRENT_PAT, STATUS_ROBIN]) {
      participants.set(phone, (await app.createParticipant(phone)).id);
    }
  });
  afterAll(async () => app?.close());

  const countInboundEvents = async () =>
    Number(
      (
        await app.db
          .selectFrom('case_record_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('type', '=', 'message.inbound')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const messagesWithSid = (sid: string) => app.db.selectFrom('messages').selectAll().where('twilio_sid', '=', sid).execute();

  describe('POST /twilio/inbound', () => {
    it.each(incomingCases)('$label', async (c) => {
      const sid = randomTwilioSid('SM');
      const path = c.path ?? '/twilio/inbound';
      const eventsBefore = await countInboundEvents();
      const sentBefore = app.twilio.messages.length;

      const response = await postWebhook(app, path, c.data(sid), c.prep, c.raw);
      const text = await response.text();

      expect(response.status, text).toBe(c.expectedRespStatus);
      if (c.expectedBodyContains) expect(text).toContain(c.expectedBodyContains);
      if (c.expectedContentType) expect(response.headers.get('content-type')).toContain(c.expectedContentType);
      const rows = await messagesWithSid(sid);
      expect(rows).toHaveLength(c.expectedMessages);
      if (rows[0]) await eventually(async () => (await messagesWithSid(sid))[0]?.status !== 'received', 10_000, 'the turn to take the text');
      expect((await countInboundEvents()) - eventsBefore).toBe(c.expectedInboundEvents);

      if (c.expectedStored) {
        const participantId = participants.get(c.expectedStored.participant);
        expect(rows[0]).toMatchObject({
          direction: 'inbound',
          phone: c.expectedStored.phone,
          channel: c.expectedStored.channel,
          body: c.expectedStored.body,
          participant_id: participantId,
        });
        const events = await app.db
          .selectFrom('case_record_events')
          .selectAll()
          .where('participant_id', '=', participantId as string)
          .where('type', '=', 'message.inbound')
          .execute();
        expect(events.map((e) => e.data)).toContainEqual(
          expect.objectContaining({ messageId: rows[0]?.id, channel: c.expectedStored.channel }),
        );
      }
      if (c.expectedReplyTo) {
        const messages = await app.twilio.waitForMessages(sentBefore + 1);
        expect(messages.slice(sentBefore).map((m) => m.form.To)).toContain(c.expectedReplyTo);
      }
    });

    it('processes the same MessageSid posted three times at once exactly once', async () => {
      const form = inboundParams({ from: CONCURRENT_PAT, body: 'Where do I go for the interview?' });
      const sid = form.MessageSid as string;
      const eventsBefore = await countInboundEvents();
      const repliesTo = () => app.twilio.messages.filter((m) => m.form.To === CONCURRENT_PAT);

      const responses = await Promise.all([1, 2, 3].map(() => postWebhook(app, '/twilio/inbound', form, { kind: 'valid' })));
      const texts = await Promise.all(responses.map((r) => r.text()));

      expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
      for (const text of texts) expect(text).toContain('<Response/>');
      expect(await messagesWithSid(sid)).toHaveLength(1);
      await eventually(async () => repliesTo().length >= 1, 10_000, 'a reply to the concurrent sender');
      await eventually(async () => (await messagesWithSid(sid))[0]?.status === 'processed', 10_000, 'the turn to finish');
      expect((await countInboundEvents()) - eventsBefore).toBe(1);
      // Give any duplicate turn time to show itself.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(repliesTo()).toHaveLength(1);
      const record = await app.record(participants.get(CONCURRENT_PAT) as string);
      expect(record.filter((e) => e.type === 'message.inbound')).toHaveLength(1);
    });

    it('stores a text from a number that is not a participant, answers 200 and starts no conversation', async () => {
      const eventsBefore = await countInboundEvents();
      const form = inboundParams({ from: STRANGER, body: 'Hi who is this?' });
      const sid = form.MessageSid as string;

      const response = await postWebhook(app, '/twilio/inbound', form, { kind: 'valid' });

      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<Response/>');
      const [row] = await messagesWithSid(sid);
      expect(row).toMatchObject({ participant_id: null, phone: STRANGER, body: 'Hi who is this?', direction: 'inbound' });
      await eventually(async () => (await messagesWithSid(sid))[0]?.status === 'processed', 10_000, 'the stranger turn');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(app.twilio.messages.filter((m) => String(m.form.To).includes(STRANGER))).toHaveLength(0);
      expect((await countInboundEvents()) - eventsBefore).toBe(0);
    });
  });

  describe('POST /twilio/status', () => {
    let outboundSid: string;
    const storedStatus = async () =>
      (await app.db.selectFrom('messages').select('status').where('twilio_sid', '=', outboundSid).executeTakeFirstOrThrow()).status;

    beforeAll(async () => {
      const before = app.twilio.messages.length;
      await postWebhook(app, '/twilio/inbound', inboundParams({ from: STATUS_ROBIN, body: 'Can I bring my daughter?' }), { kind: 'valid' });
      await app.twilio.waitForMessages(before + 1, 10_000);
      const reply = app.twilio.accepted.find((m) => m.form.To === STATUS_ROBIN);
      outboundSid = reply?.sid as string;
      // The sender records the sid just after Twilio answers.
      await eventually(async () => (await messagesWithSid(outboundSid)).length === 1, 10_000, 'the outbound sid to be stored');
    });

    it.each(statusCases)('$label', async (c) => {
      const before = await storedStatus();
      const response = await postWebhook(app, '/twilio/status', c.data(outboundSid, STATUS_ROBIN), c.prep, c.raw);
      const text = await response.text();

      expect(response.status, text).toBe(c.expectedRespStatus);
      if (c.expectedBodyContains) expect(text).toContain(c.expectedBodyContains);
      expect(await storedStatus()).toBe(c.expectedStored === 'unchanged' ? before : c.expectedStored);
    });

    it('records each status that moved forwards once on the case record', async () => {
      const record = await app.record(participants.get(STATUS_ROBIN) as string);
      const statuses = record.filter((e) => e.type === 'message.status').map((e) => e.data.status);
      expect(statuses).toEqual(['sent', 'delivered', 'read']);
    });

    it('answers 200 for a sid that is not ours and changes nothing', async () => {
      const unknownSid = randomTwilioSid('SM');
      const countRows = async (table: 'messages' | 'case_record_events') =>
        Number((await app.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const messagesBefore = await countRows('messages');
      const eventsBefore = await countRows('case_record_events');

      const response = await postWebhook(
        app,
        '/twilio/status',
        statusParams({ sid: unknownSid, status: 'delivered', to: STATUS_ROBIN, from: TEST_BOT_NUMBER }),
        { kind: 'valid' },
      );

      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/ignored|unknown/i);
      expect(await messagesWithSid(unknownSid)).toHaveLength(0);
      expect(await countRows('messages')).toBe(messagesBefore);
      expect(await countRows('case_record_events')).toBe(eventsBefore);
    });
  });
});
