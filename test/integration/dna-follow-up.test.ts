import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/time/clock.js';
import { bookAppointment } from '../../app/appointments/book-appointment.action.js';
import { recordAttendance } from '../../app/appointments/record-attendance.action.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { FireFollowUp } from '../../app/appointments/fire-follow-up.action.js';
import { eventually, TestApp } from '../test-app.js';

const POLICY = { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 };
const soon = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

describe('did-not-attend follow-ups', () => {
  let app: TestApp;
  let keyWorker: { id: string; token: string };

  beforeAll(async () => {
    app = await TestApp.start();
    keyWorker = await app.createStaff('key_worker', 'Priya', 'Bradford');
    expect((await app.api('PUT', '/api/reminder-policy', POLICY, keyWorker.token)).status).toBe(200);
  });
  afterAll(async () => app?.close());

  const book = async (participantId: string, hours = 48) => {
    const result = await app.api<{ id: string }>('POST', `/api/participants/${participantId}/appointments`, { startsAt: soon(hours), title: 'Review', location: 'Bradford office', mandatory: true, reminderOffsets: ['PT2H'] }, keyWorker.token);
    expect(result.status).toBe(201);
    return result.body.id;
  };
  const dna = async (appointmentId: string) => {
    const result = await app.api('POST', `/api/appointments/${appointmentId}/attendance`, { outcome: 'did_not_attend' }, keyWorker.token);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    return result;
  };
  const sentTo = (phone: string) => app.twilio.accepted.filter((m) => m.form.To === phone).map((m) => String(m.form.Body));

  it('a DNA brings a kind follow-up at once; "I was ill" is recorded as ill/health; a rearrange request follows', async () => {
    const sam = await app.createParticipant('07700 900901', keyWorker.token);
    const appointmentId = await book(sam.id);
    expect((await dna(appointmentId)).status).toBe(200);

    const [first] = await eventually(async () => sentTo('+447700900901').length > 0 && sentTo('+447700900901'), 10_000, 'the follow-up');
    expect(first).toMatch(/what got in the way/i);
    expect(first).not.toMatch(/sanction|mandatory|must|failure/i);

    await app.inbound('+447700900901', 'I was ill');
    const reason = await eventually(async () => (await app.record(sam.id)).find((e) => e.type === 'dna.reason'));
    expect(reason.data).toMatchObject({ words: 'I was ill', category: 'ill_health' });
    await eventually(async () => sentTo('+447700900901').length === 2, 10_000, 'the offer to rearrange');

    await app.inbound('+447700900901', 'Tuesday mornings are best');
    const alert = await eventually(async () => {
      const alerts = await app.api<Array<{ type: string; participantId: string; data: Record<string, unknown> }>>('GET', '/api/alerts?status=open', undefined, keyWorker.token);
      return alerts.body.find((a) => a.participantId === sam.id && a.type === 'rearrange_requested');
    });
    expect(alert.data).toMatchObject({ preferred: 'Tuesday mornings are best' });
    const followUp = await app.db.selectFrom('follow_ups').select(['status']).where('appointment_id', '=', appointmentId).executeTakeFirstOrThrow();
    expect(followUp.status).toBe('replied');
  });

  it('silence: the sequence steps on the configured days, then tells the key worker; any reply stops it', async () => {
    const jo = await app.createParticipant('07700 900902', keyWorker.token);
    const participant = await new ParticipantRepository(app.db).findById(jo.id);
    const dnaAt = new Date('2026-03-02T10:00:00Z');
    const clock = new ManualClock(dnaAt);
    const { followUp } = await app.db.transaction().execute(async (tx) => {
      const ctx = { timeZone: 'Europe/London', programmeName: 'Restart', staffId: keyWorker.id };
      const booked = await bookAppointment(tx, { ...ctx, now: new Date('2026-02-27T09:00:00Z') }, participant!, {
        title: 'Review',
        location: null,
        startsAt: new Date('2026-03-02T09:00:00Z'),
        mandatory: false,
        reminderOffsets: null,
      });
      return recordAttendance(tx, { ...ctx, now: dnaAt }, booked.appointment, participant!, 'did_not_attend');
    });
    const fire = new FireFollowUp({ db: app.db, clock, timeZone: 'Europe/London', programmeName: 'Restart' });
    const id = followUp!.id;

    const step0 = await fire.execute(id, 0);
    expect(step0).toMatchObject({ kind: 'sent', next: { step: 1, at: new Date('2026-03-05T10:00:00Z') } });
    clock.set(new Date('2026-03-05T10:00:00Z'));
    const step1 = await fire.execute(id, 1);
    expect(step1).toMatchObject({ kind: 'sent', next: { step: 2, at: new Date('2026-03-09T10:00:00Z') } });
    expect(await fire.execute(id, 1)).toMatchObject({ kind: 'closed' });
    clock.set(new Date('2026-03-09T10:00:00Z'));
    const step2 = await fire.execute(id, 2);
    expect(step2).toMatchObject({ kind: 'sent', next: { step: 3, at: new Date('2026-03-10T10:00:00Z') } });
    clock.set(new Date('2026-03-10T10:00:00Z'));
    expect(await fire.execute(id, 3)).toEqual({ kind: 'not_reached' });
    const alerts = await app.db.selectFrom('alerts').select(['type']).where('participant_id', '=', jo.id).execute();
    expect(alerts.map((a) => a.type)).toContain('not_reached');
    const messages = await app.db.selectFrom('messages').select(['kind']).where('participant_id', '=', jo.id).where('kind', '=', 'follow_up').execute();
    expect(messages).toHaveLength(3);
  });

  it('a reply stops the sequence before the next step', async () => {
    const kit = await app.createParticipant('07700 900903', keyWorker.token);
    const appointmentId = await book(kit.id);
    await dna(appointmentId);
    await eventually(async () => sentTo('+447700900903').length === 1, 10_000, 'the follow-up');
    await app.inbound('+447700900903', 'sorry my bus never came');
    await eventually(async () => {
      const row = await app.db.selectFrom('follow_ups').select('status').where('appointment_id', '=', appointmentId).executeTakeFirstOrThrow();
      return row.status === 'replied';
    });
    const step = await new FireFollowUp({ db: app.db, clock: new ManualClock(new Date()), timeZone: 'Europe/London', programmeName: 'Restart' }).execute(
      (await app.db.selectFrom('follow_ups').select('id').where('appointment_id', '=', appointmentId).executeTakeFirstOrThrow()).id,
      1,
    );
    expect(step).toMatchObject({ kind: 'closed' });
  });

  it('the threshold alert fires at 3 by default, and at 6 when the team sets 6', async () => {
    const ali = await app.createParticipant('07700 900904', keyWorker.token);
    const thresholdAlerts = async (participantId: string) =>
      (await app.db.selectFrom('alerts').select('type').where('participant_id', '=', participantId).where('type', '=', 'dna_threshold').execute()).length;
    for (let i = 0; i < 2; i++) await dna(await book(ali.id, 48 + i));
    expect(await thresholdAlerts(ali.id)).toBe(0);
    await dna(await book(ali.id, 60));
    expect(await thresholdAlerts(ali.id)).toBe(1);

    const six = await app.createStaff('key_worker', 'Sam', 'Halifax');
    await app.api('PUT', '/api/reminder-policy', { ...POLICY, dnaAlertThreshold: 6 }, six.token);
    const lee = await app.createParticipant('07700 900905', six.token);
    const bookFor = async (hours: number) =>
      (await app.api<{ id: string }>('POST', `/api/participants/${lee.id}/appointments`, { startsAt: soon(hours), title: 'Review', mandatory: false }, six.token)).body.id;
    for (let i = 0; i < 5; i++) {
      expect((await app.api('POST', `/api/appointments/${await bookFor(48 + i)}/attendance`, { outcome: 'did_not_attend' }, six.token)).status).toBe(200);
    }
    expect(await thresholdAlerts(lee.id)).toBe(0);
    await app.api('POST', `/api/appointments/${await bookFor(60)}/attendance`, { outcome: 'did_not_attend' }, six.token);
    expect(await thresholdAlerts(lee.id)).toBe(1);
  });

  it("the attendance report's counts match the events, as JSON and CSV", async () => {
    const report = await app.api<{
      totals: { attended: number; didNotAttend: number; notReached: number; reasons: Record<string, number> };
      participants: Array<{ participantId: string; didNotAttend: number }>;
    }>('GET', `/api/reports/attendance?from=2026-01-01&to=2026-12-31`, undefined, keyWorker.token);
    expect(report.status).toBe(200);
    const events = await app.db
      .selectFrom('case_record_events')
      .innerJoin('participants', 'participants.id', 'case_record_events.participant_id')
      .select(['case_record_events.type', 'case_record_events.data'])
      .where('participants.key_worker_id', '=', keyWorker.id)
      .execute();
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(report.body.totals.didNotAttend).toBe(count('appointment.did_not_attend'));
    expect(report.body.totals.attended).toBe(count('appointment.attended'));
    expect(report.body.totals.reasons.ill_health).toBe(events.filter((e) => e.type === 'dna.reason' && e.data.category === 'ill_health').length);
    expect(report.body.totals.reasons.transport_cost).toBe(events.filter((e) => e.type === 'dna.reason' && e.data.category === 'transport_cost').length);
    expect(report.body.totals.notReached).toBe(1);

    const csv = await fetch(`${app.url}/api/reports/attendance.csv?from=2026-01-01&to=2026-12-31`, { headers: { Authorization: `Bearer ${keyWorker.token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toContain('did_not_attend');
    expect(lines).toHaveLength(report.body.participants.length + 2);
    expect(lines.at(-1)).toMatch(new RegExp(`^total,,${report.body.totals.attended},${report.body.totals.didNotAttend},`));

    const bad = await app.api('GET', '/api/reports/attendance?from=2026-05-01&to=2026-04-01', undefined, keyWorker.token);
    expect(bad.status).toBe(400);
  });
});
