import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeTwilioMessage } from '../fake-twilio.js';
import { eventually, TestApp } from '../test-app.js';

// Phones for this file: +447700900450–499.
const phone = (n: number) => `+447700900${n}`;

type Alert = { id: string; participantId: string; type: string; priority: string; data: Record<string, unknown> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the fake Twilio received for one person, on either channel, in arrival order. */
function sentTo(app: TestApp, to: string): FakeTwilioMessage[] {
  return app.twilio.messages.filter((m) => m.form.To === to || m.form.To === `whatsapp:${to}`);
}

const bodies = (messages: FakeTwilioMessage[]) => messages.map((m) => String(m.form.Body));

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

/** Sends a text and waits until its turn is done and anything it queued has had time to reach Twilio. */
async function textAndSettle(app: TestApp, from: string, body: string, options: { whatsapp?: boolean } = {}) {
  const { sid } = await app.inbound(from, body, options);
  await turnApplied(app, sid);
  await eventually(
    async () => {
      const pending = await app.db
        .selectFrom('messages')
        .select('id')
        .where('phone', '=', from)
        .where('direction', '=', 'outbound')
        .where('status', 'in', ['queued', 'sending'])
        .execute();
      return pending.length === 0;
    },
    10_000,
    `sends for ${from} settled`,
  );
  return sid;
}

async function optedOut(app: TestApp, participantId: string): Promise<boolean> {
  const detail = await app.api<{ optedOut: boolean }>('GET', `/api/participants/${participantId}`);
  return detail.body.optedOut;
}

async function eventTypes(app: TestApp, participantId: string, type: string) {
  return (await app.record(participantId)).filter((e) => e.type === type);
}

describe('opt-out, help and safeguarding, end to end', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(async () => app?.close());

  it.each<[says: string, n: number, keyword: string]>([
    ['STOP', 450, 'STOP'],
    ['stop', 451, 'STOP'],
    ['Stop.', 452, 'STOP'],
    ['STOPALL', 453, 'STOPALL'],
    ['UNSUBSCRIBE', 454, 'UNSUBSCRIBE'],
    ['CANCEL', 455, 'CANCEL'],
    ['End', 456, 'END'],
    ['quit', 457, 'QUIT'],
  ])('%j → one confirmation, consent.opted_out, then silence', async (says, n, keyword) => {
    const to = phone(n);
    const participant = await app.createParticipant(to);

    await textAndSettle(app, to, says);
    const confirmation = await eventually(async () => sentTo(app, to).find((m) => m.response === 201));
    expect(String(confirmation.form.Body)).toMatch(/not get any more messages/i);
    expect(String(confirmation.form.Body)).toMatch(/START/);
    expect(await optedOut(app, participant.id)).toBe(true);
    expect(await eventTypes(app, participant.id, 'consent.opted_out')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ keyword }) }),
    ]);

    // A second STOP and free text get nothing.
    await textAndSettle(app, to, says);
    await textAndSettle(app, to, 'Why have the texts stopped?');
    await sleep(300);
    expect(sentTo(app, to)).toHaveLength(1);
    expect(await eventTypes(app, participant.id, 'consent.opted_out')).toHaveLength(1);
  });

  it('STOP on WhatsApp stops SMS too: one opt-out for the person', async () => {
    const to = phone(460);
    const participant = await app.createParticipant(to);

    await textAndSettle(app, to, 'STOP', { whatsapp: true });
    const [confirmation] = sentTo(app, to);
    expect(confirmation?.form.To).toBe(`whatsapp:${to}`);
    expect(await optedOut(app, participant.id)).toBe(true);

    await textAndSettle(app, to, 'Is the bus pass ready?');
    await textAndSettle(app, to, 'hello?', { whatsapp: true });
    await sleep(300);
    expect(sentTo(app, to)).toHaveLength(1);
  });

  it('START brings them back with a reply; free text is answered again', async () => {
    const to = phone(461);
    const participant = await app.createParticipant(to);

    await textAndSettle(app, to, 'STOP');
    await textAndSettle(app, to, 'START');
    expect(await optedOut(app, participant.id)).toBe(false);
    expect(await eventTypes(app, participant.id, 'consent.opted_in')).toHaveLength(1);
    const afterStart = sentTo(app, to);
    expect(afterStart).toHaveLength(2);
    expect(String(afterStart[1]?.form.Body)).toMatch(/signed up for messages/i);

    await textAndSettle(app, to, 'Can I bring my CV in on Friday?');
    const all = await eventually(async () => sentTo(app, to).length === 3 && sentTo(app, to));
    expect(String(all[2]?.form.Body)).toMatch(/passed it to your key worker/i);
  });

  it('HELP after opting out is still answered', async () => {
    const to = phone(462);
    const participant = await app.createParticipant(to);

    await textAndSettle(app, to, 'STOP');
    await textAndSettle(app, to, 'HELP');
    expect(await optedOut(app, participant.id)).toBe(true);
    const sent = sentTo(app, to);
    expect(sent).toHaveLength(2);
    expect(String(sent[1]?.form.Body)).toMatch(/key worker/i);
    expect(String(sent[1]?.form.Body)).toMatch(/Text STOP/);
  });

  it('a risk disclosure gets crisis signposting and an urgent safeguarding alert at the top, above an earlier free-text alert', async () => {
    const to = phone(470);
    const participant = await app.createParticipant(to);

    await textAndSettle(app, to, 'Can I move my appointment to Thursday?');
    const before = await app.api<Alert[]>('GET', `/api/alerts?status=open&participantId=${participant.id}`);
    expect(before.body.map((a) => a.type)).toEqual(['message_for_key_worker']);

    await textAndSettle(app, to, 'I want to kill myself');
    const sent = sentTo(app, to);
    expect(sent).toHaveLength(2);
    const crisis = String(sent[1]?.form.Body);
    expect(crisis).toMatch(/Samaritans/);
    expect(crisis).toContain('116 123');

    const alerts = await app.api<Alert[]>('GET', '/api/alerts?status=open');
    expect(alerts.body[0]).toMatchObject({ participantId: participant.id, type: 'safeguarding', priority: 'urgent' });
    const mine = alerts.body.filter((a) => a.participantId === participant.id);
    expect(mine.map((a) => [a.type, a.priority])).toEqual([
      ['safeguarding', 'urgent'],
      ['message_for_key_worker', 'normal'],
    ]);
  });

  it('someone who opted out still gets crisis signposting and their key worker an urgent alert', async () => {
    const to = phone(471);
    const participant = await app.createParticipant(to);

    await textAndSettle(app, to, 'STOP');
    await textAndSettle(app, to, "I don't want to be here any more");
    const sent = sentTo(app, to);
    expect(sent).toHaveLength(2);
    expect(String(sent[1]?.form.Body)).toContain('116 123');
    const alerts = await app.api<Alert[]>('GET', `/api/alerts?status=open&participantId=${participant.id}`);
    expect(alerts.body[0]).toMatchObject({ type: 'safeguarding', priority: 'urgent' });
  });

  it('STOP racing a queued reply: nothing reaches them after the confirmation', async () => {
    const to = phone(480);
    const participant = await app.createParticipant(to);

    await app.stopWorkers();
    const freeText = await app.inbound(to, 'Can you send me the address again?');
    const stop = await app.inbound(to, 'STOP');
    await app.startWorkers();

    await turnApplied(app, freeText.sid);
    await turnApplied(app, stop.sid);
    await textAndSettle(app, to, 'And what about my travel claim?');
    await sleep(500);

    expect(await optedOut(app, participant.id)).toBe(true);
    const sent = sentTo(app, to);
    const confirmationAt = sent.findIndex((m) => /not get any more messages/i.test(String(m.form.Body)));
    expect(confirmationAt, `sent: ${JSON.stringify(bodies(sent))}`).toBeGreaterThanOrEqual(0);
    // The free-text reply is either suppressed or went out before the confirmation; nothing follows it.
    expect(sent.slice(confirmationAt + 1)).toEqual([]);
    expect(sent.filter((m) => /not get any more messages/i.test(String(m.form.Body)))).toHaveLength(1);
    const rows = await app.db
      .selectFrom('messages')
      .select(['body', 'status', 'kind'])
      .where('participant_id', '=', participant.id)
      .where('direction', '=', 'outbound')
      .execute();
    expect(rows.filter((r) => r.kind !== 'opt_out_confirmation' && r.status !== 'suppressed')).toHaveLength(confirmationAt);
  });
});
