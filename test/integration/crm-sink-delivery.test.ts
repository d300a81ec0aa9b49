import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendEvents, expectLaneOrder, nothingPending, owed } from '../crm-sink-lanes.js';
import { CrmReceiver } from '../crm-receiver.js';
import { eventually, TestApp } from '../test-app.js';

const SECRET = 'crm-test-secret-0123456789abcdef';

describe("case records flow to the programme's CRM", () => {
  let app: TestApp;
  let receiver: CrmReceiver;

  beforeAll(async () => {
    receiver = await new CrmReceiver(SECRET).start();
    app = await TestApp.start({ env: { CRM_SINK_RETRY_BASE_MS: '20', CRM_SINK_RETRY_MAX_MS: '200', CRM_SINK_TIMEOUT_MS: '2000' } });
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.stop();
  });
  beforeEach(() => {
    receiver.answer = () => 200;
  });

  it('only admins may set, read or pull: others get 403, no token 401', async () => {
    const kw = await app.createStaff('key_worker', 'Priya');
    const team = await app.createStaff('in_work_team', 'Ola');
    const sink = { url: receiver.url, secret: SECRET, enabled: true };
    for (const token of [kw.token, team.token]) {
      expect((await app.api('PUT', '/api/integrations/case-record-sink', sink, token)).status).toBe(403);
      expect((await app.api('GET', '/api/integrations/case-record-sink', undefined, token)).status).toBe(403);
      expect((await app.api('GET', '/api/integrations/case-record-sink/failures', undefined, token)).status).toBe(403);
      expect((await app.api('POST', '/api/integrations/case-record-sink/failures/replay', {}, token)).status).toBe(403);
      const pulled = await app.api<{ error: { code: string } }>('GET', '/api/events', undefined, token);
      expect(pulled.status).toBe(403);
      expect(pulled.body.error.code).toBe('forbidden');
    }
    expect((await app.api('GET', '/api/events', undefined, '')).status).toBe(401);
    expect((await app.api('GET', '/api/integrations/case-record-sink', undefined, '')).status).toBe(401);
  });

  it('refuses a sink without https, or without a secret the first time; shows it without the secret', async () => {
    expect((await app.api('GET', '/api/integrations/case-record-sink')).status).toBe(404);
    const plainHttp = await app.api<{ error: { details: { fields: Array<{ path: string }> } } }>('PUT', '/api/integrations/case-record-sink', {
      url: 'http://crm.example.org/hooks',
      secret: SECRET,
      enabled: true,
    });
    expect(plainHttp.status).toBe(400);
    expect(plainHttp.body.error.details.fields.map((f) => f.path)).toEqual(['url']);
    const noSecret = await app.api<{ error: { details: { fields: Array<{ path: string }> } } }>('PUT', '/api/integrations/case-record-sink', {
      url: receiver.url,
      enabled: true,
    });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.error.details.fields.map((f) => f.path)).toEqual(['secret']);
    expect((await app.api('PUT', '/api/integrations/case-record-sink', { url: receiver.url, secret: 'short', enabled: true })).status).toBe(400);
  });

  it('delivers every event written after the sink is set, once each, signed, with its id as Idempotency-Key', async () => {
    const before = await app.createParticipant('07700 900701');
    const saved = await app.api<Record<string, unknown>>('PUT', '/api/integrations/case-record-sink', { url: receiver.url, secret: SECRET, enabled: true });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ url: receiver.url, eventTypes: null, enabled: true, secretConfigured: true });
    const shown = await app.api('GET', '/api/integrations/case-record-sink');
    expect(JSON.stringify(shown.body)).not.toContain(SECRET);
    expect(JSON.stringify(saved.body)).not.toContain(SECRET);

    // Events from the API, from the webhook's raw SQL batch insert and its conversation, and from direct appends.
    const sam = await app.createParticipant('07700 900702');
    const kit = await app.createParticipant('07700 900703');
    const booked = await app.api('POST', `/api/participants/${sam.id}/appointments`, {
      startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      title: 'Review',
      mandatory: false,
    });
    expect(booked.status).toBe(201);
    await app.inbound('+447700900703', 'HELP');
    await appendEvents(app, [sam.id, kit.id, before.id], 5, 'once');
    await eventually(async () => (await app.record(kit.id)).some((e) => e.type === 'message.outbound'), 15_000, 'the HELP reply');
    await eventually(() => nothingPending(app), 15_000, 'every delivery made');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const lanes = await owed(app);
    const owedIds = [...lanes.values()].flat();
    const events = await app.db.selectFrom('case_record_events').selectAll().where('id', 'in', owedIds).execute();
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['participant.created', 'appointment.created', 'message.inbound', 'message.outbound', 'checkin.response']),
    );
    // Not what came before the sink: the participant created first.
    const earlier = await app.db.selectFrom('case_record_events').select('id').where('participant_id', '=', before.id).where('type', '=', 'participant.created').executeTakeFirstOrThrow();
    expect(owedIds).not.toContain(earlier.id);

    expect(receiver.deliveries.map((d) => d.payload.id).sort()).toEqual([...owedIds].sort());
    expectLaneOrder(receiver.deliveries, lanes);
    const nowSeconds = Date.now() / 1000;
    for (const delivery of receiver.deliveries) {
      expect(delivery.signatureValid, `signature of ${delivery.payload.id}`).toBe(true);
      expect(Math.abs(delivery.signedAt - nowSeconds)).toBeLessThan(120);
      expect(delivery.idempotencyKey).toBe(delivery.payload.id);
      expect(delivery.path).toBe('/case-records');
      const row = events.find((e) => e.id === delivery.payload.id);
      expect(delivery.payload).toEqual({
        id: row?.id,
        type: row?.type,
        at: row?.at.toISOString(),
        participantId: row?.participant_id,
        ...(row?.appointment_id && { appointmentId: row.appointment_id }),
        data: row?.data,
      });
    }
    const inbound = receiver.deliveries.find((d) => d.payload.type === 'message.inbound');
    expect(inbound?.payload.data).toMatchObject({ body: 'HELP', channel: 'sms' });
  });

  it('a receiver answering 500 for a while, then 200, gets every event, once accepted, in order per person', async () => {
    receiver.deliveries.length = 0;
    // Failing for two seconds from the first attempt (not from here: on a busy machine the set-up below can outlast
    // the window) and until each person's head has been refused three times, which the test then checks happened.
    let failingUntil: number | undefined;
    const refusals = new Map<string, number>();
    receiver.answer = (delivery) => {
      failingUntil ??= Date.now() + 2000;
      const refused = refusals.get(delivery.payload.participantId) ?? 0;
      if (Date.now() >= failingUntil && refused >= 3) return 200;
      refusals.set(delivery.payload.participantId, refused + 1);
      return 500;
    };
    const people = [await app.createParticipant('07700 900711'), await app.createParticipant('07700 900712'), await app.createParticipant('07700 900713')];
    await appendEvents(app, people.map((p) => p.id), 8, 'flaky');
    await eventually(() => nothingPending(app), 20_000, 'every delivery made');

    const lanes = await owed(app);
    const mine = new Map([...lanes].filter(([participantId]) => people.some((p) => p.id === participantId)));
    expect(mine.size).toBe(3);
    // Every event of theirs is owed (they were added after the sink was set), at least the 8 appended each.
    const theirEvents = await app.db.selectFrom('case_record_events').select('id').where('participant_id', 'in', people.map((p) => p.id)).execute();
    expect([...mine.values()].flat().sort()).toEqual(theirEvents.map((e) => e.id).sort());
    for (const lane of mine.values()) expect(lane.length).toBeGreaterThanOrEqual(9);
    // It really failed for a while, and each person's head was retried more than once meanwhile.
    const refused = receiver.deliveries.filter((d) => d.answer === 500);
    for (const person of people) expect(refused.filter((d) => d.payload.participantId === person.id).length).toBeGreaterThan(2);
    expectLaneOrder(receiver.deliveries, mine);
    // Each event accepted exactly once.
    const accepted = receiver.accepted().map((d) => d.payload.id);
    expect(new Set(accepted).size).toBe(accepted.length);
    const attempts = await app.db
      .selectFrom('case_record_deliveries')
      .select(['event_id', 'attempts', 'status', 'first_failed_at'])
      .where('participant_id', 'in', people.map((p) => p.id))
      .execute();
    expect(attempts.every((a) => a.status === 'delivered')).toBe(true);
    expect(attempts.some((a) => a.attempts > 2 && a.first_failed_at !== null)).toBe(true);
  });

  it('erasure is delivered, and nothing personal leaves in any delivery after it; a disabled sink waits', async () => {
    const sink = { url: receiver.url, secret: SECRET };
    // The CRM is down while Jo texts: those events are still owed when Jo is erased.
    receiver.answer = () => 503;
    const jo = await app.createParticipant('07700 900721', undefined, { firstName: 'Joanna' });
    await app.inbound('+447700900721', 'My landlord at 12 Acacia Road says I must leave');
    await eventually(async () => (await app.record(jo.id)).some((e) => e.type === 'message.inbound'), 10_000);
    await eventually(async () => receiver.deliveries.some((d) => d.payload.participantId === jo.id), 10_000, 'a refused try');

    // Paused: nothing more is tried (a try already on its way finishes first).
    expect((await app.api('PUT', '/api/integrations/case-record-sink', { ...sink, enabled: false })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const whilePaused = receiver.deliveries.length;
    expect((await app.api('DELETE', `/api/participants/${jo.id}`)).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(receiver.deliveries.length).toBe(whilePaused);
    const shown = await app.api<{ enabled: boolean; backlog: { pending: number } }>('GET', '/api/integrations/case-record-sink');
    expect(shown.body.enabled).toBe(false);
    expect(shown.body.backlog.pending).toBeGreaterThan(2);

    receiver.answer = () => 200;
    expect((await app.api('PUT', '/api/integrations/case-record-sink', { ...sink, enabled: true })).status).toBe(200);
    await eventually(() => nothingPending(app), 20_000, 'every delivery made');

    const lane = (await owed(app)).get(jo.id) ?? [];
    const accepted = receiver.accepted().filter((d) => d.payload.participantId === jo.id);
    expect(accepted.map((d) => d.payload.id)).toEqual(lane);
    expect(accepted.at(-1)?.payload.type).toBe('participant.erased');
    expect(accepted.map((d) => d.payload.type)).toEqual(expect.arrayContaining(['participant.created', 'message.inbound', 'message.outbound']));
    const afterErasure = receiver.deliveries.slice(whilePaused);
    expect(afterErasure.length).toBeGreaterThanOrEqual(lane.length);
    for (const delivery of afterErasure) {
      expect(delivery.body).not.toMatch(/Acacia|landlord|Joanna|7700900721/);
      if (delivery.payload.type !== 'participant.erased') expect(delivery.payload.data).toEqual({ erased: true });
    }
  });
});
