/**
 * The real twilio SDK, through createTwilioClient and TwilioMessageSender, against the local fake: the exact
 * request Twilio would get, and how its errors come back out of classifyTwilioError.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyTwilioError, type ClassifiedTwilioError } from '../bot/twilio/send-errors.js';
import { isValidTwilioSignature } from '../bot/twilio/signature.js';
import { createTwilioClient } from '../bot/twilio/twilio-client.js';
import { TwilioMessageSender, type TwilioSendRequest, type TwilioSenderConfig } from '../bot/twilio/twilio-sender.js';
import { TwilioSentMessageLookup } from '../bot/twilio/twilio-sent-lookup.js';
import { FakeTwilio } from './fake-twilio.js';
import { TEST_BOT_NUMBER } from './twilio-signer.js';

const PARTICIPANT = '+447700900123';
const STATUS_CALLBACK = 'https://bot.example.org/twilio/status';
const MESSAGING_SERVICE_SID = `MG${'1'.repeat(32)}`;
const SID_PATTERN = /^SM[0-9a-f]{32}$/;

const fake = new FakeTwilio();

beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

function sender(config: Omit<TwilioSenderConfig, 'client'> = {}, timeoutMs?: number): TwilioMessageSender {
  const client = createTwilioClient({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    apiBaseUrl: fake.baseUrl,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return new TwilioMessageSender({ client, ...config });
}

const smsViaService = (): TwilioMessageSender => sender({ messagingServiceSid: MESSAGING_SERVICE_SID });

function sms(body: string, to = PARTICIPANT): TwilioSendRequest {
  return { to, channel: 'sms', body, statusCallback: STATUS_CALLBACK };
}

async function sendExpectingError(s: TwilioMessageSender, request: TwilioSendRequest): Promise<ClassifiedTwilioError> {
  const error = await s.send(request).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error, 'the send should have failed').toBeDefined();
  return classifyTwilioError(error);
}

describe('sending through the fake with the real SDK', () => {
  it('sends SMS through the Messaging Service', async () => {
    const result = await smsViaService().send(sms('Reminder: appointment with Alex tomorrow at 10:00.'));

    expect(result.sid).toMatch(SID_PATTERN);
    expect(result.status).toBe('accepted');
    const [message] = fake.messages;
    expect(fake.messages).toHaveLength(1);
    expect(message?.accountSid).toBe(fake.accountSid);
    expect(message?.sid).toBe(result.sid);
    expect(message?.form).toEqual({
      To: PARTICIPANT,
      MessagingServiceSid: MESSAGING_SERVICE_SID,
      Body: 'Reminder: appointment with Alex tomorrow at 10:00.',
      StatusCallback: STATUS_CALLBACK,
    });
    expect(fake.unexpectedRequests).toEqual([]);
  });

  it('sends SMS from a number when there is no Messaging Service', async () => {
    const result = await sender({ smsFrom: TEST_BOT_NUMBER }).send(sms('Hello'));

    expect(result.status).toBe('queued');
    expect(fake.messages[0]?.form).toEqual({ To: PARTICIPANT, From: TEST_BOT_NUMBER, Body: 'Hello', StatusCallback: STATUS_CALLBACK });
  });

  it('prefers the Messaging Service over a From number for SMS', async () => {
    await sender({ messagingServiceSid: MESSAGING_SERVICE_SID, smsFrom: TEST_BOT_NUMBER }).send(sms('Hi'));
    expect(fake.messages[0]?.form).not.toHaveProperty('From');
    expect(fake.messages[0]?.form.MessagingServiceSid).toBe(MESSAGING_SERVICE_SID);
  });

  it('sends WhatsApp with whatsapp: addresses', async () => {
    await sender({ messagingServiceSid: MESSAGING_SERVICE_SID, whatsappFrom: `whatsapp:${TEST_BOT_NUMBER}` }).send({
      to: PARTICIPANT,
      channel: 'whatsapp',
      body: 'Hi Sam',
      statusCallback: STATUS_CALLBACK,
    });
    expect(fake.messages[0]?.form).toEqual({
      To: `whatsapp:${PARTICIPANT}`,
      From: `whatsapp:${TEST_BOT_NUMBER}`,
      Body: 'Hi Sam',
      StatusCallback: STATUS_CALLBACK,
    });
  });

  it('sends an approved WhatsApp template instead of a body', async () => {
    await sender({ whatsappFrom: TEST_BOT_NUMBER }).send({
      to: PARTICIPANT,
      channel: 'whatsapp',
      statusCallback: STATUS_CALLBACK,
      contentSid: `HX${'2'.repeat(32)}`,
      contentVariables: { '1': 'Sam', '2': 'Tue 4 March, 10:00' },
    });
    expect(fake.messages[0]?.form).toEqual({
      To: `whatsapp:${PARTICIPANT}`,
      From: `whatsapp:${TEST_BOT_NUMBER}`,
      ContentSid: `HX${'2'.repeat(32)}`,
      ContentVariables: '{"1":"Sam","2":"Tue 4 March, 10:00"}',
      StatusCallback: STATUS_CALLBACK,
    });
  });

  it('replies from the number the participant wrote to', async () => {
    await smsViaService().send({ ...sms('Thanks'), from: '+447700900999' });
    expect(fake.messages[0]?.form).toMatchObject({ From: '+447700900999' });
    expect(fake.messages[0]?.form).not.toHaveProperty('MessagingServiceSid');
  });

  it('keeps every character of the body', async () => {
    const body = 'Café at 10:00 & bring ID + CV — 50% done? 👍 \n line two';
    await smsViaService().send(sms(body));
    expect(fake.messages[0]?.form.Body).toBe(body);
  });
});

describe('errors from the fake, classified', () => {
  it.each<[string, { status: number; code?: number }, ClassifiedTwilioError['kind']]>([
    ['429', { status: 429 }, 'retryable'],
    ['503', { status: 503 }, 'retryable'],
    ['21610 unsubscribed', { status: 400, code: 21610 }, 'opted_out'],
    ['21211 invalid number', { status: 400, code: 21211 }, 'bad_number'],
    ['21614 not a mobile', { status: 400, code: 21614 }, 'bad_number'],
    ['63016 outside the window', { status: 400, code: 63016 }, 'whatsapp_window'],
    ['another 400', { status: 400, code: 21617 }, 'permanent'],
  ])('%s → %s', async (_name, failure, kind) => {
    fake.failNext(1, failure);
    const classified = await sendExpectingError(smsViaService(), sms('Hi'));
    expect(classified.kind).toBe(kind);
    expect(classified.status).toBe(failure.status);
    if (failure.code !== undefined) expect(classified.code).toBe(failure.code);
  });

  it('surfaces a 429 once: the SDK does not retry it by itself', async () => {
    fake.failNext(1, { status: 429 });
    const classified = await sendExpectingError(smsViaService(), sms('Hi'));
    expect(classified).toMatchObject({ kind: 'retryable', status: 429, code: 20429 });
    expect(fake.messages).toHaveLength(1);
    // The next attempt goes through.
    await expect(smsViaService().send(sms('Hi'))).resolves.toMatchObject({ status: 'accepted' });
  });

  it('a hung request times out and is retryable, without leaking credentials', async () => {
    fake.failNext(1, 'timeout');
    const started = Date.now();
    const error = await sender({ messagingServiceSid: MESSAGING_SERVICE_SID }, 200)
      .send(sms('Hi'))
      .catch((err: unknown) => err);
    const classified = classifyTwilioError(error);

    expect(classified.kind).toBe('retryable');
    // The request was written: Twilio may have made the message, so it is looked up before any second try.
    expect(classified.maybeSent).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    const logged = JSON.stringify(classified);
    expect(logged).not.toContain(fake.authToken);
    expect(logged).not.toContain(Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64'));
    // Why callers must log the classification, not the error: the raw error carries the request config.
    expect(inspect(error, { depth: 6 })).toContain('Authorization');
  });

  it('a cut connection is retryable', async () => {
    fake.failNext(1, 'reset');
    const classified = await sendExpectingError(smsViaService(), sms('Hi'));
    expect(classified).toMatchObject({ kind: 'retryable', maybeSent: true });
    expect(fake.messages[0]?.response).toBe('reset');
    expect(fake.accepted).toEqual([]);
  });

  it('a connection cut after the message was made looks the same to the caller, but Twilio has it', async () => {
    fake.failNext(1, 'accept-then-reset');
    const classified = await sendExpectingError(smsViaService(), sms('Hi'));
    expect(classified).toMatchObject({ kind: 'retryable', maybeSent: true });
    expect(fake.messages[0]?.response).toBe('accept-then-reset');
    expect(fake.accepted).toHaveLength(1);
    expect(fake.accepted[0]?.sid).toMatch(SID_PATTERN);
  });

  it('nothing listening is retryable', async () => {
    const gone = new FakeTwilio();
    await gone.start();
    const baseUrl = gone.baseUrl;
    await gone.stop();
    const client = createTwilioClient({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: baseUrl });
    const error = await new TwilioMessageSender({ client, smsFrom: TEST_BOT_NUMBER }).send(sms('Hi')).catch((err: unknown) => err);
    expect(classifyTwilioError(error).kind).toBe('retryable');
    // Never connected: nothing can have reached Twilio, so it is simply tried again.
    expect(classifyTwilioError(error).maybeSent).toBeUndefined();
  });

  it('a wrong auth token is a permanent 401', async () => {
    const client = createTwilioClient({ accountSid: fake.accountSid, authToken: 'wrong', apiBaseUrl: fake.baseUrl });
    const error = await new TwilioMessageSender({ client, smsFrom: TEST_BOT_NUMBER }).send(sms('Hi')).catch((err: unknown) => err);
    expect(classifyTwilioError(error)).toMatchObject({ kind: 'permanent', status: 401, code: 20003 });
    expect(fake.messages[0]?.response).toBe(401);
  });
});

describe('the Messages list through the real SDK', () => {
  const client = () => createTwilioClient({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.baseUrl });
  const lookup = (config: Omit<TwilioSenderConfig, 'client'> = { smsFrom: TEST_BOT_NUMBER }) => {
    const c = client();
    return new TwilioSentMessageLookup(c, new TwilioMessageSender({ client: c, ...config }));
  };
  const today = () => new Date();

  it('lists what was sent to one number since the start of a day, newest first, as the SDK parses it', async () => {
    const s = sender({ smsFrom: TEST_BOT_NUMBER });
    const first = await s.send(sms('First'));
    await s.send(sms('To someone else', '+447700900124'));
    const second = await s.send(sms('Second'));

    const found = await lookup().findSent({ phone: PARTICIPANT, channel: 'sms', since: today() });
    expect(found.map((m) => m.body).sort()).toEqual(['First', 'Second']);
    expect(found.map((m) => m.sid)).toContain(first.sid);
    expect(found.find((m) => m.sid === second.sid)).toMatchObject({
      direction: 'outbound-api',
      to: PARTICIPANT,
      from: TEST_BOT_NUMBER,
      messagingServiceSid: null,
      status: 'sent',
      errorCode: null,
    });
    expect(found[0]?.dateCreated).toBeInstanceOf(Date);
    const [request] = fake.listRequests;
    expect(request?.query.To).toBe(PARTICIPANT);
    // `DateSent>=…` is the key `DateSent>` with its `=`: midnight GMT of the claim's day.
    expect(request?.query['DateSent>']).toBe(`${today().toISOString().slice(0, 10)}T00:00:00Z`);
    expect(fake.unexpectedRequests).toEqual([]);
  });

  it('follows next_page_uri through every page', async () => {
    const s = sender({ smsFrom: TEST_BOT_NUMBER });
    for (let i = 0; i < 5; i++) await s.send(sms(`Message ${i}`));
    const listed = await client().messages.list({ to: PARTICIPANT, pageSize: 2 });
    expect(listed.map((m) => m.body).sort()).toEqual(['Message 0', 'Message 1', 'Message 2', 'Message 3', 'Message 4']);
    expect(fake.listRequests.map((r) => r.query.Page ?? '0')).toEqual(['0', '1', '2']);
  });

  it('filters by From and by the day sent, before and after', async () => {
    await sender({ smsFrom: TEST_BOT_NUMBER }).send(sms('From us'));
    await sender({ smsFrom: '+447700900002' }).send(sms('From another number'));
    const c = client();
    expect((await c.messages.list({ from: TEST_BOT_NUMBER })).map((m) => m.body)).toEqual(['From us']);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(await c.messages.list({ to: PARTICIPANT, dateSentAfter: tomorrow })).toEqual([]);
    expect(await c.messages.list({ to: PARTICIPANT, dateSentBefore: new Date(Date.now() - 86_400_000) })).toEqual([]);
    expect(await c.messages.list({ to: PARTICIPANT, dateSentBefore: tomorrow })).toHaveLength(2);
  });

  it('names the Messaging Service a message went through, with the number it picked', async () => {
    await smsViaService().send(sms('Via the service'));
    const [listed] = await lookup({ messagingServiceSid: MESSAGING_SERVICE_SID }).findSent({ phone: PARTICIPANT, channel: 'sms', since: today() });
    expect(listed).toMatchObject({ messagingServiceSid: MESSAGING_SERVICE_SID, from: TEST_BOT_NUMBER, status: 'sent' });
  });

  it('shows the last status a callback gave', async () => {
    const { sid } = await sender({ smsFrom: TEST_BOT_NUMBER }).send(sms('Hi'));
    const received = createServer((_req, res) => res.writeHead(200).end());
    await new Promise<void>((resolve) => received.listen(0, '127.0.0.1', resolve));
    const { port } = received.address() as AddressInfo;
    await fake.sendStatusCallback({ sid, status: 'delivered', deliverToBaseUrl: `http://127.0.0.1:${port}` });
    received.close();
    const [listed] = await lookup().findSent({ phone: PARTICIPANT, channel: 'sms', since: today() });
    expect(listed?.status).toBe('delivered');
  });

  it('fails a lookup as told, and answers the next', async () => {
    fake.failListNext(1, { status: 503 });
    const error = await lookup().findSent({ phone: PARTICIPANT, channel: 'sms', since: today() }).catch((err: unknown) => err);
    expect(classifyTwilioError(error)).toMatchObject({ kind: 'retryable', status: 503 });
    await expect(lookup().findSent({ phone: PARTICIPANT, channel: 'sms', since: today() })).resolves.toEqual([]);
    // The lookup lists by date and then the latest undated (a message not sent yet has no DateSent).
    expect(fake.listRequests.map((r) => r.response)).toEqual([503, 200, 200]);
  });
});

describe('FakeTwilio', () => {
  it('fails by rule, per request', async () => {
    fake.failWith((message) => (message.form.To === '+447700900666' ? { status: 400, code: 21610 } : null));
    const s = smsViaService();
    await expect(s.send(sms('a'))).resolves.toBeDefined();
    expect((await sendExpectingError(s, sms('b', '+447700900666'))).kind).toBe('opted_out');
    await expect(s.send(sms('c'))).resolves.toBeDefined();
    expect(fake.messages.map((m) => m.response)).toEqual([201, 400, 201]);
    expect(fake.accepted).toHaveLength(2);
  });

  it('failNext runs before the rule and counts down', async () => {
    fake.failNext(2, { status: 500 });
    fake.failWith(() => ({ status: 400, code: 21211 }));
    const s = smsViaService();
    expect((await sendExpectingError(s, sms('1'))).kind).toBe('retryable');
    expect((await sendExpectingError(s, sms('2'))).kind).toBe('retryable');
    expect((await sendExpectingError(s, sms('3'))).kind).toBe('bad_number');
    fake.failWith(null);
    await expect(s.send(sms('4'))).resolves.toBeDefined();
  });

  it('delays answers', async () => {
    fake.setDelay(80);
    const started = Date.now();
    await smsViaService().send(sms('slow'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });

  it('waits for messages', async () => {
    const s = smsViaService();
    const waiting = fake.waitForMessages(2, 2000);
    const sends = [s.send(sms('one')), s.send(sms('two'))];
    const messages = await waiting;
    await Promise.all(sends);
    expect(messages.map((m) => m.form.Body).sort()).toEqual(['one', 'two']);
    await expect(fake.waitForMessages(3, 50)).rejects.toThrow(/expected 3/);
  });

  it('answers like Twilio to a bare request', async () => {
    const url = `${fake.baseUrl}/2010-04-01/Accounts/${fake.accountSid}/Messages.json`;
    const auth = `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`;
    const post = (body: string) =>
      fetch(url, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' }, body });

    const created = await post(new URLSearchParams({ To: PARTICIPANT, From: TEST_BOT_NUMBER, Body: 'x'.repeat(161) }).toString());
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      account_sid: fake.accountSid,
      status: 'queued',
      to: PARTICIPANT,
      from: TEST_BOT_NUMBER,
      num_segments: '2',
      direction: 'outbound-api',
      date_created: expect.stringMatching(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/),
    });

    const noBody = await post(new URLSearchParams({ To: PARTICIPANT, From: TEST_BOT_NUMBER }).toString());
    expect(noBody.status).toBe(400);
    expect(await noBody.json()).toMatchObject({ code: 21602, status: 400 });

    const noSender = await post(new URLSearchParams({ To: PARTICIPANT, Body: 'x' }).toString());
    expect(await noSender.json()).toMatchObject({ code: 21603 });

    const elsewhere = await fetch(`${fake.baseUrl}/2010-04-01/Accounts/${fake.accountSid}/Calls.json`, { method: 'POST' });
    expect(elsewhere.status).toBe(404);
    expect(fake.unexpectedRequests).toEqual([{ method: 'POST', path: `/2010-04-01/Accounts/${fake.accountSid}/Calls.json` }]);
  });

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(fake.baseUrl).hostname).toBe('127.0.0.1');
    expect(() => new FakeTwilio({ host: '0.0.0.0' })).toThrow(/127\.0\.0\.1/);
    expect(() => new FakeTwilio({ host: 'localhost' })).toThrow(/127\.0\.0\.1/);
  });

  describe('status callbacks', () => {
    let receiver: Server;
    let receiverUrl: string;
    const received: Array<{ path: string; params: Record<string, string>; valid: boolean }> = [];
    let publicBaseUrl = '';

    beforeAll(async () => {
      receiver = createServer((req, res) => {
        let raw = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => (raw += chunk));
        req.on('end', () => {
          const params = Object.fromEntries(new URLSearchParams(raw));
          const signature = req.headers['x-twilio-signature'];
          const valid = isValidTwilioSignature({
            authToken: fake.authToken,
            publicBaseUrl,
            path: req.url ?? '/',
            params,
            signature: typeof signature === 'string' ? signature : undefined,
          });
          received.push({ path: req.url ?? '', params, valid });
          res.writeHead(valid ? 200 : 403).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
    beforeEach(() => {
      received.length = 0;
    });

    it('posts a signed callback to the StatusCallback URL', async () => {
      publicBaseUrl = receiverUrl;
      const s = sender({ smsFrom: TEST_BOT_NUMBER });
      const { sid } = await s.send({ ...sms('Hi'), statusCallback: `${receiverUrl}/twilio/status?attempt=1` });

      const response = await fake.sendStatusCallback({ sid, status: 'undelivered', errorCode: 30003, errorMessage: 'Unreachable' });

      expect(response.status).toBe(200);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        path: '/twilio/status?attempt=1',
        valid: true,
        params: { MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30003', To: PARTICIPANT, From: TEST_BOT_NUMBER },
      });
    });

    it('signs for the public URL while delivering to the local server', async () => {
      publicBaseUrl = 'https://bot.example.org';
      const { sid } = await smsViaService().send(sms('Hi'));

      const response = await fake.sendStatusCallback({ sid, status: 'delivered', deliverToBaseUrl: receiverUrl });

      expect(response.status).toBe(200);
      expect(received[0]).toMatchObject({ path: '/twilio/status', valid: true });
      expect(received[0]?.params.MessagingServiceSid).toBe(MESSAGING_SERVICE_SID);
    });

    it('will not post anywhere but loopback', async () => {
      const { sid } = await smsViaService().send(sms('Hi'));
      await expect(fake.sendStatusCallback({ sid, status: 'delivered' })).rejects.toThrow(/loopback/);
      expect(received).toHaveLength(0);
    });
  });
});
