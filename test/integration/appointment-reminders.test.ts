import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAppointmentTime } from '../../domain/wording/appointment-time.js';
import { eventually, TestApp } from '../test-app.js';

interface Appointment {
  id: string;
  version: number;
  startsAt: string;
  reminders: Array<{ offset: string; sendAt: string | null; status: string; reason: string | null }>;
}

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000);
/** An appointment 2 hours and `seconds` from now, so its PT2H reminder is due in `seconds`. */
const dueIn = (seconds: number) => inSeconds(2 * 3600 + seconds).toISOString();

describe('appointment reminders on the schedules key workers set', () => {
  let app: TestApp;
  let keyWorker: { id: string; token: string };

  beforeAll(async () => {
    app = await TestApp.start();
    keyWorker = await app.createStaff('key_worker', 'Priya', 'Leeds');
    // Any hour of the day may run this test: no quiet hours or bank holidays for this team.
    const policy = await app.api(
      'PUT',
      '/api/reminder-policy',
      { defaultOffsets: ['PT2H'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 },
      keyWorker.token,
    );
    expect(policy.status).toBe(200);
  });
  afterAll(async () => app?.close());

  const book = async (participantId: string, body: Record<string, unknown>) => {
    const result = await app.api<Appointment>('POST', `/api/participants/${participantId}/appointments`, body, keyWorker.token);
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    return result.body;
  };
  const sentTo = (phone: string) => app.twilio.accepted.filter((m) => m.form.To === phone);

  it('sends a reminder due in seconds once, with the time and place, and "Yes" confirms it', async () => {
    const sam = await app.createParticipant('07700 900701', keyWorker.token);
    const appointment = await book(sam.id, {
      startsAt: dueIn(2),
      title: 'Job search review',
      location: 'Leeds Jobcentre, Eastgate',
      mandatory: false,
    });
    expect(appointment.reminders).toEqual([expect.objectContaining({ offset: 'PT2H', status: 'scheduled' })]);

    const reminder = await eventually(async () => sentTo('+447700900701')[0], 15_000, 'the reminder');
    const body = String(reminder.form.Body);
    expect(body).toContain(formatAppointmentTime(new Date(appointment.startsAt), 'Europe/London'));
    expect(body).toContain('Leeds Jobcentre, Eastgate');
    expect(body).toMatch(/Priya/);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sentTo('+447700900701')).toHaveLength(1);

    await app.inbound('+447700900701', 'Yes');
    const record = await eventually(async () => {
      const events = await app.record(sam.id);
      return events.some((e) => e.type === 'appointment.confirmed') && events;
    });
    expect(record.map((e) => e.type)).toEqual(
      expect.arrayContaining(['appointment.created', 'reminder.sent', 'message.outbound', 'message.inbound', 'appointment.confirmed']),
    );
  });

  it('a reschedule before the reminder fires sends only the change notice, and the new reminder later', async () => {
    const jo = await app.createParticipant('07700 900702', keyWorker.token);
    const appointment = await book(jo.id, { startsAt: dueIn(3), title: 'CV workshop', location: 'Room 2', mandatory: true });
    const moved = await app.api<Appointment>('PATCH', `/api/appointments/${appointment.id}`, { startsAt: inSeconds(6 * 3600).toISOString() }, keyWorker.token);
    expect(moved.status).toBe(200);
    expect(moved.body.version).toBe(2);

    const notice = await eventually(async () => sentTo('+447700900702')[0], 10_000, 'the change notice');
    expect(String(notice.form.Body)).toContain(formatAppointmentTime(new Date(moved.body.startsAt), 'Europe/London'));
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(sentTo('+447700900702')).toHaveLength(1);
    const reminders = await app.db.selectFrom('reminders').select(['version', 'status']).where('appointment_id', '=', appointment.id).orderBy('version').execute();
    expect(reminders).toEqual([
      { version: 1, status: 'superseded' },
      { version: 2, status: 'scheduled' },
    ]);
  });

  it('a cancellation tells the participant and no reminder fires', async () => {
    const ali = await app.createParticipant('07700 900703', keyWorker.token);
    const appointment = await book(ali.id, { startsAt: dueIn(3), title: 'Interview practice', mandatory: false });
    const cancelled = await app.api('POST', `/api/appointments/${appointment.id}/cancel`, { reason: 'Adviser ill' }, keyWorker.token);
    expect(cancelled.status).toBe(200);
    await eventually(async () => sentTo('+447700900703').length === 1, 10_000, 'the cancellation notice');
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(sentTo('+447700900703')).toHaveLength(1);
    const again = await app.api('POST', `/api/appointments/${appointment.id}/cancel`, {}, keyWorker.token);
    expect(again.status).toBe(409);
  });

  it('quiet hours defer a reminder to when they end', async () => {
    const team = await app.createStaff('key_worker', 'Morgan', 'Quiet');
    const local = (date: Date) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
    const start = local(inSeconds(-3600));
    const end = local(inSeconds(3600));
    expect((await app.api('PUT', '/api/reminder-policy', { defaultOffsets: ['PT2H'], quietHours: { start, end }, skipBankHolidays: false, dnaAlertThreshold: 3 }, team.token)).status).toBe(200);
    const kim = await app.createParticipant('07700 900704', team.token);
    const result = await app.api<Appointment>(
      'POST',
      `/api/participants/${kim.id}/appointments`,
      { startsAt: dueIn(2), title: 'Review', mandatory: false },
      team.token,
    );
    expect(result.status).toBe(201);
    const [reminder] = result.body.reminders;
    expect(reminder?.status).toBe('scheduled');
    expect(local(new Date(reminder?.sendAt as string))).toBe(end);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(sentTo('+447700900704')).toHaveLength(0);
  });

  it('a reminder that quiet hours would push past the appointment is dropped, never sent late', async () => {
    const team = await app.createStaff('key_worker', 'Sasha', 'Late');
    const local = (date: Date) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
    const quiet = { start: local(inSeconds(-3600)), end: local(inSeconds(4 * 3600)) };
    await app.api('PUT', '/api/reminder-policy', { defaultOffsets: ['PT2H'], quietHours: quiet, skipBankHolidays: false, dnaAlertThreshold: 3 }, team.token);
    const lee = await app.createParticipant('07700 900705', team.token);
    const result = await app.api<Appointment>('POST', `/api/participants/${lee.id}/appointments`, { startsAt: dueIn(2), title: 'Review', mandatory: false }, team.token);
    expect(result.body.reminders).toEqual([expect.objectContaining({ status: 'dropped', reason: 'too_late', sendAt: null })]);
  });

  it('refuses bad bookings with a 400 and another caseload with a 404', async () => {
    const pat = await app.createParticipant('07700 900706', keyWorker.token);
    const bad = await app.api('POST', `/api/participants/${pat.id}/appointments`, { startsAt: 'tomorrow', title: 'x', mandatory: false }, keyWorker.token);
    expect(bad.status).toBe(400);
    const past = await app.api('POST', `/api/participants/${pat.id}/appointments`, { startsAt: inSeconds(-60).toISOString(), title: 'x', mandatory: false }, keyWorker.token);
    expect(past.status).toBe(400);
    const offsets = await app.api('POST', `/api/participants/${pat.id}/appointments`, { startsAt: dueIn(600), title: 'x', mandatory: false, reminderOffsets: ['two days'] }, keyWorker.token);
    expect(offsets.status).toBe(400);
    const tooClose = await app.api('POST', `/api/participants/${pat.id}/appointments`, { startsAt: dueIn(600), title: 'x', mandatory: false, reminderOffsets: ['PT10M'] }, keyWorker.token);
    expect(tooClose.status).toBe(400);
    const badPolicy = await app.api('PUT', '/api/reminder-policy', { defaultOffsets: ['P2D'], quietHours: { start: '25:00', end: '08:00' }, skipBankHolidays: true, dnaAlertThreshold: 3 }, keyWorker.token);
    expect(badPolicy.status).toBe(400);
    const other = await app.createStaff('key_worker', 'Other', 'Leeds');
    const hidden = await app.api('POST', `/api/participants/${pat.id}/appointments`, { startsAt: dueIn(600), title: 'x', mandatory: false }, other.token);
    expect(hidden.status).toBe(404);
    const appointment = await book(pat.id, { startsAt: dueIn(600), title: 'Review', mandatory: false });
    expect((await app.api('PATCH', `/api/appointments/${appointment.id}`, { title: 'y' }, other.token)).status).toBe(404);
    expect((await app.api('GET', `/api/appointments/${appointment.id}`, undefined, other.token)).status).toBe(404);
    const detail = await app.api<{ nextAppointment: { id: string } | null }>('GET', `/api/participants/${pat.id}`, undefined, keyWorker.token);
    expect(detail.body.nextAppointment?.id).toBe(appointment.id);
  });
});

describe('bulk booking', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ workers: false });
  });
  afterAll(async () => app?.close());

  it('books many at once with the same reminders, events and caseload rules as one by one', async () => {
    const kw = await app.createStaff('key_worker', 'Robin', 'Bulk');
    await app.api('PUT', '/api/reminder-policy', { defaultOffsets: ['P2D', 'PT2H'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 }, kw.token);
    const a = await app.createParticipant('07700 900721', kw.token);
    const b = await app.createParticipant('07700 900722', kw.token);
    const starts = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const result = await app.api<{ appointments: Appointment[] }>(
      'POST',
      '/api/appointments/bulk',
      {
        appointments: [
          { participantId: a.id, startsAt: starts(5), title: 'Review', mandatory: false },
          { participantId: b.id, startsAt: starts(6), title: 'CV clinic', location: 'Room 1', mandatory: true, reminderOffsets: ['P1D'] },
        ],
      },
      kw.token,
    );
    expect(result.status).toBe(201);
    expect(result.body.appointments.map((x) => x.reminders.map((r) => r.offset).sort())).toEqual([['P2D', 'PT2H'], ['P1D']]);
    const created = await app.db.selectFrom('case_record_events').select('participant_id').where('type', '=', 'appointment.created').execute();
    expect(created.map((e) => e.participant_id).sort()).toEqual([a.id, b.id].sort());
    const jobs = await app.workersQueueDelayedCount();
    expect(jobs).toBe(3);

    const other = await app.createStaff('key_worker', 'Other', 'Bulk');
    const hidden = await app.api('POST', '/api/appointments/bulk', { appointments: [{ participantId: a.id, startsAt: starts(5), title: 'x', mandatory: false }] }, other.token);
    expect(hidden.status).toBe(404);
    const past = await app.api('POST', '/api/appointments/bulk', { appointments: [{ participantId: a.id, startsAt: starts(-1), title: 'x', mandatory: false }] }, kw.token);
    expect(past.status).toBe(400);
  });
});
