/**
 * The fake Twilio in a sustained storm: for forty replies ready at once, every first request (and up to three
 * tries of each message) is answered 429, 500 or 503, cut mid-request, or left hanging until the SDK gives up.
 * After it: every message sent exactly once, none twice, none given up, and never more requests a second than
 * OUTBOUND_RATE_PER_SECOND. Phones: +447700900800–849.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeTwilioFailure, FakeTwilioMessage } from '../fake-twilio.js';
import { readDeliveryLedger } from '../delivery-ledger.js';
import { eventually, PUBLIC_BASE_URL, TestApp } from '../test-app.js';
import { postSignedForm, statusParams } from '../twilio-signer.js';

const PEOPLE = Array.from({ length: 40 }, (_, i) => `+4477009008${String(i).padStart(2, '0')}`);
const RATE_PER_SECOND = 5;
const FAILURE_KINDS: FakeTwilioFailure[] = [{ status: 429 }, { status: 500 }, { status: 503 }, 'reset', 'timeout'];

/** How many tries of person i's message fail (1 to 3: each is retried with backoff, well within the 8 allowed). */
const failuresFor = (i: number) => 1 + (i % 3);

/** The storm: person i's first tries fail in turn with each kind; a hanging request (10 s each) only on a first try. */
function stormFailure(i: number, attempt: number): FakeTwilioFailure | null {
  if (attempt > failuresFor(i)) return null;
  const kind = FAILURE_KINDS[(i + attempt) % FAILURE_KINDS.length] as FakeTwilioFailure;
  return kind === 'timeout' && attempt > 1 ? { status: 429 } : kind;
}

describe('fake Twilio answering a sustained 429/500/503, reset and timeout storm', () => {
  let app: TestApp;
  const posted: string[] = [];

  beforeAll(async () => {
    app = await TestApp.start({ env: { OUTBOUND_RATE_PER_SECOND: String(RATE_PER_SECOND) } });
    for (const phone of PEOPLE) await app.createParticipant(phone);
  }, 60_000);
  afterAll(async () => {
    app?.twilio.failWith(null);
    await app?.close();
  });

  it('every message ends sent exactly once, nothing twice, and the outbound rate limit holds throughout', async () => {
    const tries = new Map<string, number>();
    app.twilio.failWith((message: FakeTwilioMessage) => {
      const to = String(message.form.To);
      const attempt = (tries.get(to) ?? 0) + 1;
      tries.set(to, attempt);
      return stormFailure(PEOPLE.indexOf(to), attempt);
    });
    // Forty turns queued before the workers start, so forty replies are ready to go at once.
    await app.stopWorkers();
    for (const [i, from] of PEOPLE.entries()) {
      const { response, sid } = await app.inbound(from, `Message ${i}: can I bring my little one to the appointment?`);
      expect(response.status).toBe(200);
      posted.push(sid);
    }
    await app.startWorkers();

    // Settled: no reply waiting (`queued`) or in flight (`sending`: Twilio may have answered 201 while the worker
    // has yet to record the sid, which a ledger read at that moment would count as interrupted).
    await eventually(
      async () => {
        const l = await readDeliveryLedger(app.db, posted, app.twilio.accepted);
        const inFlight = (l.outboundByStatus.queued ?? 0) + (l.outboundByStatus.sending ?? 0);
        return l.lostInbound.length === 0 && app.twilio.accepted.length >= PEOPLE.length && inFlight === 0;
      },
      120_000,
      'every reply through the storm',
    );
    // Give a duplicate (a retry of something already sent) time to show itself, then count everything again.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const ledger = await readDeliveryLedger(app.db, posted, app.twilio.accepted);

    expect([...ledger.repliesPerInbound.values()].every((n) => n === 1)).toBe(true);
    expect(ledger.duplicatedOutbound).toBe(0);
    expect(ledger.lostOutbound).toBe(0);
    expect(ledger.interruptedOutbound).toBe(0);
    expect(ledger.eventProblems).toEqual([]);
    expect(app.twilio.accepted).toHaveLength(PEOPLE.length);

    const rows = await app.db.selectFrom('messages').select(['phone', 'status', 'attempts', 'twilio_sid']).where('direction', '=', 'outbound').execute();
    expect(rows).toHaveLength(PEOPLE.length);
    for (const [i, phone] of PEOPLE.entries()) {
      const requests = app.twilio.messages.filter((m) => m.form.To === phone);
      const expected = [...Array.from({ length: failuresFor(i) }, (_, k) => stormFailure(i, k + 1)), null].map((f) =>
        f === null ? 201 : typeof f === 'string' ? f : f.status,
      );
      expect(requests.map((m) => m.response), phone).toEqual(expected);
      const row = rows.find((r) => r.phone === phone);
      expect(row?.status).toBe('accepted');
      expect(row?.attempts).toBe(failuresFor(i) + 1);
      expect(row?.twilio_sid).toBe(requests.at(-1)?.sid);
    }
    const undeliverable = await app.db.selectFrom('alerts').select('id').where('type', '=', 'undeliverable').execute();
    expect(undeliverable).toEqual([]);

    // Every request counts against the limit, failed ones too: no RATE + 1 of them inside one second (less timer jitter).
    const times = app.twilio.messages.map((m) => m.at.getTime()).sort((a, b) => a - b);
    expect(times.length).toBeGreaterThan(PEOPLE.length * 2);
    for (let i = 0; i + RATE_PER_SECOND < times.length; i++) {
      expect((times[i + RATE_PER_SECOND] as number) - (times[i] as number)).toBeGreaterThanOrEqual(750);
    }
  }, 150_000);
});

describe('a status callback of Twilio’s own "sending"', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(async () => app?.close());

  it('is not mistaken by the sweep for a send we interrupted, and later statuses still arrive', async () => {
    const phone = '+447700900849';
    const participant = await app.createParticipant(phone);
    await app.inbound(phone, 'Do I need to bring my passport?');
    const [sent] = await app.twilio.waitForMessages(1, 15_000);
    const row = await eventually(
      async () => app.db.selectFrom('messages').selectAll().where('participant_id', '=', participant.id).where('direction', '=', 'outbound').where('status', '=', 'accepted').executeTakeFirst(),
      10_000,
      'the reply accepted',
    );
    const callback = (status: string) =>
      postSignedForm(app.url, PUBLIC_BASE_URL, '/twilio/status', statusParams({ sid: sent?.sid as string, status, to: phone }), app.twilio.authToken);
    expect((await callback('sending')).status).toBe(200);
    // Long after it said "sending" (the carrier is slow), the sweep runs.
    await app.db.updateTable('messages').set({ updated_at: new Date(Date.now() - 10 * 60_000) }).where('id', '=', row.id).execute();
    await app.workers?.sweep.execute();
    const swept = await app.db.selectFrom('messages').select(['status', 'error_message']).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(swept.status).toBe('sending');
    expect((await callback('delivered')).status).toBe(200);
    const delivered = await app.db.selectFrom('messages').select('status').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(delivered.status).toBe('delivered');
  });
});
