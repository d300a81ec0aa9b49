import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeTwilioMessage } from '../fake-twilio.js';
import { eventually, TestApp } from '../test-app.js';
import { TEST_BOT_NUMBER } from '../twilio-signer.js';

/**
 * WhatsApp outside its 24-hour window, through the real path: the API books a reminder, the reminder and outbound
 * workers send it with the real twilio SDK over HTTP to the fake Twilio, and the case record says what went and how.
 * With `TWILIO_WHATSAPP_FALLBACK_CONTENT_SID` the approved template goes (ContentSid and ContentVariables, no Body);
 * without it, SMS. Phones for this file: +447700900970–979.
 */
const CONTENT_SID = `HX${'a1b2c3d4'.repeat(4)}`;
const POLICY = { defaultOffsets: ['PT2H'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 };

interface OutboundEvent {
  type: string;
  data: { messageId?: string; channel?: string; kind?: string; body?: string; whatsappTemplate?: string; insteadOf?: string; fallbackOf?: string };
}

const requestsTo = (app: TestApp, to: string): FakeTwilioMessage[] => app.twilio.messages.filter((m) => m.form.To === to);
/** An appointment 2 hours and 2 seconds away: its PT2H reminder is due in 2 seconds. */
const soon = () => new Date(Date.now() + 2 * 3600_000 + 2000).toISOString();

async function setUp(env: Record<string, string> = {}) {
  const app = await TestApp.start({ env });
  const keyWorker = await app.createStaff('key_worker', 'Priya', 'Leeds');
  expect((await app.api('PUT', '/api/reminder-policy', POLICY, keyWorker.token)).status).toBe(200);
  return { app, keyWorker };
}

async function bookReminder(app: TestApp, token: string, participantId: string) {
  const booked = await app.api('POST', `/api/participants/${participantId}/appointments`, { startsAt: soon(), title: 'CV workshop', location: 'Room 2', mandatory: false }, token);
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
}

const outboundEvents = async (app: TestApp, participantId: string) =>
  ((await app.record(participantId)) as OutboundEvent[]).filter((e) => e.type === 'message.outbound');

const outboundRows = (app: TestApp, participantId: string) =>
  app.db
    .selectFrom('messages')
    .select(['id', 'channel', 'kind', 'status', 'twilio_sid', 'error_code', 'fallback_of', 'instead_of', 'body'])
    .where('participant_id', '=', participantId)
    .where('direction', '=', 'outbound')
    .orderBy('created_at')
    .orderBy('id')
    .execute();

describe('WhatsApp outside the 24-hour window, with an approved template configured', () => {
  let app: TestApp;
  let keyWorker: { id: string; token: string };

  beforeAll(async () => {
    ({ app, keyWorker } = await setUp({ TWILIO_WHATSAPP_FALLBACK_CONTENT_SID: CONTENT_SID }));
  });
  afterAll(async () => app?.close());

  it('a reminder to someone who has never written goes as the template, its text in variable 1, and the record says so', async () => {
    const to = '+447700900970';
    const participant = await app.createParticipant(to, keyWorker.token, { channel: 'whatsapp' });
    await bookReminder(app, keyWorker.token, participant.id);

    const [sent] = await eventually(async () => {
      const found = requestsTo(app, `whatsapp:${to}`).filter((m) => m.response === 201);
      return found.length > 0 && found;
    }, 15_000, 'the template');
    expect(sent?.form.From).toBe(`whatsapp:${TEST_BOT_NUMBER}`);
    expect(sent?.form.ContentSid).toBe(CONTENT_SID);
    expect(sent?.form.Body).toBeUndefined();
    const variables = JSON.parse(String(sent?.form.ContentVariables)) as Record<string, string>;
    expect(Object.keys(variables)).toEqual(['1']);
    expect(variables['1']).toContain('CV workshop');
    expect(variables['1']).not.toMatch(/\n|\s{2}/);
    expect(requestsTo(app, to)).toEqual([]); // no SMS as well

    const [row] = await eventually(async () => {
      const rows = await outboundRows(app, participant.id);
      return rows[0]?.status === 'accepted' && rows;
    }, 10_000, 'the message accepted');
    expect(row).toMatchObject({ channel: 'whatsapp', instead_of: null, kind: 'reminder', twilio_sid: sent?.sid });
    const events = await eventually(async () => {
      const found = await outboundEvents(app, participant.id);
      return found.length > 0 && found;
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ messageId: row?.id, channel: 'whatsapp', kind: 'reminder', whatsappTemplate: CONTENT_SID, body: row?.body });
    expect(events[0]?.data.insteadOf).toBeUndefined();
  });

  it('a reply inside the window is free text; when WhatsApp still refuses it (63016), the template goes once instead', async () => {
    const to = '+447700900971';
    const participant = await app.createParticipant(to, keyWorker.token, { channel: 'whatsapp' });
    let refused = false;
    app.twilio.failWith((message) => {
      if (refused || message.form.To !== `whatsapp:${to}`) return null;
      refused = true;
      return { status: 400, code: 63016 };
    });

    await app.inbound(to, 'What time does the job club start?', { whatsapp: true });
    const template = await eventually(async () => requestsTo(app, `whatsapp:${to}`).find((m) => m.response === 201), 15_000, 'the template after 63016');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const requests = requestsTo(app, `whatsapp:${to}`);
    expect(requests.map((m) => m.response)).toEqual([400, 201]);
    expect(requests[0]?.form.Body).toBeTruthy(); // free text first: they had just written
    expect(requests[0]?.form.ContentSid).toBeUndefined();
    expect(template.form.ContentSid).toBe(CONTENT_SID);
    expect(template.form.Body).toBeUndefined();
    expect(JSON.parse(String(template.form.ContentVariables))).toEqual({ '1': String(requests[0]?.form.Body).replace(/\s+/g, ' ').trim() });
    expect(requestsTo(app, to)).toEqual([]);

    const rows = await eventually(async () => {
      const found = await outboundRows(app, participant.id);
      return found.length === 2 && found[1]?.status === 'accepted' && found;
    }, 10_000, 'the fallback accepted');
    expect(rows[0]).toMatchObject({ channel: 'whatsapp', status: 'failed', error_code: 63016 });
    expect(rows[1]).toMatchObject({ channel: 'whatsapp', kind: 'whatsapp_template', fallback_of: rows[0]?.id, twilio_sid: template.sid });
    const events = await eventually(async () => {
      const found = await outboundEvents(app, participant.id);
      return found.length > 0 && found;
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ messageId: rows[1]?.id, channel: 'whatsapp', whatsappTemplate: CONTENT_SID, fallbackOf: rows[0]?.id });
    app.twilio.failWith(null);
  });
});

describe('WhatsApp outside the 24-hour window, with no template configured', () => {
  let app: TestApp;
  let keyWorker: { id: string; token: string };

  beforeAll(async () => {
    ({ app, keyWorker } = await setUp());
  });
  afterAll(async () => app?.close());

  it('a reminder to someone who has never written goes by SMS, and the record says it went by SMS instead of WhatsApp', async () => {
    const to = '+447700900975';
    const participant = await app.createParticipant(to, keyWorker.token, { channel: 'whatsapp' });
    await bookReminder(app, keyWorker.token, participant.id);

    const [sms] = await eventually(async () => {
      const found = requestsTo(app, to).filter((m) => m.response === 201);
      return found.length > 0 && found;
    }, 15_000, 'the SMS');
    expect(sms?.form.From).toBe(TEST_BOT_NUMBER);
    expect(String(sms?.form.Body)).toContain('CV workshop');
    expect(sms?.form.ContentSid).toBeUndefined();
    expect(requestsTo(app, `whatsapp:${to}`)).toEqual([]);

    const [row] = await eventually(async () => {
      const rows = await outboundRows(app, participant.id);
      return rows[0]?.status === 'accepted' && rows;
    }, 10_000, 'the SMS accepted');
    expect(row).toMatchObject({ channel: 'sms', instead_of: 'whatsapp', kind: 'reminder', twilio_sid: sms?.sid, body: sms?.form.Body });
    const events = await eventually(async () => {
      const found = await outboundEvents(app, participant.id);
      return found.length > 0 && found;
    });
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ messageId: row?.id, channel: 'sms', kind: 'reminder', insteadOf: 'whatsapp' })]);
    expect(events[0]?.data.whatsappTemplate).toBeUndefined();
  });

  it('an SMS instead of WhatsApp that Twilio answers 500 the first time is retried, and still recorded as instead of WhatsApp', async () => {
    const to = '+447700900977';
    const participant = await app.createParticipant(to, keyWorker.token, { channel: 'whatsapp' });
    let failed = false;
    app.twilio.failWith((message) => {
      if (failed || message.form.To !== to) return null;
      failed = true;
      return { status: 500, code: 20500 };
    });
    await bookReminder(app, keyWorker.token, participant.id);

    const sms = await eventually(async () => requestsTo(app, to).find((m) => m.response === 201), 20_000, 'the SMS after a retry');
    expect(requestsTo(app, to).map((m) => m.response)).toEqual([500, 201]);
    const events = await eventually(async () => {
      const found = await outboundEvents(app, participant.id);
      return found.length > 0 && found;
    });
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ channel: 'sms', insteadOf: 'whatsapp', body: sms.form.Body })]);
    app.twilio.failWith(null);
  });

  it('a WhatsApp reply refused with 63016 goes once by SMS, and the record ties the SMS to the refused message', async () => {
    const to = '+447700900976';
    const participant = await app.createParticipant(to, keyWorker.token, { channel: 'whatsapp' });
    app.twilio.failNext(1, { status: 400, code: 63016 });

    await app.inbound(to, 'Do I need to bring ID on Monday?', { whatsapp: true });
    const sms = await eventually(async () => requestsTo(app, to).find((m) => m.response === 201), 15_000, 'the SMS fallback');
    const rows = await eventually(async () => {
      const found = await outboundRows(app, participant.id);
      return found.length === 2 && found[1]?.status === 'accepted' && found;
    }, 10_000, 'the fallback accepted');
    expect(rows[0]).toMatchObject({ channel: 'whatsapp', status: 'failed', error_code: 63016 });
    expect(rows[1]).toMatchObject({ channel: 'sms', instead_of: 'whatsapp', fallback_of: rows[0]?.id, twilio_sid: sms.sid });
    const events = await eventually(async () => {
      const found = await outboundEvents(app, participant.id);
      return found.length > 0 && found;
    });
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ messageId: rows[1]?.id, channel: 'sms', insteadOf: 'whatsapp', fallbackOf: rows[0]?.id })]);
  });
});
