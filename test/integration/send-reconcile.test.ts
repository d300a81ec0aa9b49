/**
 * Sends cut mid-call, end to end through the real SDK and the fake Twilio: the outbound worker leaves a send it
 * never heard back about `sending`; the sweep looks it up in Twilio's list once the safe wait has passed (a moved
 * clock, not a real wait) and records it, sends it exactly once more, or looks again at the next sweep.
 * Phones: +447700900860–869.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RECONCILE_SAFE_WAIT_MS } from '../../domain/sending/send-reconcile.js';
import type { MessageRow } from '../../store/schema.js';
import { ShiftedClock } from '../shifted-clock.js';
import { eventually, TestApp } from '../test-app.js';

describe('a send cut mid-call', () => {
  const clock = new ShiftedClock();
  let app: TestApp;
  let phoneIndex = 0;

  beforeAll(async () => {
    // The sweep runs only when a test says so: each step below is one sweep.
    app = await TestApp.start({ clock, env: { SWEEP_INTERVAL_MS: '3600000' } });
    app.twilio.setClock(() => clock.now());
  }, 60_000);
  afterAll(async () => app?.close());
  beforeEach(() => app.twilio.reset());

  const sweep = async () => {
    const workers = app.workers;
    if (!workers) throw new Error('no workers');
    return workers.sweep.execute();
  };
  const outboundTo = (participantId: string) =>
    app.db.selectFrom('messages').selectAll().where('participant_id', '=', participantId).where('direction', '=', 'outbound').execute();
  const requestsTo = (phone: string) => app.twilio.messages.filter((m) => m.form.To === phone);

  /** A participant texts in; the reply's send is cut as told; returns once the worker has left the reply `sending`. */
  async function replyCut(cut: 'accept-then-reset' | 'queue-then-reset' | 'reset' | 'timeout'): Promise<{ participantId: string; phone: string; row: MessageRow }> {
    const phone = `+4477009008${60 + phoneIndex++}`;
    const participant = await app.createParticipant(phone);
    app.twilio.failNext(1, cut);
    await app.inbound(phone, 'What time is my appointment on Thursday?');
    const row = await eventually(
      async () => (await outboundTo(participant.id)).find((m) => m.status === 'sending' && m.error_message?.startsWith('No answer from Twilio')),
      30_000,
      'the reply left sending by a cut call',
    );
    return { participantId: participant.id, phone, row };
  }

  it('is left alone while its original request could still land', async () => {
    const { row } = await replyCut('reset');
    clock.advance(RECONCILE_SAFE_WAIT_MS - 5_000);
    const report = await sweep();
    expect(report.cutSendsFound + report.cutSendsResent + report.cutSendLookupsFailed + report.unconfirmed).toBe(0);
    expect(app.twilio.listRequests).toEqual([]);
    const after = await app.db.selectFrom('messages').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'sending', twilio_sid: null });
    // Then it is reconciled like any other (Twilio never made it: sent once more).
    clock.advance(5_000);
    expect((await sweep()).cutSendsResent).toBe(1);
    await eventually(async () => app.twilio.accepted.length === 1, 15_000, 'the resend');
  }, 60_000);

  it('Twilio made it before the cut: recorded with its sid and status, one case-record event, never sent again', async () => {
    const { participantId, phone, row } = await replyCut('accept-then-reset');
    expect(app.twilio.accepted).toHaveLength(1);
    const made = app.twilio.accepted[0];

    clock.advance(RECONCILE_SAFE_WAIT_MS);
    const report = await sweep();
    expect(report).toMatchObject({ cutSendsFound: 1, cutSendsResent: 0, unconfirmed: 0 });
    const [lookup] = app.twilio.listRequests;
    expect(lookup?.query.To).toBe(phone);
    expect(lookup?.query['DateSent>']).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);

    const recorded = await app.db.selectFrom('messages').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(recorded).toMatchObject({ status: 'sent', twilio_sid: made?.sid, attempts: 1, reconcile_resends: 0 });
    const events = (await app.record(participantId)).filter((e) => e.type === 'message.outbound');
    expect(events).toHaveLength(1);
    expect(events[0]?.data.messageId).toBe(row.id);

    // Later sweeps, and the worker's queue, leave it be.
    clock.advance(RECONCILE_SAFE_WAIT_MS);
    expect((await sweep()).cutSendsFound).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(requestsTo(phone)).toHaveLength(1);
    expect((await app.record(participantId)).filter((e) => e.type === 'message.outbound')).toHaveLength(1);
  }, 60_000);

  it('Twilio made it but still holds it unsent (no DateSent): found by the undated lookup, never sent again', async () => {
    const { phone, row } = await replyCut('queue-then-reset');
    expect(app.twilio.accepted).toHaveLength(1);

    clock.advance(RECONCILE_SAFE_WAIT_MS);
    expect(await sweep()).toMatchObject({ cutSendsFound: 1, cutSendsResent: 0, unconfirmed: 0 });
    expect(app.twilio.listRequests.map((r) => r.query['DateSent>'] === undefined)).toEqual([false, true]);
    const recorded = await app.db.selectFrom('messages').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(recorded).toMatchObject({ twilio_sid: app.twilio.accepted[0]?.sid, reconcile_resends: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(requestsTo(phone)).toHaveLength(1);
  }, 60_000);

  it('Twilio never made it: sent exactly once more, even with two sweeps at once', async () => {
    const { participantId, phone, row } = await replyCut('reset');
    expect(app.twilio.accepted).toEqual([]);

    clock.advance(RECONCILE_SAFE_WAIT_MS);
    const reports = await Promise.all([sweep(), sweep()]);
    expect(reports.reduce((n, r) => n + r.cutSendsResent, 0)).toBe(1);
    const resent = await eventually(
      async () => (await app.db.selectFrom('messages').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()).twilio_sid !== null &&
        app.db.selectFrom('messages').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow(),
      15_000,
      'the resend recorded',
    );
    expect(resent).toMatchObject({ status: 'accepted', attempts: 2, reconcile_resends: 1 });
    expect(requestsTo(phone).map((m) => m.response)).toEqual(['reset', 201]);
    expect(resent.twilio_sid).toBe(app.twilio.accepted[0]?.sid);
    expect((await app.record(participantId)).filter((e) => e.type === 'message.outbound')).toHaveLength(1);

    clock.advance(RECONCILE_SAFE_WAIT_MS);
    await sweep();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(requestsTo(phone)).toHaveLength(2);
  }, 60_000);

  it('a resend that is cut too and that Twilio does not have is given up, never sent a third time', async () => {
    const { phone, row } = await replyCut('timeout');
    app.twilio.failNext(1, 'reset');
    clock.advance(RECONCILE_SAFE_WAIT_MS);
    expect((await sweep()).cutSendsResent).toBe(1);
    await eventually(
      async () => {
        const m = await app.db.selectFrom('messages').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
        return m.status === 'sending' && m.attempts === 2 && m.error_message?.startsWith('No answer from Twilio');
      },
      15_000,
      'the resend cut too',
    );
    clock.advance(RECONCILE_SAFE_WAIT_MS);
    expect((await sweep()).unconfirmed).toBe(1);
    const given = await app.db.selectFrom('messages').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(given.status).toBe('unconfirmed');
    expect(given.error_message).toContain('not sent again');
    expect(requestsTo(phone).map((m) => m.response)).toEqual(['timeout', 'reset']);
  }, 60_000);

  it('a failed lookup (Twilio away) is tried again at the next sweep', async () => {
    const { phone, row } = await replyCut('accept-then-reset');
    app.twilio.failListNext(1, { status: 503 });
    clock.advance(RECONCILE_SAFE_WAIT_MS);

    expect(await sweep()).toMatchObject({ cutSendLookupsFailed: 1, cutSendsFound: 0, cutSendsResent: 0 });
    const waiting = await app.db.selectFrom('messages').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ status: 'sending', twilio_sid: null, reconcile_lookups: 1 });
    expect(waiting.error_message).toContain('will look again');

    expect(await sweep()).toMatchObject({ cutSendLookupsFailed: 0, cutSendsFound: 1 });
    // The dated lookup failed, so the undated one was not tried; the next sweep makes both.
    expect(app.twilio.listRequests.map((r) => r.response)).toEqual([503, 200, 200]);
    const recorded = await app.db.selectFrom('messages').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(recorded).toMatchObject({ status: 'sent', twilio_sid: app.twilio.accepted[0]?.sid });
    expect(requestsTo(phone)).toHaveLength(1);
  }, 60_000);

  it('Twilio made it and it failed, told while we had no sid: the failure counts as the callback would have (an undeliverable alert)', async () => {
    const { participantId, row } = await replyCut('accept-then-reset');
    const sid = app.twilio.accepted[0]?.sid as string;
    const callback = await app.twilio.sendStatusCallback({ sid, status: 'undelivered', errorCode: 30003, deliverToBaseUrl: app.url });
    expect(await callback.text()).toMatch(/unknown/);

    clock.advance(RECONCILE_SAFE_WAIT_MS);
    expect(await sweep()).toMatchObject({ cutSendsFound: 1, cutSendsResent: 0 });
    const recorded = await app.db.selectFrom('messages').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(recorded).toMatchObject({ status: 'undelivered', twilio_sid: sid, error_code: 30003 });
    const alerts = await app.db.selectFrom('alerts').selectAll().where('participant_id', '=', participantId).where('type', '=', 'undeliverable').execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.data).toMatchObject({ messageId: row.id, code: 30003 });

    // A later sweep, or the same failure told again, raises nothing more.
    clock.advance(RECONCILE_SAFE_WAIT_MS);
    await sweep();
    await app.twilio.sendStatusCallback({ sid, status: 'undelivered', errorCode: 30003, deliverToBaseUrl: app.url });
    expect(await app.db.selectFrom('alerts').select('id').where('participant_id', '=', participantId).where('type', '=', 'undeliverable').execute()).toHaveLength(1);
  }, 60_000);

  it('counts what reconciling did on /metrics', async () => {
    const metrics = await fetch(`${app.url}/metrics`, { headers: { Authorization: 'Bearer test-admin-token-0123456789abcdef' } });
    const text = await metrics.text();
    expect(text).toMatch(/engagement_send_reconciles_total\{outcome="found"\} [1-9]/);
    expect(text).toMatch(/engagement_send_reconciles_total\{outcome="resent"\} [1-9]/);
    expect(text).toMatch(/engagement_send_reconciles_total\{outcome="lookup_failed"\} [1-9]/);
    expect(text).toMatch(/engagement_send_reconciles_total\{outcome="given_up"\} [1-9]/);
  });
});
