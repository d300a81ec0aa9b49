/**
 * Escalation when nobody picks an urgent safeguarding alert up, end to end: real PostgreSQL and Redis, the fake
 * Twilio, signed inbound webhooks, and a clock the test moves (web and workers share it) instead of waiting a real
 * minute. With a one-minute policy an unacknowledged alert texts each contact once, with the team and a link and
 * nothing about the person; an acknowledged one texts nobody; a Redis FLUSHDB loses nothing (the sweep rebuilds the
 * job from the alert's due time); running it again sends nothing new. Then the policy API itself.
 * Phones for this file: +447700900930–959. Redis database 12 is this file's alone (it flushes it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EscalateSafeguardingAlert } from '../../app/safeguarding/escalate-safeguarding-alert.action.js';
import type { alertSchema, safeguardingPolicySchema } from '../../bot/routes/api-schemas.js';
import type { Clock } from '../../domain/time/clock.js';
import { escalationJobId } from '../../domain/job-keys.js';
import { TEST_BOT_NUMBER } from '../twilio-signer.js';
import { ADMIN_TOKEN, eventually, PUBLIC_BASE_URL, TestApp } from '../test-app.js';
import { flushableRedisUrl } from '../test-database.js';

const FLUSHABLE_REDIS = flushableRedisUrl(12);
const DANA = '+447700900930';
const EVAN = '+447700900931';
const CONTACTS = [
  { name: 'Dana Price (safeguarding lead)', phone: '07700 900930' },
  { name: 'Evan Hughes', phone: '+44 7700 900931' },
];
const RISK_TEXT = 'I want to kill myself';

// The answers' shapes as the API declares them (and the OpenAPI document publishes).
type Alert = z.infer<typeof alertSchema>;
type Policy = z.infer<typeof safeguardingPolicySchema>;
interface ErrorBody {
  error: { code: string; details?: { fields: Array<{ path: string; message: string }> } };
}

/** The real clock plus however far the test has moved it: web and workers both read it (also as a bare `now`). */
class MovableClock implements Clock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an urgent safeguarding alert nobody acknowledges is escalated to the team’s contacts', () => {
  const clock = new MovableClock();
  let app: TestApp;
  let keyWorker: { id: string; token: string };

  beforeAll(async () => {
    app = await TestApp.start({ clock, env: { REDIS_URL: FLUSHABLE_REDIS, PROGRAMME_NAME: 'Restart' } });
    keyWorker = await app.createStaff('key_worker', 'Priya', 'North');
    const put = await app.api<Policy>('PUT', '/api/safeguarding-policy', { escalateAfterMinutes: 1, contacts: CONTACTS }, keyWorker.token);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.contacts.map((c) => c.phone)).toEqual([DANA, EVAN]);
  }, 90_000);
  afterAll(async () => app?.close());

  const textsTo = (phone: string) => app.twilio.accepted.filter((m) => m.form.To === phone);
  const alertsOf = async (participantId: string) =>
    (await app.api<Alert[]>('GET', `/api/alerts?participantId=${participantId}`, undefined, keyWorker.token)).body;

  /** A person in crisis texts in; resolves with the urgent alert once it is on the dashboard and their reply has gone. */
  const crisis = async (phone: string, firstName: string) => {
    // Added with the number as a key worker types it; Twilio sends it as E.164.
    const participant = await app.createParticipant(`0${phone.slice(3, 7)} ${phone.slice(7)}`, keyWorker.token, { firstName });
    await app.inbound(phone, RISK_TEXT);
    const alert = await eventually(async () => (await alertsOf(participant.id)).find((a) => a.type === 'safeguarding'), 15_000, 'the safeguarding alert');
    await eventually(async () => textsTo(phone).length > 0, 15_000, 'the crisis reply');
    return { participant, alert };
  };

  /** The minute passes; the job waiting in Redis (timed by the real clock) is brought forward. */
  const minutePasses = async (alertId: string) => {
    clock.advance(61_000);
    const job = await app.workers?.queues.escalation.getJob(escalationJobId(alertId));
    await job?.promote().catch(() => undefined);
  };

  let escalated: { alertId: string; participantId: string };

  it('texts each contact once, naming the team and linking to the alert, with nothing about the person', async () => {
    const { participant, alert } = await crisis('+447700900940', 'Rhiannon');
    expect(alert.priority).toBe('urgent');
    expect(Date.parse(alert.escalateAt ?? '') - Date.parse(alert.createdAt)).toBe(60_000);
    expect(alert.escalatedAt).toBeNull();
    expect(await app.workers?.queues.escalation.getJob(escalationJobId(alert.id))).toBeDefined();

    await minutePasses(alert.id);
    await eventually(async () => textsTo(DANA).length === 1 && textsTo(EVAN).length === 1, 15_000, 'a text to each contact');

    for (const text of [...textsTo(DANA), ...textsTo(EVAN)]) {
      const body = String(text.form.Body);
      expect(body).toContain('the North team');
      expect(body).toContain('Restart');
      expect(body).toContain(`${PUBLIC_BASE_URL}/alerts?alert=${alert.id}`);
      for (const personal of ['Rhiannon', '+447700900940', '7700900940', '07700 900940', 'kill', 'myself', participant.id]) {
        expect(body).not.toContain(personal);
      }
      // The normal outbound path: our number, and Twilio tells us how it went.
      expect(text.form.From).toBe(TEST_BOT_NUMBER);
      expect(text.form.StatusCallback).toBe(`${PUBLIC_BASE_URL}/twilio/status`);
    }

    const [shown] = (await alertsOf(participant.id)).filter((a) => a.id === alert.id);
    expect(shown).toMatchObject({ status: 'open', escalationContacts: 2 });
    expect(shown?.escalatedAt).not.toBeNull();
    const detail = await app.api<{ openAlerts: Alert[] }>('GET', `/api/participants/${participant.id}`, undefined, keyWorker.token);
    expect(detail.body.openAlerts.find((a) => a.id === alert.id)?.escalatedAt).toBe(shown?.escalatedAt);

    const record = await app.record(participant.id);
    expect(record.filter((e) => e.type === 'alert.escalated').map((e) => e.data)).toEqual([{ alertId: alert.id, contactCount: 2, minutes: 1 }]);
    // Texts to staff are not the participant's: not on their record, not in their conversation.
    expect(record.filter((e) => e.type === 'message.outbound')).toHaveLength(1);

    // Twilio's delivery callback reaches the staff text like any other.
    const sid = textsTo(DANA)[0]?.sid as string;
    expect((await app.twilio.sendStatusCallback({ sid, status: 'delivered', deliverToBaseUrl: app.url })).status).toBe(200);
    await eventually(async () => (await app.db.selectFrom('messages').select('status').where('twilio_sid', '=', sid).executeTakeFirst())?.status === 'delivered', 10_000, 'delivered');

    // Sweeps and time passing send nothing more.
    await app.workers?.sweep.execute();
    clock.advance(10 * 60_000);
    await app.workers?.sweep.execute();
    await sleep(1500);
    expect(textsTo(DANA)).toHaveLength(1);
    expect(textsTo(EVAN)).toHaveLength(1);
    escalated = { alertId: alert.id, participantId: participant.id };
  });

  it('running the escalation again, as a job or directly, sends nothing new', async () => {
    const before = app.twilio.messages.length;
    await app.workers?.queues.enqueueEscalations([{ alertId: escalated.alertId, dueAt: new Date(0) }], clock.now());
    const action = new EscalateSafeguardingAlert({ db: app.db, clock, publicBaseUrl: PUBLIC_BASE_URL, programmeName: 'Restart' });
    expect(await action.execute(escalated.alertId)).toEqual({ kind: 'closed', reason: 'already escalated' });
    expect(await action.execute(escalated.alertId)).toEqual({ kind: 'closed', reason: 'already escalated' });
    await sleep(1500);
    expect(app.twilio.messages.length).toBe(before);
    const staffTexts = await app.db.selectFrom('messages').select('id').where('source_key', 'like', `escalation-${escalated.alertId}-%`).execute();
    expect(staffTexts).toHaveLength(2);
    expect((await app.record(escalated.participantId)).filter((e) => e.type === 'alert.escalated')).toHaveLength(1);
  });

  it('an alert acknowledged in time escalates nobody', async () => {
    const { participant, alert } = await crisis('+447700900941', 'Kit');
    const ack = await app.api('POST', `/api/alerts/${alert.id}/ack`, { note: 'Rang Kit, safety plan agreed' }, keyWorker.token);
    expect(ack.status).toBe(200);
    const before = { dana: textsTo(DANA).length, evan: textsTo(EVAN).length };

    await minutePasses(alert.id);
    await app.workers?.sweep.execute();
    await sleep(2000);
    expect({ dana: textsTo(DANA).length, evan: textsTo(EVAN).length }).toEqual(before);
    const [shown] = await app.api<Alert[]>('GET', `/api/alerts?participantId=${participant.id}&status=acknowledged`, undefined, keyWorker.token).then((r) => r.body);
    expect(shown).toMatchObject({ id: alert.id, escalatedAt: null, escalationContacts: null });
    expect((await app.record(participant.id)).some((e) => e.type === 'alert.escalated')).toBe(false);
  });

  it('after a Redis FLUSHDB the sweep still escalates it, once', async () => {
    const { participant, alert } = await crisis('+447700900942', 'Jo');
    const before = { dana: textsTo(DANA).length, evan: textsTo(EVAN).length };
    await app.redis.flushdb();
    clock.advance(61_000);
    // The scheduled sweep (every 500 ms here, re-scheduled after the flush) re-adds the job from the due time on the
    // alert. If it ran between the flush and the clock moving, it timed the job by the real clock a minute ahead:
    // bring it forward, as the minute passing would (the same as minutePasses).
    await eventually(
      async () => {
        const job = await app.workers?.queues.escalation.getJob(escalationJobId(alert.id));
        if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
        return textsTo(DANA).length === before.dana + 1 && textsTo(EVAN).length === before.evan + 1;
      },
      20_000,
      'the swept escalation',
    );
    const report = await app.workers?.sweep.execute();
    expect(report?.escalations).toBe(0);
    await sleep(2000);
    expect({ dana: textsTo(DANA).length, evan: textsTo(EVAN).length }).toEqual({ dana: before.dana + 1, evan: before.evan + 1 });
    expect(String(textsTo(DANA).at(-1)?.form.Body)).toContain(`/alerts?alert=${alert.id}`);
    expect((await app.record(participant.id)).filter((e) => e.type === 'alert.escalated')).toHaveLength(1);
  });

  describe('GET/PUT /api/safeguarding-policy', () => {
    let fresh: { id: string; token: string };

    beforeAll(async () => {
      fresh = await app.createStaff('key_worker', 'Fran', 'Fresh');
    });

    it('a team that has set nothing gets the defaults: 15 minutes, no contacts', async () => {
      const result = await app.api<Policy>('GET', '/api/safeguarding-policy', undefined, fresh.token);
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ team: 'Fresh', escalateAfterMinutes: 15, contacts: [], updatedAt: null, updatedBy: null });
    });

    it('a bad body is a 400 naming every failing field, and changes nothing', async () => {
      const put = (body: unknown) => app.api<ErrorBody>('PUT', '/api/safeguarding-policy', body, fresh.token);
      const fields = (result: { body: ErrorBody }) => result.body.error.details?.fields.map((f) => f.path).sort();

      const bad = await put({
        escalateAfterMinutes: 0,
        contacts: [
          { name: '', phone: '07700 900950' },
          { name: 'Landline', phone: '0113 496 0000' },
          { name: 'Nonsense', phone: 'call reception' },
        ],
        rota: 'weekdays',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
      expect(fields(bad)).toEqual(['', 'contacts.0.name', 'contacts.1.phone', 'contacts.2.phone', 'escalateAfterMinutes']);
      expect(JSON.stringify(bad.body)).toMatch(/not a mobile number|not a valid phone number|not a phone number/);

      expect(fields(await put({ escalateAfterMinutes: 241, contacts: [] }))).toEqual(['escalateAfterMinutes']);
      expect(fields(await put({ escalateAfterMinutes: 2.5, contacts: [] }))).toEqual(['escalateAfterMinutes']);
      expect(fields(await put({ escalateAfterMinutes: 15 }))).toEqual(['contacts']);
      const twice = await put({ contacts: [{ name: 'A', phone: '07700 900951' }, { name: 'B', phone: '+447700900951' }] });
      expect(twice.body.error.details?.fields).toEqual([{ path: 'contacts.1.phone', message: 'is already in the list' }]);
      const many = Array.from({ length: 11 }, (_, i) => ({ name: `Contact ${i}`, phone: `07700 9009${String(30 + i)}` }));
      expect(fields(await put({ contacts: many }))).toEqual(['contacts']);

      expect((await app.api<Policy>('GET', '/api/safeguarding-policy', undefined, fresh.token)).body.updatedAt).toBeNull();
    });

    it('saves numbers as E.164, defaults the minutes, and says who set it', async () => {
      const result = await app.api<Policy>('PUT', '/api/safeguarding-policy', { contacts: [{ name: 'Fay', phone: '07700 900952' }] }, fresh.token);
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ team: 'Fresh', escalateAfterMinutes: 15, contacts: [{ name: 'Fay', phone: '+447700900952' }], updatedBy: fresh.id });
      expect((await app.api<Policy>('GET', '/api/safeguarding-policy', undefined, fresh.token)).body).toEqual(result.body);
    });

    it('an admin reads and sets any team’s with ?team=; anyone else only their own (403)', async () => {
      const north = await app.api<Policy>('GET', '/api/safeguarding-policy?team=North');
      expect(north.body).toMatchObject({ team: 'North', escalateAfterMinutes: 1, contacts: [{ phone: DANA }, { phone: EVAN }] });
      expect((await app.api<Policy>('GET', '/api/safeguarding-policy')).body).toMatchObject({ team: null, escalateAfterMinutes: 15 });

      const set = await app.api<Policy>('PUT', '/api/safeguarding-policy?team=Fresh', { escalateAfterMinutes: 30, contacts: [] });
      expect(set.status).toBe(200);
      expect((await app.api<Policy>('GET', '/api/safeguarding-policy', undefined, fresh.token)).body).toMatchObject({ escalateAfterMinutes: 30, contacts: [] });

      expect((await app.api('GET', '/api/safeguarding-policy?team=North', undefined, fresh.token)).status).toBe(403);
      expect((await app.api('PUT', '/api/safeguarding-policy?team=North', { contacts: [] }, fresh.token)).status).toBe(403);
      expect((await app.api<Policy>('GET', '/api/safeguarding-policy?team=Fresh', undefined, fresh.token)).status).toBe(200);
      expect((await app.api<Policy>('GET', '/api/safeguarding-policy?team=North')).body.contacts).toHaveLength(2);
    });

    it('every change is in the audit log, and the route is in the OpenAPI document', async () => {
      const audit = await app.api<Array<{ staffId: string; method: string; route: string; status: number }>>('GET', `/api/audit?staffId=${fresh.id}`, undefined, ADMIN_TOKEN);
      const puts = audit.body.filter((e) => e.route === '/api/safeguarding-policy' && e.method === 'PUT');
      expect(puts.map((e) => e.status)).toEqual(expect.arrayContaining([200, 400, 403]));

      const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as {
        paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> } }>>;
      };
      const item = doc.paths['/api/safeguarding-policy'];
      expect(Object.keys(item ?? {}).sort()).toEqual(['get', 'put']);
      expect(item?.get?.parameters).toEqual([expect.objectContaining({ name: 'team', in: 'query' })]);
      const body = item?.put?.requestBody?.content['application/json']?.schema;
      expect(Object.keys(body?.properties ?? {}).sort()).toEqual(['contacts', 'escalateAfterMinutes']);
      expect(body?.required).toEqual(['contacts']);
    });
  });
});
