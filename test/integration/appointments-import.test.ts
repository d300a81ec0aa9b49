/**
 * POST /api/appointments/import through the real API, on PostgreSQL and Redis, with Twilio faked at its HTTP
 * boundary: booked against the participant's CRM id, a second import with a new time reschedules (the participant
 * told once), an unchanged import sends nothing, a cancelled row cancels. Phones: +447700900780–781.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestApp } from '../test-app.js';

interface Report {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ row: number; field: string; message: string }>;
}

describe('appointments CSV import', () => {
  let app: TestApp;
  let priya: { id: string; token: string };
  const ANN = '+447700900780';
  const year = new Date().getUTCFullYear() + 1;

  const post = async (path: string, csv: string, dryRun = false) => {
    const response = await fetch(`${app.url}${path}${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${priya.token}`, 'Content-Type': 'text/csv' },
      body: csv,
    });
    return { status: response.status, body: (await response.json()) as Report };
  };
  const sentTo = (phone: string) => app.twilio.accepted.filter((m) => m.form.To === phone).map((m) => String(m.form.Body));
  const appointment = (ref: string) => app.db.selectFrom('appointments').selectAll().where('external_ref', '=', ref).executeTakeFirst();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

  beforeAll(async () => {
    app = await TestApp.start();
    priya = (await app.api<{ id: string; token: string }>('POST', '/api/staff', { name: 'Priya', role: 'key_worker', team: 'Leeds', email: 'priya@example.org' })).body;
    // Any hour of the day may run this test.
    await app.api('PUT', '/api/reminder-policy', { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 }, priya.token);
    const people = await post('/api/participants/import', `first_name,phone,consent,external_ref\nAnn,07700 900780,yes,CRM-780\nBo,07700 900781,no,CRM-781\n`);
    expect(people.body).toMatchObject({ created: 2, rejected: [] });
    await eventually(async () => sentTo(ANN).length === 1, 10_000, 'the welcome');
  }, 60_000);
  afterAll(async () => app?.close());

  const FILE = `External-Ref,Appointment Ref,Starts At,Title,Mandatory\nCRM-780,AP-1,14/06/${year} 10:30,CV workshop,yes\nCRM-781,AP-2,2027-06-15T09:00:00+01:00,Interview practice,no\nCRM-999,AP-3,14/06/${year} 10:30,Nobody,no\n`;

  it('a dry run reports what would be booked and books nothing', async () => {
    const dry = await post('/api/appointments/import', FILE, true);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 3, created: 2, updated: 0, unchanged: 0, rejected: [{ row: 4, field: 'external_ref' }] });
    expect(await appointment('AP-1')).toBeUndefined();
  });

  it('books against external_ref, with reminders; importing the same file again changes and sends nothing', async () => {
    const first = await post('/api/appointments/import', FILE);
    expect(first.body).toMatchObject({ dryRun: false, created: 2, rejected: [{ row: 4 }] });
    const booked = await appointment('AP-1');
    const shown = await app.api<{ version: number; startsAt: string; reminders: unknown[] }>('GET', `/api/appointments/${booked?.id}`, undefined, priya.token);
    expect(shown.body).toMatchObject({ version: 1, startsAt: `${year}-06-14T09:30:00.000Z` });
    expect(shown.body.reminders).toHaveLength(1);

    const messages = app.twilio.accepted.length;
    expect((await post('/api/appointments/import', FILE)).body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    await settle();
    expect(app.twilio.accepted).toHaveLength(messages);
  });

  it('a new time is a reschedule: version 2, the participant told once', async () => {
    const before = sentTo(ANN).length;
    const moved = await post('/api/appointments/import', `external_ref,appointment_ref,starts_at,title\nCRM-780,AP-1,15/06/${year} 14:00,CV workshop\n`);
    expect(moved.body).toMatchObject({ updated: 1, rejected: [] });
    const after = await appointment('AP-1');
    expect(after).toMatchObject({ version: 2, mandatory: true });
    expect(after?.starts_at.toISOString()).toBe(`${year}-06-15T13:00:00.000Z`);
    await eventually(async () => sentTo(ANN).length === before + 1, 10_000, 'the change notice');
    await settle();
    expect(sentTo(ANN)).toHaveLength(before + 1);
  });

  it('cancelled: yes cancels, and the participant without consent is never texted', async () => {
    const cancelled = await post('/api/appointments/import', `external_ref,appointment_ref,starts_at,title,cancelled\nCRM-781,AP-2,,,yes\n`);
    expect(cancelled.body).toMatchObject({ updated: 1, rejected: [] });
    expect((await appointment('AP-2'))?.status).toBe('cancelled');
    await settle();
    expect(sentTo('+447700900781')).toEqual([]);
  });
});
