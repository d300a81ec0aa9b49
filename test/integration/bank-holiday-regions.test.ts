import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/time/clock.js';
import { FireReminder } from '../../app/appointments/fire-reminder.action.js';
import { TestApp } from '../test-app.js';

/**
 * Each team keeps the bank holidays of where its participants live: a team set to Scotland through the API has
 * 2 January off (and its substitute), an England team does not. Booking goes through the API on a clock set to the
 * last days of 2025; firing runs the reminder job's own use case on that clock (the workers role is off, so nothing
 * fires on the machine's real time). Phones for this file: +447700900960–969.
 */
const POLICY = { defaultOffsets: ['P1D'], quietHours: { start: '21:00', end: '08:00' }, skipBankHolidays: true, dnaAlertThreshold: 3 };

interface Booked {
  id: string;
  reminders: Array<{ offset: string; dueAt: string; sendAt: string | null; status: string; reason: string | null }>;
}

describe('bank holidays follow the team’s region', () => {
  // Monday 29 December 2025, 9am in London.
  const clock = new ManualClock(new Date('2025-12-29T09:00:00Z'));
  let app: TestApp;
  let glasgow: { id: string; token: string };
  let leeds: { id: string; token: string };

  beforeAll(async () => {
    app = await TestApp.start({ clock, workers: false });
    glasgow = await app.createStaff('key_worker', 'Morag', 'Glasgow');
    leeds = await app.createStaff('key_worker', 'Priya', 'Leeds');
  });
  afterAll(async () => app?.close());

  const book = async (token: string, phone: string, startsAt: string) => {
    const person = await app.createParticipant(phone, token);
    const booked = await app.api<Booked>('POST', `/api/participants/${person.id}/appointments`, { startsAt, title: 'Job search review', mandatory: false }, token);
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    return { person, appointment: booked.body, reminder: booked.body.reminders[0] };
  };
  const fireAt = (reminderId: string, at: string) =>
    new FireReminder({ db: app.db, clock: new ManualClock(new Date(at)), timeZone: 'Europe/London', programmeName: 'Restart', dailyCap: 3 }).execute(reminderId);
  const reminderRow = (appointmentId: string) =>
    app.db.selectFrom('reminders').select(['id', 'status', 'send_at', 'reason']).where('appointment_id', '=', appointmentId).executeTakeFirstOrThrow();

  it('the policy has a region: england-and-wales until a team sets another; only the three UK calendars are accepted', async () => {
    expect((await app.api('PUT', '/api/reminder-policy', POLICY, leeds.token)).status).toBe(200);
    expect((await app.api<{ region: string }>('GET', '/api/reminder-policy', undefined, leeds.token)).body.region).toBe('england-and-wales');
    for (const region of ['wales', 'Scotland', 'GB-SCT', '', null]) {
      const refused = await app.api<{ error: { code: string; details: unknown } }>('PUT', '/api/reminder-policy', { ...POLICY, region }, glasgow.token);
      expect(refused.status, String(region)).toBe(400);
      expect(JSON.stringify(refused.body.error.details)).toContain('region');
    }
    const put = await app.api<{ region: string }>('PUT', '/api/reminder-policy', { ...POLICY, region: 'scotland' }, glasgow.token);
    expect(put.status).toBe(200);
    expect(put.body.region).toBe('scotland');
    expect((await app.api<{ region: string }>('GET', '/api/reminder-policy', undefined, glasgow.token)).body.region).toBe('scotland');
    // Leeds is untouched by Glasgow's choice.
    expect((await app.api<{ region: string }>('GET', '/api/reminder-policy', undefined, leeds.token)).body.region).toBe('england-and-wales');
  });

  it('the OpenAPI document lists the regions', async () => {
    const doc = await app.api<{ paths: Record<string, { put: { requestBody: { content: Record<string, { schema: { properties: Record<string, { enum?: string[] }> } }> } } }> }>(
      'GET',
      '/api/openapi.json',
    );
    const schema = doc.body.paths['/api/reminder-policy']?.put.requestBody.content['application/json']?.schema;
    expect(schema?.properties.region?.enum).toEqual(['england-and-wales', 'scotland', 'northern-ireland']);
  });

  it('a reminder due on Friday 2 January goes then for Leeds, and waits for Saturday morning for Glasgow', async () => {
    // Saturday 3 January 2026, 2pm: the P1D reminder is due at 2pm on Friday 2 January.
    const english = await book(leeds.token, '+447700900960', '2026-01-03T14:00:00Z');
    expect(english.reminder).toMatchObject({ offset: 'P1D', sendAt: '2026-01-02T14:00:00.000Z', status: 'scheduled', reason: null });
    const scottish = await book(glasgow.token, '+447700900961', '2026-01-03T14:00:00Z');
    expect(scottish.reminder).toMatchObject({ offset: 'P1D', sendAt: '2026-01-03T08:00:00.000Z', status: 'scheduled', reason: 'bank_holiday' });
  });

  it('in 2027, when 2 January is a Saturday, Glasgow’s day off is Monday 4 January and Leeds works it', async () => {
    // Tuesday 5 January 2027, 10am: the reminder is due at 10am on Monday 4 January.
    const english = await book(leeds.token, '+447700900962', '2027-01-05T10:00:00Z');
    expect(english.reminder).toMatchObject({ sendAt: '2027-01-04T10:00:00.000Z', reason: null });
    const scottish = await book(glasgow.token, '+447700900963', '2027-01-05T10:00:00Z');
    expect(scottish.reminder).toMatchObject({ sendAt: '2027-01-05T08:00:00.000Z', reason: 'bank_holiday' });
  });

  it('firing re-checks the team’s region: a Glasgow reminder planned before the team chose Scotland is deferred on 2 January', async () => {
    await app.api('PUT', '/api/reminder-policy', { ...POLICY, region: 'england-and-wales' }, glasgow.token);
    const planned = await book(glasgow.token, '+447700900964', '2026-01-03T14:00:00Z');
    expect(planned.reminder).toMatchObject({ sendAt: '2026-01-02T14:00:00.000Z', reason: null });
    const english = await book(leeds.token, '+447700900965', '2026-01-03T14:00:00Z');
    expect((await app.api('PUT', '/api/reminder-policy', { ...POLICY, region: 'scotland' }, glasgow.token)).status).toBe(200);

    const glasgowRow = await reminderRow(planned.appointment.id);
    expect(await fireAt(glasgowRow.id, '2026-01-02T14:00:00Z')).toEqual({ kind: 'deferred', until: new Date('2026-01-03T08:00:00Z'), reason: 'bank_holiday' });
    expect(await reminderRow(planned.appointment.id)).toMatchObject({ status: 'scheduled', send_at: new Date('2026-01-03T08:00:00Z'), reason: 'bank_holiday' });

    const leedsRow = await reminderRow(english.appointment.id);
    expect(await fireAt(leedsRow.id, '2026-01-02T14:00:00Z')).toMatchObject({ kind: 'sent' });
    expect(await reminderRow(english.appointment.id)).toMatchObject({ status: 'sent' });
    expect((await app.record(english.person.id)).map((e) => e.type)).toContain('reminder.sent');
    expect((await app.record(planned.person.id)).map((e) => e.type)).not.toContain('reminder.sent');
  });

  it('with skipBankHolidays off, a Scottish team’s reminder goes on 2 January', async () => {
    expect((await app.api('PUT', '/api/reminder-policy', { ...POLICY, skipBankHolidays: false, region: 'scotland' }, glasgow.token)).status).toBe(200);
    const scottish = await book(glasgow.token, '+447700900966', '2026-01-03T14:00:00Z');
    expect(scottish.reminder).toMatchObject({ sendAt: '2026-01-02T14:00:00.000Z', reason: null });
  });
});
