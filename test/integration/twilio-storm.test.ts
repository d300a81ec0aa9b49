/**
 * The fake Twilio in a sustained storm: for forty replies ready at once, every first request (and up to three
 * tries of each message) is answered 429, 500 or 503, cut mid-request (before Twilio made the message, or after),
 * or left hanging until the SDK gives up. A cut or hung send is looked up in Twilio by the sweep once the safe wait
 * has passed (the clock is moved on once no request is in flight, as real time would pass): recorded when Twilio
 * made it, sent once more when it did not. After it: every message delivered to Twilio exactly once, none twice,
 * none lost or left unconfirmed, and never more requests a second than OUTBOUND_RATE_PER_SECOND.
 * Phones: +447700900800–849.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECONCILE_SAFE_WAIT_MS } from '../../domain/sending/send-reconcile.js';
import type { FakeTwilioFailure, FakeTwilioMessage } from '../fake-twilio.js';
import { readDeliveryLedger } from '../delivery-ledger.js';
import { ShiftedClock } from '../shifted-clock.js';
import { eventually, PUBLIC_BASE_URL, TestApp } from '../test-app.js';
import { postSignedForm, statusParams } from '../twilio-signer.js';

const PEOPLE = Array.from({ length: 40 }, (_, i) => `+4477009008${String(i).padStart(2, '0')}`);
const RATE_PER_SECOND = 5;
const FAILURE_KINDS: FakeTwilioFailure[] = [{ status: 429 }, { status: 500 }, { status: 503 }, 'reset', 'timeout', 'accept-then-reset'];

/** How many tries of person i's message fail (1 to 3: each is retried with backoff, well within the 8 allowed). */
const failuresFor = (i: number) => 1 + (i % 3);

/** The storm: person i's first tries fail in turn with each kind; a hanging request (10 s each) only on a first try. */
function stormFailure(i: number, attempt: number): FakeTwilioFailure | null {
  if (attempt > failuresFor(i)) return null;
  const kind = FAILURE_KINDS[(i + attempt) % FAILURE_KINDS.length] as FakeTwilioFailure;
  return kind === 'timeout' && attempt > 1 ? { status: 429 } : kind;
}

/** Person i's requests as the fake answers them: failures until one is answered 201, or made and then cut. */
function expectedResponses(i: number): Array<number | string> {
  const responses: Array<number | string> = [];
  for (let attempt = 1; ; attempt++) {
    const failure = stormFailure(i, attempt);
    if (failure === null) return [...responses, 201];
    responses.push(typeof failure === 'string' ? failure : failure.status);
    if (failure === 'accept-then-reset') return responses;
  }
}

describe('fake Twilio answering a sustained 429/500/503, reset and timeout storm', () => {
  let app: TestApp;
  const posted: string[] = [];
  const clock = new ShiftedClock();

  beforeAll(async () => {
    // Held requests are cut after 2 s rather than the default 10 s: the same path, shorter waits.
    app = await TestApp.start({ clock, env: { OUTBOUND_RATE_PER_SECOND: String(RATE_PER_SECOND), TWILIO_REQUEST_TIMEOUT_MS: '2000' } });
    app.twilio.setClock(() => clock.now());
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
    // has yet to record the sid, which a ledger read at that moment would count as interrupted). Whenever the only
    // replies left are cut ones whose calls have ended, and no request is open, the safe wait is let pass.
    let safeWaits = 0;
    await eventually(
      async () => {
        const l = await readDeliveryLedger(app.db, posted, app.twilio.accepted);
        const inFlight = (l.outboundByStatus.queued ?? 0) + (l.outboundByStatus.sending ?? 0);
        if (l.lostInbound.length === 0 && app.twilio.accepted.length >= PEOPLE.length && inFlight === 0) return true;
        const rows = await app.db.selectFrom('messages').select(['status', 'twilio_sid', 'error_message']).where('direction', '=', 'outbound').execute();
        const cut = rows.filter((r) => r.status === 'sending' && r.twilio_sid === null);
        const callsEnded = cut.every((r) => r.error_message?.startsWith('No answer from Twilio'));
        const waiting = rows.filter((r) => r.status === 'queued').length;
        if (cut.length > 0 && callsEnded && waiting === 0 && app.twilio.openRequests === 0 && l.lostInbound.length === 0) {
          clock.advance(RECONCILE_SAFE_WAIT_MS);
          safeWaits++;
        }
        return false;
      },
      120_000,
      'every reply through the storm',
    );
    expect(safeWaits).toBeGreaterThan(0);
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
      const expected = expectedResponses(i);
      expect(requests.map((m) => m.response), phone).toEqual(expected);
      const row = rows.find((r) => r.phone === phone);
      // Answered 201: `accepted`; made and then cut: found in Twilio's list, where the fake shows it `sent`.
      expect(row?.status).toBe(expected.at(-1) === 201 ? 'accepted' : 'sent');
      expect(row?.attempts).toBe(expected.length);
      expect(row?.twilio_sid).toBe(requests.at(-1)?.sid);
    }
    // Every kind of cut happened: before Twilio made the message (resent), after (recorded), and hanging.
    const responses = app.twilio.messages.map((m) => m.response);
    for (const kind of ['reset', 'accept-then-reset', 'timeout']) expect(responses).toContain(kind);
    expect(app.twilio.listRequests.length).toBeGreaterThan(0);
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
