import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestApp } from '../test-app.js';

const SAM = '+447700900101';

describe('one signed inbound message, all the way to the case record and back out', () => {
  let app: TestApp;
  let sam: { id: string };

  beforeAll(async () => {
    app = await TestApp.start();
    sam = await app.createParticipant('07700 900101');
  });
  afterAll(async () => app?.close());

  it('stores the text, runs the turn on the queue, replies through Twilio and records it all once', async () => {
    const { response, text } = await app.inbound(SAM, 'Can someone call me about my bus fare?');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    expect(text).toContain('<Response/>');

    const [sent] = await app.twilio.waitForMessages(1);
    expect(sent?.form.To).toBe(SAM);
    expect(sent?.form.From).toBe('+447700900000');
    expect(sent?.form.StatusCallback).toBe('https://bot.example.test/twilio/status');
    expect(String(sent?.form.Body)).toMatch(/key worker/i);

    const events = await eventually(async () => {
      const record = await app.record(sam.id);
      return record.some((e) => e.type === 'message.outbound') && record;
    });
    const types = events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['participant.created', 'message.inbound', 'alert.raised', 'message.outbound']),
    );
    expect(types.filter((t) => t === 'message.inbound')).toHaveLength(1);
    const alerts = await app.api<Array<{ type: string; data: { text: string } }>>('GET', '/api/alerts?status=open');
    expect(alerts.body).toEqual([expect.objectContaining({ type: 'message_for_key_worker' })]);
  });

  it('answers a WhatsApp text on WhatsApp', async () => {
    const before = app.twilio.messages.length;
    await app.inbound(SAM, 'HELP', { whatsapp: true });
    const messages = await app.twilio.waitForMessages(before + 1);
    expect(messages.at(-1)?.form.To).toBe(`whatsapp:${SAM}`);
    expect(messages.at(-1)?.form.From).toBe('whatsapp:+447700900000');
  });

  it('moves delivery statuses forwards only', async () => {
    const sid = app.twilio.accepted[0]?.sid as string;
    const deliver = (status: string) => app.twilio.sendStatusCallback({ sid, status, deliverToBaseUrl: app.url });
    expect((await deliver('sent')).status).toBe(200);
    expect((await deliver('delivered')).status).toBe(200);
    expect((await deliver('sent')).status).toBe(200);
    const row = await app.db.selectFrom('messages').select('status').where('twilio_sid', '=', sid).executeTakeFirstOrThrow();
    expect(row.status).toBe('delivered');
    const statuses = (await app.record(sam.id)).filter((e) => e.type === 'message.status').map((e) => e.data.status);
    expect(statuses).toEqual(['sent', 'delivered']);
  });

  it("takes one person's texts in the order they arrived, whatever order the queue runs them in", async () => {
    const jo = await app.createParticipant('07700 900102');
    await app.stopWorkers();
    for (const text of ['STOP', 'START', 'STOP']) await app.inbound('+447700900102', text);
    await app.startWorkers();
    const consent = await eventually(async () => {
      const events = (await app.record(jo.id)).filter((e) => e.type.startsWith('consent.'));
      return events.length === 3 && events.map((e) => e.type);
    });
    expect(consent).toEqual(['consent.opted_out', 'consent.opted_in', 'consent.opted_out']);
    const participant = await app.api<{ optedOut: boolean }>('GET', `/api/participants/${jo.id}`);
    expect(participant.body.optedOut).toBe(true);
  });
});
