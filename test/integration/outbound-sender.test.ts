import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RECONCILE_SAFE_WAIT_MS } from '../../domain/sending/send-reconcile.js';
import type { FakeTwilioFailure, FakeTwilioMessage } from '../fake-twilio.js';
import { ShiftedClock } from '../shifted-clock.js';
import { eventually, TestApp } from '../test-app.js';

// Phones for this file: +447700900400–449.
const phone = (n: number) => `+447700900${n}`;
const BOT_SMS = '+447700900000';

type Alert = { id: string; participantId: string; type: string; priority: string; data: Record<string, unknown> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Requests the fake received for one recipient (`+44…` for SMS, `whatsapp:+44…` for WhatsApp). */
function requestsTo(app: TestApp, to: string): FakeTwilioMessage[] {
  return app.twilio.messages.filter((m) => m.form.To === to);
}

/** The next request to `to` fails this way; every other request is answered normally. */
function failOnceFor(app: TestApp, to: string, failure: FakeTwilioFailure): void {
  let used = false;
  app.twilio.failWith((message) => {
    if (used || message.form.To !== to) return null;
    used = true;
    return failure;
  });
}

async function outboundRows(app: TestApp, participantId: string) {
  return app.db
    .selectFrom('messages')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('direction', '=', 'outbound')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

async function alertsFor(app: TestApp, participantId: string, type: string): Promise<Alert[]> {
  const result = await app.api<Alert[]>('GET', `/api/alerts?status=open&participantId=${participantId}`);
  return result.body.filter((a) => a.type === type);
}

/** Waits until the turn for inbound `sid` has run and its outcome is on the record (replies queued or not). */
async function turnApplied(app: TestApp, sid: string): Promise<void> {
  await eventually(
    async () => {
      const row = await app.db
        .selectFrom('pending_writebacks')
        .select('applied_at')
        .where('source_key', '=', `inbound-${sid}`)
        .executeTakeFirst();
      return row?.applied_at != null;
    },
    10_000,
    `turn for ${sid} applied`,
  );
}

/** Once the worker has left the reply `sending` after a cut call, lets the safe wait pass (the sweep then looks it up). */
async function letSafeWaitPass(app: TestApp, clock: ShiftedClock, participantId: string): Promise<void> {
  await eventually(
    async () => (await outboundRows(app, participantId)).some((m) => m.status === 'sending' && m.error_message?.startsWith('No answer from Twilio')),
    30_000,
    'the reply left sending by the cut call',
  );
  clock.advance(RECONCILE_SAFE_WAIT_MS);
}

describe('outbound sender against Twilio errors', () => {
  let app: TestApp;
  const clock = new ShiftedClock();

  beforeAll(async () => {
    // A held request is cut after 2 s rather than the default 10 s: the same path, a shorter wait.
    app = await TestApp.start({ clock, env: { TWILIO_REQUEST_TIMEOUT_MS: '2000' } });
    app.twilio.setClock(() => clock.now());
  });
  afterEach(() => {
    app.twilio.failWith(null);
  });
  afterAll(async () => app?.close());

  it.each<[label: string, n: number, failure: FakeTwilioFailure]>([
    ['429 Too Many Requests', 400, { status: 429 }],
    ['500 Internal Server Error', 401, { status: 500 }],
    // Twilio may have it: looked up in Twilio's list after the safe wait, not there, so sent once more.
    ['a connection cut mid-request', 402, 'reset'],
  ])('%s once, then OK: retried, sent exactly once, the row ends accepted with a sid', async (_label, n, failure) => {
    const to = phone(n);
    const participant = await app.createParticipant(to);
    failOnceFor(app, to, failure);

    await app.inbound(to, 'Can someone ring me about my travel money?');
    if (failure === 'reset') await letSafeWaitPass(app, clock, participant.id);

    const row = await eventually(
      async () => {
        const [reply] = await outboundRows(app, participant.id);
        return reply?.status === 'accepted' && reply;
      },
      15_000,
      'reply accepted after one retry',
    );
    // A retry would come OUTBOUND_RETRY_BASE_MS (250 ms in tests) after the first try; give a duplicate time to show up.
    await sleep(500);
    const requests = requestsTo(app, to);
    expect(requests.map((m) => m.response)).toEqual([typeof failure === 'string' ? failure : failure.status, 201]);
    expect(requests[0]?.form.Body).toBe(requests[1]?.form.Body);
    const accepted = requests.filter((m) => m.response === 201);
    expect(accepted).toHaveLength(1);
    expect(row.twilio_sid).toBe(accepted[0]?.sid);
    expect(row.attempts).toBe(2);
    expect(await outboundRows(app, participant.id)).toHaveLength(1);
    const outbound = (await app.record(participant.id)).filter((e) => e.type === 'message.outbound');
    expect(outbound).toHaveLength(1);
  });

  it('a request that times out (TWILIO_REQUEST_TIMEOUT_MS) is looked up, then sent once more', { timeout: 45_000 }, async () => {
    const to = phone(403);
    const participant = await app.createParticipant(to);
    failOnceFor(app, to, 'timeout');

    await app.inbound(to, 'Is the course still on next week?');
    await letSafeWaitPass(app, clock, participant.id);

    const row = await eventually(
      async () => {
        const [reply] = await outboundRows(app, participant.id);
        return reply?.status === 'accepted' && reply;
      },
      30_000,
      'reply accepted after a timeout',
    );
    const requests = requestsTo(app, to);
    expect(requests.map((m) => m.response)).toEqual(['timeout', 201]);
    expect(app.twilio.listRequests.some((r) => r.query.To === to)).toBe(true);
    expect(row.twilio_sid).toBe(requests[1]?.sid);
    expect((await app.record(participant.id)).filter((e) => e.type === 'message.outbound')).toHaveLength(1);
  });

  it('21610 (unsubscribed): no retry, the participant is opted out, and later texts get no reply', async () => {
    const to = phone(404);
    const participant = await app.createParticipant(to);
    failOnceFor(app, to, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });

    await app.inbound(to, 'Where do I go for the CV workshop?');

    await eventually(
      async () => {
        const detail = await app.api<{ optedOut: boolean }>('GET', `/api/participants/${participant.id}`);
        return detail.body.optedOut;
      },
      10_000,
      'participant opted out',
    );
    const optOuts = (await app.record(participant.id)).filter((e) => e.type === 'consent.opted_out');
    expect(optOuts).toEqual([expect.objectContaining({ data: expect.objectContaining({ code: 21610 }) })]);

    // Well past the first backoff (OUTBOUND_RETRY_BASE_MS, 250 ms in tests): a retry would have arrived by now.
    await sleep(1000);
    expect(requestsTo(app, to)).toHaveLength(1);
    const [failed] = await outboundRows(app, participant.id);
    expect(failed).toMatchObject({ status: 'failed', error_code: 21610, attempts: 1 });

    const later = await app.inbound(to, 'Hello? Is anyone there?');
    await turnApplied(app, later.sid);
    await sleep(500);
    expect(requestsTo(app, to)).toHaveLength(1);
    const rows = await outboundRows(app, participant.id);
    expect(rows.filter((r) => r.status !== 'suppressed' && r.id !== failed?.id)).toEqual([]);
    // Still kept for the key worker.
    expect((await alertsFor(app, participant.id, 'message_for_key_worker')).map((a) => a.data.text)).toContain(
      'Hello? Is anyone there?',
    );
  });

  it.each<[code: number, n: number]>([
    [21211, 405],
    [21614, 406],
  ])('%i (bad number): no retry, one high-priority undeliverable alert', async (code, n) => {
    const to = phone(n);
    const participant = await app.createParticipant(to);
    failOnceFor(app, to, { status: 400, code });

    await app.inbound(to, 'Can I change my appointment time?');

    const [alert] = await eventually(async () => {
      const found = await alertsFor(app, participant.id, 'undeliverable');
      return found.length > 0 && found;
    });
    expect(alert).toMatchObject({ priority: 'high', data: expect.objectContaining({ code }) });
    // Well past the first backoff (OUTBOUND_RETRY_BASE_MS, 250 ms in tests): a retry would have arrived by now.
    await sleep(1000);
    expect(requestsTo(app, to)).toHaveLength(1);
    expect(await alertsFor(app, participant.id, 'undeliverable')).toHaveLength(1);
    const [row] = await outboundRows(app, participant.id);
    expect(row).toMatchObject({ status: 'failed', error_code: code, attempts: 1 });
    const raised = (await app.record(participant.id)).filter((e) => e.type === 'alert.raised' && e.data.type === 'undeliverable');
    expect(raised).toHaveLength(1);
  });

  it('63016 on a WhatsApp send: the same text goes once as SMS', async () => {
    const to = phone(407);
    const participant = await app.createParticipant(to, undefined, { channel: 'whatsapp' });
    failOnceFor(app, `whatsapp:${to}`, { status: 400, code: 63016 });

    await app.inbound(to, 'Do I need to bring ID on Monday?', { whatsapp: true });

    const sms = await eventually(
      async () => {
        const found = requestsTo(app, to).filter((m) => m.response === 201);
        return found.length > 0 && found;
      },
      10_000,
      'SMS fallback',
    );
    await sleep(500);
    const whatsapp = requestsTo(app, `whatsapp:${to}`);
    expect(whatsapp.map((m) => m.response)).toEqual([400]);
    expect(requestsTo(app, to)).toHaveLength(1);
    expect(sms[0]?.form.From).toBe(BOT_SMS);
    expect(sms[0]?.form.Body).toBe(whatsapp[0]?.form.Body);

    const rows = await outboundRows(app, participant.id);
    expect(rows).toHaveLength(2);
    const original = rows.find((r) => r.channel === 'whatsapp');
    const fallback = rows.find((r) => r.channel === 'sms');
    expect(original).toMatchObject({ status: 'failed', error_code: 63016 });
    expect(fallback).toMatchObject({ status: 'accepted', fallback_of: original?.id, twilio_sid: sms[0]?.sid });
    expect(await alertsFor(app, participant.id, 'undeliverable')).toEqual([]);
  });

  it('63016 arriving later on a status callback: one SMS fallback, however often Twilio tells us', async () => {
    const to = phone(408);
    const participant = await app.createParticipant(to, undefined, { channel: 'whatsapp' });

    await app.inbound(to, 'What time does the job club start?', { whatsapp: true });
    const sent = await eventually(async () => requestsTo(app, `whatsapp:${to}`).find((m) => m.response === 201));
    await eventually(async () => (await outboundRows(app, participant.id))[0]?.status === 'accepted');

    const callback = () =>
      app.twilio.sendStatusCallback({ sid: sent.sid as string, status: 'failed', errorCode: 63016, deliverToBaseUrl: app.url });
    expect((await callback()).status).toBe(200);

    const sms = await eventually(
      async () => {
        const found = requestsTo(app, to).filter((m) => m.response === 201);
        return found.length > 0 && found;
      },
      10_000,
      'SMS fallback after the callback',
    );
    expect(sms[0]?.form.Body).toBe(sent.form.Body);
    expect(sms[0]?.form.From).toBe(BOT_SMS);

    expect((await callback()).status).toBe(200);
    await sleep(1000);
    expect(requestsTo(app, to)).toHaveLength(1);
    expect(requestsTo(app, `whatsapp:${to}`)).toHaveLength(1);
    const rows = await outboundRows(app, participant.id);
    expect(rows.map((r) => [r.channel, r.status])).toEqual([
      ['whatsapp', 'failed'],
      ['sms', 'accepted'],
    ]);
  });

  it.each<[status: string, code: number, n: number]>([
    ['undelivered', 30005, 409],
    ['failed', 21211, 410],
  ])('a status callback %s with %i raises one undeliverable alert', async (status, code, n) => {
    const to = phone(n);
    const participant = await app.createParticipant(to);

    await app.inbound(to, 'Thanks for the reminder yesterday');
    const sent = await eventually(async () => requestsTo(app, to).find((m) => m.response === 201));
    await eventually(async () => (await outboundRows(app, participant.id))[0]?.status === 'accepted');

    const callback = () => app.twilio.sendStatusCallback({ sid: sent.sid as string, status, errorCode: code, deliverToBaseUrl: app.url });
    expect((await callback()).status).toBe(200);
    expect((await callback()).status).toBe(200);

    const alerts = await eventually(async () => {
      const found = await alertsFor(app, participant.id, 'undeliverable');
      return found.length > 0 && found;
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ priority: 'high', data: expect.objectContaining({ code }) });
    const [row] = await outboundRows(app, participant.id);
    expect(row).toMatchObject({ status, error_code: code });
    // Not a send error worth retrying: nothing more went out.
    await sleep(500);
    expect(requestsTo(app, to)).toHaveLength(1);
  });

  it('a status callback failed with 21610 opts the participant out', async () => {
    const to = phone(411);
    const participant = await app.createParticipant(to);

    await app.inbound(to, 'Got your message, see you then');
    const sent = await eventually(async () => requestsTo(app, to).find((m) => m.response === 201));
    await eventually(async () => (await outboundRows(app, participant.id))[0]?.status === 'accepted');

    const callback = await app.twilio.sendStatusCallback({ sid: sent.sid as string, status: 'failed', errorCode: 21610, deliverToBaseUrl: app.url });
    expect(callback.status).toBe(200);
    await eventually(async () => (await app.api<{ optedOut: boolean }>('GET', `/api/participants/${participant.id}`)).body.optedOut);
    expect((await app.record(participant.id)).filter((e) => e.type === 'consent.opted_out')).toHaveLength(1);
    expect(await alertsFor(app, participant.id, 'undeliverable')).toEqual([]);
  });

  it('a status callback failed with 30001 (queue overflow, "send again later") is not silently lost', async () => {
    const to = phone(412);
    const participant = await app.createParticipant(to);

    await app.inbound(to, 'Can I get help with my bus fare?');
    const sent = await eventually(async () => requestsTo(app, to).find((m) => m.response === 201));
    await eventually(async () => (await outboundRows(app, participant.id))[0]?.status === 'accepted');

    const callback = await app.twilio.sendStatusCallback({ sid: sent.sid as string, status: 'failed', errorCode: 30001, deliverToBaseUrl: app.url });
    expect(callback.status).toBe(200);

    // Either the same text goes out once more, or the key worker is told it did not arrive: never neither.
    const outcome = await eventually(
      async () => {
        const resent = requestsTo(app, to).filter((m) => m.response === 201 && m.sid !== sent.sid);
        const alerts = await alertsFor(app, participant.id, 'undeliverable');
        return (resent.length > 0 || alerts.length > 0) && { resent, alerts };
      },
      8_000,
      'a resend or an undeliverable alert after 30001',
    ).catch(() => undefined);
    expect(outcome, 'message failed with 30001 was neither resent nor alerted').toBeDefined();
    if (outcome && outcome.resent.length > 0) {
      await sleep(500);
      const resent = requestsTo(app, to).filter((m) => m.response === 201 && m.sid !== sent.sid);
      expect(resent).toHaveLength(1);
      expect(resent[0]?.form.Body).toBe(sent.form.Body);
    }
  });
});

describe('outbound rate limit', () => {
  let app: TestApp;
  const phones = [420, 421, 422, 423, 424, 425].map(phone);

  beforeAll(async () => {
    app = await TestApp.start({ env: { OUTBOUND_RATE_PER_SECOND: '2' } });
  });
  afterAll(async () => app?.close());

  it('never hands Twilio more than OUTBOUND_RATE_PER_SECOND messages a second', async () => {
    for (const to of phones) await app.createParticipant(to);
    // Queue every turn first, so six replies are ready to send at once.
    await app.stopWorkers();
    for (const [i, to] of phones.entries()) await app.inbound(to, `Question number ${i + 1} about my benefits`);
    await app.startWorkers();

    const messages = await app.twilio.waitForMessages(6, 15_000);
    expect(messages.every((m) => m.response === 201)).toBe(true);
    expect(new Set(messages.map((m) => m.form.To))).toEqual(new Set(phones));
    const times = messages.map((m) => m.at.getTime()).sort((a, b) => a - b);
    // 2 a second: six sends need at least two more windows after the first.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(1800);
    // Any three consecutive sends cannot share one second (loose, for timer jitter).
    for (let i = 0; i + 2 < times.length; i += 1) expect(times[i + 2]! - times[i]!).toBeGreaterThanOrEqual(700);
  });
});
