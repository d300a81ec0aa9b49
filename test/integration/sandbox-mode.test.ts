import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestApp } from '../test-app.js';

// Phones for this file: +447700900500–549.
const phone = (n: number) => `+447700900${n}`;

type OutboxEntry = { id: string; participantId: string | null; channel: string; to: string | null; body: string | null; kind: string; status: string };

describe('sandbox mode: nothing leaves the machine', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ mode: 'sandbox', engine: 'pglite' });
  });
  afterAll(async () => app?.close());

  it('plays a text through the real path and shows the reply in the outbox as delivered', async () => {
    const participant = await app.createParticipant('07700 900500');
    expect(participant.phone).toBe(phone(500));

    const posted = await app.api<{ messageSid: string; messageId: string }>('POST', '/api/sandbox/inbound', {
      from: phone(500),
      body: 'HELP',
    });
    expect(posted.status).toBe(200);
    expect(posted.body.messageSid).toMatch(/^SM[0-9a-f]{32}$/);

    const outbox = await eventually(
      async () => {
        const result = await app.api<OutboxEntry[]>('GET', `/api/sandbox/outbox?participantId=${participant.id}`);
        return result.body.length > 0 && result.body.every((m) => m.status === 'delivered') && result.body;
      },
      10_000,
      'the HELP reply in the outbox',
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ participantId: participant.id, channel: 'sms', to: phone(500), status: 'delivered' });
    expect(outbox[0]?.body).toMatch(/key worker/i);

    const types = (await app.record(participant.id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['message.inbound', 'message.outbound']));
    expect(types.filter((t) => t === 'message.inbound')).toHaveLength(1);
    expect(types.filter((t) => t === 'message.outbound')).toHaveLength(1);

    // No Twilio at all: the fake was never even started, and got nothing.
    expect(app.twilio.messages).toEqual([]);
    expect(app.twilio.unexpectedRequests).toEqual([]);
  });

  it('replies on WhatsApp to a sandbox text from whatsapp:+44…', async () => {
    const participant = await app.createParticipant(phone(501));
    const posted = await app.api('POST', '/api/sandbox/inbound', { from: `whatsapp:${phone(501)}`, body: 'Can I come in late on Tuesday?' });
    expect(posted.status).toBe(200);
    const [reply] = await eventually(async () => {
      const result = await app.api<OutboxEntry[]>('GET', `/api/sandbox/outbox?participantId=${participant.id}`);
      return result.body.length > 0 && result.body[0]?.status === 'delivered' && result.body;
    });
    expect(reply).toMatchObject({ channel: 'whatsapp', to: phone(501) });
    expect(app.twilio.messages).toEqual([]);
  });

  it('404 for a number nobody in the caller’s caseload has', async () => {
    const unknown = await app.api<{ error: { code: string } }>('POST', '/api/sandbox/inbound', { from: phone(549), body: 'HELP' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBeTruthy();

    const alex = await app.createStaff('key_worker', 'Alex');
    const priya = await app.createStaff('key_worker', 'Priya');
    const hers = await app.createParticipant(phone(510), priya.token);
    const other = await app.api('POST', '/api/sandbox/inbound', { from: phone(510), body: 'HELP' }, alex.token);
    expect(other.status).toBe(404);
    const outbox = await app.api('GET', `/api/sandbox/outbox?participantId=${hers.id}`, undefined, alex.token);
    expect(outbox.status).toBe(404);

    // Nothing was stored for the refused texts.
    const stored = await app.db.selectFrom('messages').select('id').where('phone', 'in', [phone(549), phone(510)]).execute();
    expect(stored).toEqual([]);

    const own = await app.api('POST', '/api/sandbox/inbound', { from: phone(510), body: 'HELP' }, priya.token);
    expect(own.status).toBe(200);
  });
});

describe('sandbox endpoints in Twilio mode', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ engine: 'pglite' });
  });
  afterAll(async () => app?.close());

  it('are 404', async () => {
    const participant = await app.createParticipant(phone(520));
    const inbound = await app.api('POST', '/api/sandbox/inbound', { from: phone(520), body: 'HELP' });
    expect(inbound.status).toBe(404);
    const outbox = await app.api('GET', `/api/sandbox/outbox?participantId=${participant.id}`);
    expect(outbox.status).toBe(404);
    const stored = await app.db.selectFrom('messages').select('id').where('participant_id', '=', participant.id).execute();
    expect(stored).toEqual([]);
  });
});
