/** The API endpoints the dashboard adds: the caseload list, a participant's thread and appointments. Phones: +447700900620–639. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestApp } from '../test-app.js';

interface CaseloadEntry {
  id: string;
  firstName: string;
  phone: string;
  keyWorkerName: string | null;
  optedOut: boolean;
  nextAppointment: { id: string; title: string; startsAt: string } | null;
  lastReply: { at: string; body: string | null } | null;
  openAlerts: number;
  urgentAlerts: number;
}
interface ThreadMessage {
  direction: string;
  body: string | null;
  status: string;
  kind: string;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('dashboard API: caseload, thread and appointments', () => {
  let app: TestApp;
  let priya: { id: string; token: string };
  let ids: Record<'ana' | 'ben' | 'cat', string>;

  beforeAll(async () => {
    app = await TestApp.start();
    priya = await app.createStaff('key_worker', 'Priya', 'Dash');
    ids = {
      ana: (await app.createParticipant('07700 900620', priya.token, { firstName: 'Ana' })).id,
      ben: (await app.createParticipant('07700 900621', priya.token, { firstName: 'Ben' })).id,
      cat: (await app.createParticipant('07700 900622', priya.token, { firstName: 'Cat' })).id,
    };
    const booked = await app.api('POST', `/api/participants/${ids.ben}/appointments`, { startsAt: inDays(5), title: 'Review', mandatory: false }, priya.token);
    expect(booked.status).toBe(201);
    await app.inbound('+447700900621', 'thanks, see you then');
    // A text that reads as risk of harm: an urgent safeguarding alert for Cat.
    await app.inbound('+447700900622', 'I want to end my life');
    await app.inbound('+447700900620', 'STOP');
    await eventually(async () => {
      const alerts = await app.api<Array<{ type: string }>>('GET', '/api/alerts?status=open', undefined, priya.token);
      const ana = await app.api<{ optedOut: boolean }>('GET', `/api/participants/${ids.ana}`, undefined, priya.token);
      return alerts.body.some((a) => a.type === 'safeguarding') && ana.body.optedOut;
    }, 15_000, 'the safeguarding alert and the opt-out');
  });
  afterAll(async () => app?.close());

  it('lists the caseload with next appointment, last reply, open alerts and opt-out, urgent first', async () => {
    const result = await app.api<CaseloadEntry[]>('GET', '/api/caseload', undefined, priya.token);
    expect(result.status).toBe(200);
    expect(result.body.map((e) => e.firstName)).toEqual(['Cat', 'Ben', 'Ana']);
    const [cat, ben, ana] = result.body as [CaseloadEntry, CaseloadEntry, CaseloadEntry];
    expect(cat).toMatchObject({ urgentAlerts: 1, keyWorkerName: 'Priya', lastReply: { body: 'I want to end my life' } });
    expect(cat.openAlerts).toBeGreaterThanOrEqual(1);
    expect(ben).toMatchObject({ nextAppointment: { title: 'Review' }, lastReply: { body: 'thanks, see you then' }, urgentAlerts: 0 });
    expect(ana).toMatchObject({ optedOut: true, nextAppointment: null, phone: '+447700900620' });
  });

  it('searches by name or number and filters', async () => {
    const names = async (query: string) =>
      (await app.api<CaseloadEntry[]>('GET', `/api/caseload?${query}`, undefined, priya.token)).body.map((e) => e.firstName);
    expect(await names('q=be')).toEqual(['Ben']);
    expect(await names('q=07700%20900622')).toEqual(['Cat']);
    expect(await names('q=zzz')).toEqual([]);
    expect(await names('show=opted_out')).toEqual(['Ana']);
    expect(await names('show=no_appointment&sort=name')).toEqual(['Ana', 'Cat']);
    expect(await names('show=alerts')).toContain('Cat');
    expect(await names('sort=name')).toEqual(['Ana', 'Ben', 'Cat']);
    const bad = await app.api<{ error: { code: string } }>('GET', '/api/caseload?show=everyone', undefined, priya.token);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('another key worker sees none of it', async () => {
    const alex = await app.createStaff('key_worker', 'Alex', 'Dash');
    expect((await app.api<CaseloadEntry[]>('GET', '/api/caseload', undefined, alex.token)).body).toEqual([]);
    expect((await app.api('GET', `/api/participants/${ids.ben}/messages`, undefined, alex.token)).status).toBe(404);
    expect((await app.api('GET', `/api/participants/${ids.ben}/appointments`, undefined, alex.token)).status).toBe(404);
    expect((await app.api('GET', '/api/participants/not-a-uuid/messages', undefined, priya.token)).status).toBe(404);
  });

  it('gives the conversation in and out with delivery status, oldest first', async () => {
    const thread = await eventually(async () => {
      const result = await app.api<ThreadMessage[]>('GET', `/api/participants/${ids.cat}/messages`, undefined, priya.token);
      return result.body.some((m) => m.direction === 'outbound' && !['queued', 'sending'].includes(m.status)) && result.body;
    }, 15_000, 'the crisis reply handed to Twilio');
    expect(thread[0]).toMatchObject({ direction: 'inbound', body: 'I want to end my life' });
    expect(thread[0]?.status).toBe('processed');
    const reply = thread.find((m) => m.direction === 'outbound');
    expect(reply?.body).toMatch(/Samaritans/);
    // Twilio's own answer to the send (the fake says "accepted"), moved on later by status callbacks.
    expect(reply?.status).toBe('accepted');
    expect(reply?.kind).toBe('crisis');
  });

  it('gives every appointment with its reminders', async () => {
    const result = await app.api<Array<{ title: string; status: string; reminders: unknown[] }>>(
      'GET',
      `/api/participants/${ids.ben}/appointments`,
      undefined,
      priya.token,
    );
    expect(result.status).toBe(200);
    expect(result.body).toHaveLength(1);
    expect(result.body[0]).toMatchObject({ title: 'Review', status: 'scheduled' });
    expect(result.body[0]?.reminders.length).toBeGreaterThan(0);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await app.api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/caseload', '/api/participants/{id}/messages', '/api/participants/{id}/appointments']),
    );
  });
});
