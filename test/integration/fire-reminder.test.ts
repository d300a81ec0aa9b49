import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAppointmentTime } from '../../domain/wording/appointment-time.js';
import type { ReminderPolicyInput } from '../../domain/appointments/appointment.types.js';
import { reminderMessage } from '../../domain/wording/reminder-wording.js';
import { bookAppointment } from '../../app/appointments/book-appointment.action.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import { FireReminder, type FireOutcome } from '../../app/appointments/fire-reminder.action.js';
import { ManualClock, TestApp } from '../test-app.js';

/**
 * The reminder job re-checks everything at firing time, against real PostgreSQL and a clock the test sets:
 * version, cancellation, attendance, consent, opt-out, mutes, erasure, quiet hours, bank holidays, lead time
 * and the daily cap. Dates are fixed in 2026, so appointments are booked through the scheduler with its own
 * `now`; changes a key worker makes go through the API.
 */
const TIME_ZONE = 'Europe/London';
const PROGRAMME = 'Restart';
const TEAM = 'Firing';
const POLICY: ReminderPolicyInput = {
  defaultOffsets: ['P1D', 'PT2H'],
  quietHours: { start: '21:00', end: '08:00' },
  skipBankHolidays: true,
  dnaAlertThreshold: 3,
};
/** Booked on Monday 2 March 2026 (GMT) unless a test says otherwise. */
const BOOKED_AT = new Date('2026-03-02T09:00:00Z');
/** Wednesday 4 March 2026, 10am GMT. */
const WEDNESDAY_10AM = new Date('2026-03-04T10:00:00Z');

interface Booking {
  startsAt: Date;
  offsets: string[];
  bookedAt?: Date;
  title?: string;
  location?: string | null;
  mandatory?: boolean;
}

describe('FireReminder re-checks everything when a reminder is due', () => {
  let app: TestApp;
  let keyWorker: { id: string; token: string };
  let nextPhone = 800;

  beforeAll(async () => {
    app = await TestApp.start({ workers: false });
    keyWorker = await app.createStaff('key_worker', 'Priya', TEAM);
    await new TeamPolicyRepository(app.db).put(TEAM, POLICY, keyWorker.id);
  });
  afterAll(async () => app?.close());

  /** A participant of Priya's with a number of this file's own (+447700900800..849). */
  const participant = async (extra: Record<string, unknown> = {}) => {
    const phone = `+447700900${nextPhone++}`;
    if (nextPhone > 850) throw new Error('this file may only use +447700900800..849');
    return app.createParticipant(phone, keyWorker.token, extra);
  };

  const book = async (participantId: string, booking: Booking) =>
    app.db.transaction().execute(async (tx) => {
      const row = await new ParticipantRepository(tx).lockForUpdate(participantId);
      if (!row) throw new Error(`no participant ${participantId}`);
      const ctx = { now: booking.bookedAt ?? BOOKED_AT, timeZone: TIME_ZONE, programmeName: PROGRAMME, staffId: keyWorker.id };
      return bookAppointment(tx, ctx, row, {
        title: booking.title ?? 'Job search review',
        location: booking.location === undefined ? 'Leeds Jobcentre, Eastgate' : booking.location,
        startsAt: booking.startsAt,
        mandatory: booking.mandatory ?? false,
        reminderOffsets: booking.offsets,
      });
    });

  const reminderRow = async (appointmentId: string, offset: string, version = 1) =>
    app.db
      .selectFrom('reminders')
      .selectAll()
      .where('appointment_id', '=', appointmentId)
      .where('offset', '=', offset)
      .where('version', '=', version)
      .executeTakeFirstOrThrow();

  /** Books one appointment with one reminder offset; returns the appointment and that reminder's row. */
  const bookOne = async (participantId: string, booking: Booking & { offsets: [string] }) => {
    const { appointment } = await book(participantId, booking);
    const reminder = await reminderRow(appointment.id, booking.offsets[0]);
    expect(reminder.status).toBe('scheduled');
    return { appointment, reminder };
  };

  const fire = (reminderId: string, at: Date, dailyCap = 3): Promise<FireOutcome> =>
    new FireReminder({ db: app.db, clock: new ManualClock(at), timeZone: TIME_ZONE, programmeName: PROGRAMME, dailyCap }).execute(reminderId);

  const reminderMessages = (participantId: string) =>
    app.db
      .selectFrom('messages')
      .selectAll()
      .where('participant_id', '=', participantId)
      .where('direction', '=', 'outbound')
      .where('kind', '=', 'reminder')
      .orderBy('seq')
      .execute();

  const sentEvents = (participantId: string) =>
    app.db
      .selectFrom('case_record_events')
      .selectAll()
      .where('participant_id', '=', participantId)
      .where('type', '=', 'reminder.sent')
      .execute();

  /** Nothing went to the person and nothing says it did. */
  const expectNothingSent = async (participantId: string) => {
    expect(await reminderMessages(participantId)).toEqual([]);
    expect(await sentEvents(participantId)).toEqual([]);
  };

  /** Puts a closed reminder back to `scheduled`, as if the close had been lost: the job must still refuse. */
  const reopen = async (reminderId: string) => {
    await app.db.updateTable('reminders').set({ status: 'scheduled', reason: null }).where('id', '=', reminderId).execute();
  };

  it('sends once: one queued reminder message with the time and place, one reminder.sent, and a second run does nothing', async () => {
    const sam = await participant();
    const { appointment, reminders } = await book(sam.id, { startsAt: WEDNESDAY_10AM, offsets: ['P1D', 'PT2H'], mandatory: true });
    expect(reminders.map((r) => [r.offset, r.status, r.send_at?.toISOString()])).toEqual([
      ['P1D', 'scheduled', '2026-03-03T10:00:00.000Z'],
      ['PT2H', 'scheduled', '2026-03-04T08:00:00.000Z'],
    ]);
    const dayBefore = await reminderRow(appointment.id, 'P1D');
    const sendAt = dayBefore.send_at as Date;

    const outcome = await fire(dayBefore.id, sendAt);
    expect(outcome.kind).toBe('sent');
    const messages = await reminderMessages(sam.id);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(outcome).toEqual({ kind: 'sent', messageIds: [message?.id] });
    expect(message).toMatchObject({ status: 'queued', channel: 'sms', phone: sam.phone, kind: 'reminder' });
    const body = String(message?.body);
    expect(body).toContain(formatAppointmentTime(WEDNESDAY_10AM, TIME_ZONE));
    expect(body).toContain('Wed 4 Mar, 10am');
    expect(body).toContain('Leeds Jobcentre, Eastgate');
    expect(body).toContain('Priya');
    expect(body).toContain(PROGRAMME);
    expect(body).toContain('Reply YES');
    expect(body).toBe(
      reminderMessage(
        { firstName: 'Sam', keyWorkerName: 'Priya', programmeName: PROGRAMME, language: 'en', timeZone: TIME_ZONE },
        { title: 'Job search review', location: 'Leeds Jobcentre, Eastgate', startsAt: WEDNESDAY_10AM, mandatory: true },
      ),
    );

    const sent = await reminderRow(appointment.id, 'P1D');
    expect(sent).toMatchObject({ status: 'sent', message_id: message?.id, send_at: sendAt, sent_at: sendAt });
    const events = await sentEvents(sam.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      appointment_id: appointment.id,
      data: { reminderId: dayBefore.id, offset: 'P1D', version: 1, dueAt: '2026-03-03T10:00:00.000Z' },
    });

    // The same job again (a retry, or the sweep re-adding it), even later: closed, nothing new.
    expect(await fire(dayBefore.id, sendAt)).toEqual({ kind: 'closed', status: 'sent', reason: 'not waiting' });
    expect(await fire(dayBefore.id, new Date(sendAt.getTime() + 3600_000))).toMatchObject({ kind: 'closed', status: 'sent' });
    expect(await reminderMessages(sam.id)).toHaveLength(1);
    expect(await sentEvents(sam.id)).toHaveLength(1);
    // The other offset is still waiting for its own time.
    expect((await reminderRow(appointment.id, 'PT2H')).status).toBe('scheduled');
  });

  it('two copies of the job firing at the same moment send one message', async () => {
    const jo = await participant();
    const { reminder } = await bookOne(jo.id, { startsAt: WEDNESDAY_10AM, offsets: ['P1D'] });
    const outcomes = await Promise.all([fire(reminder.id, reminder.send_at as Date), fire(reminder.id, reminder.send_at as Date)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['closed', 'sent']);
    expect(await reminderMessages(jo.id)).toHaveLength(1);
    expect(await sentEvents(jo.id)).toHaveLength(1);
  });

  it('after a PATCH (version 2) the version 1 reminder is superseded and nothing is queued', async () => {
    const kim = await participant();
    const { appointment, reminder } = await bookOne(kim.id, { startsAt: WEDNESDAY_10AM, offsets: ['P1D'] });

    const patched = await app.api<{ version: number }>('PATCH', `/api/appointments/${appointment.id}`, { location: 'Room 2, Leeds Jobcentre' }, keyWorker.token);
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.version).toBe(2);

    expect(await fire(reminder.id, reminder.send_at as Date)).toMatchObject({ kind: 'closed', status: 'superseded' });
    expect(await reminderRow(appointment.id, 'P1D')).toMatchObject({ status: 'superseded', message_id: null, sent_at: null });
    await expectNothingSent(kim.id);

    // Even if the row had been left waiting, the job itself sees the version has moved on.
    await reopen(reminder.id);
    expect(await fire(reminder.id, reminder.send_at as Date)).toEqual({ kind: 'closed', status: 'superseded', reason: 'appointment changed' });
    expect(await reminderRow(appointment.id, 'P1D')).toMatchObject({ status: 'superseded', reason: 'appointment changed' });
    await expectNothingSent(kim.id);
  });

  it('after a cancellation the reminder is cancelled and nothing is queued', async () => {
    const lee = await participant();
    const { appointment, reminder } = await bookOne(lee.id, { startsAt: WEDNESDAY_10AM, offsets: ['P1D'] });

    const cancelled = await app.api('POST', `/api/appointments/${appointment.id}/cancel`, { reason: 'Key worker ill' }, keyWorker.token);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);

    expect(await fire(reminder.id, reminder.send_at as Date)).toMatchObject({ kind: 'closed', status: 'cancelled' });
    expect(await reminderRow(appointment.id, 'P1D')).toMatchObject({ status: 'cancelled', message_id: null });
    await expectNothingSent(lee.id);

    await reopen(reminder.id);
    expect(await fire(reminder.id, reminder.send_at as Date)).toEqual({ kind: 'closed', status: 'cancelled', reason: 'appointment cancelled' });
    expect(await reminderRow(appointment.id, 'P1D')).toMatchObject({ status: 'cancelled', reason: 'appointment cancelled' });
    await expectNothingSent(lee.id);
  });

  it('after attendance is recorded the reminder is closed and nothing is queued', async () => {
    const ash = await participant();
    const { appointment, reminder } = await bookOne(ash.id, { startsAt: WEDNESDAY_10AM, offsets: ['P1D'] });

    const recorded = await app.api('POST', `/api/appointments/${appointment.id}/attendance`, { outcome: 'attended' }, keyWorker.token);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);

    expect(await fire(reminder.id, reminder.send_at as Date)).toMatchObject({ kind: 'closed' });
    expect(await reminderRow(appointment.id, 'P1D')).toMatchObject({ status: 'cancelled', message_id: null });
    await expectNothingSent(ash.id);

    await reopen(reminder.id);
    expect(await fire(reminder.id, reminder.send_at as Date)).toEqual({ kind: 'closed', status: 'cancelled', reason: 'attendance recorded' });
    await expectNothingSent(ash.id);
  });

  it('a participant who opted out after booking is skipped', async () => {
    const max = await participant();
    const { appointment, reminder } = await bookOne(max.id, { startsAt: WEDNESDAY_10AM, offsets: ['P1D'] });
    await new ParticipantRepository(app.db).setOptedOut(max.id, true, new Date('2026-03-02T18:00:00Z'));

    expect(await fire(reminder.id, reminder.send_at as Date)).toEqual({ kind: 'closed', status: 'skipped', reason: 'opted out' });
    expect(await reminderRow(appointment.id, 'P1D')).toMatchObject({ status: 'skipped', reason: 'opted out', message_id: null });
    await expectNothingSent(max.id);
  });

  it('a participant whose consent to contact is gone is skipped', async () => {
    const noor = await participant();
    const { appointment, reminder } = await bookOne(noor.id, { startsAt: WEDNESDAY_10AM, offsets: ['P1D'] });
    await app.db.updateTable('participants').set({ consent_contact: false }).where('id', '=', noor.id).execute();

    expect(await fire(reminder.id, reminder.send_at as Date)).toEqual({ kind: 'closed', status: 'skipped', reason: 'no consent' });
    expect(await reminderRow(appointment.id, 'P1D')).toMatchObject({ status: 'skipped', reason: 'no consent' });
    await expectNothingSent(noor.id);
  });

  it('a participant who muted reminders is skipped', async () => {
    const ola = await participant();
    const { appointment, reminder } = await bookOne(ola.id, { startsAt: WEDNESDAY_10AM, offsets: ['P1D'] });
    const muted = await app.api('PATCH', `/api/participants/${ola.id}`, { mutedStreams: ['reminders'] }, keyWorker.token);
    expect(muted.status, JSON.stringify(muted.body)).toBe(200);

    expect(await fire(reminder.id, reminder.send_at as Date)).toEqual({ kind: 'closed', status: 'skipped', reason: 'reminders muted' });
    expect(await reminderRow(appointment.id, 'P1D')).toMatchObject({ status: 'skipped', reason: 'reminders muted' });
    await expectNothingSent(ola.id);
  });

  it('a participant who was erased is skipped', async () => {
    const pat = await participant();
    const { appointment, reminder } = await bookOne(pat.id, { startsAt: WEDNESDAY_10AM, offsets: ['P1D'] });
    const erased = await app.api('DELETE', `/api/participants/${pat.id}`, undefined, keyWorker.token);
    expect(erased.status).toBe(204);

    expect(await fire(reminder.id, reminder.send_at as Date)).toEqual({ kind: 'closed', status: 'skipped', reason: 'participant erased' });
    expect(await reminderRow(appointment.id, 'P1D')).toMatchObject({ status: 'skipped', message_id: null });
    await expectNothingSent(pat.id);
  });

  it('a job that fires in quiet hours is deferred to the end of them, and sent then', async () => {
    const ren = await participant();
    // Wednesday 2pm; PT18H puts the reminder at 8pm on Tuesday, before quiet hours start.
    const wednesday2pm = new Date('2026-03-04T14:00:00Z');
    const { appointment, reminder } = await bookOne(ren.id, { startsAt: wednesday2pm, offsets: ['PT18H'] });
    expect(reminder.send_at).toEqual(new Date('2026-03-03T20:00:00Z'));

    // The job runs late, at 10:30pm London (GMT in March).
    const outcome = await fire(reminder.id, new Date('2026-03-03T22:30:00Z'));
    expect(outcome).toEqual({ kind: 'deferred', until: new Date('2026-03-04T08:00:00Z'), reason: 'quiet_hours' });
    expect(await reminderRow(appointment.id, 'PT18H')).toMatchObject({
      status: 'scheduled',
      send_at: new Date('2026-03-04T08:00:00Z'),
      reason: 'quiet_hours',
      message_id: null,
    });
    await expectNothingSent(ren.id);

    // At 8am it goes.
    expect(await fire(reminder.id, new Date('2026-03-04T08:00:00Z'))).toMatchObject({ kind: 'sent' });
    const messages = await reminderMessages(ren.id);
    expect(messages).toHaveLength(1);
    expect(String(messages[0]?.body)).toContain('Wed 4 Mar, 2pm');
    expect(await reminderRow(appointment.id, 'PT18H')).toMatchObject({ status: 'sent', message_id: messages[0]?.id });
    expect(await sentEvents(ren.id)).toHaveLength(1);
  });

  it('a job that fires on a bank holiday is deferred past it, and says so', async () => {
    const sol = await participant();
    // Saturday 4 April 2026, 10am BST. Its reminder is Thursday 2 April, 8:30pm BST.
    const saturday10am = new Date('2026-04-04T09:00:00Z');
    const { appointment, reminder } = await bookOne(sol.id, {
      startsAt: saturday10am,
      offsets: ['P1DT13H30M'],
      bookedAt: new Date('2026-03-30T09:00:00Z'),
    });
    expect(reminder.send_at).toEqual(new Date('2026-04-02T19:30:00Z'));

    // The job runs at 00:30 BST on Good Friday: no message until 8am on Saturday (BST).
    const outcome = await fire(reminder.id, new Date('2026-04-02T23:30:00Z'));
    expect(outcome).toMatchObject({ kind: 'deferred', until: new Date('2026-04-04T07:00:00Z') });
    expect(await reminderRow(appointment.id, 'P1DT13H30M')).toMatchObject({ status: 'scheduled', send_at: new Date('2026-04-04T07:00:00Z') });
    await expectNothingSent(sol.id);
    // Planning records a bank-holiday move as `bank_holiday` (nextAllowedSendTime), so firing should too.
    expect(outcome).toEqual({ kind: 'deferred', until: new Date('2026-04-04T07:00:00Z'), reason: 'bank_holiday' });
    expect((await reminderRow(appointment.id, 'P1DT13H30M')).reason).toBe('bank_holiday');
  });

  it('a job whose next allowed time is within 15 minutes of the appointment is dropped as too_late', async () => {
    const tam = await participant();
    // Wednesday 8:10am; the reminder is at 8pm on Tuesday.
    const wednesday810 = new Date('2026-03-04T08:10:00Z');
    const { appointment, reminder } = await bookOne(tam.id, { startsAt: wednesday810, offsets: ['PT12H10M'] });
    expect(reminder.send_at).toEqual(new Date('2026-03-03T20:00:00Z'));

    // Fired at 10:30pm: quiet until 8am, 10 minutes before the appointment.
    expect(await fire(reminder.id, new Date('2026-03-03T22:30:00Z'))).toEqual({ kind: 'closed', status: 'dropped', reason: 'too_late' });
    expect(await reminderRow(appointment.id, 'PT12H10M')).toMatchObject({ status: 'dropped', reason: 'too_late', message_id: null });
    await expectNothingSent(tam.id);
  });

  it('a job that fires less than 15 minutes before the appointment (or after it) is dropped as too_late', async () => {
    const uma = await participant();
    const { appointment } = await book(uma.id, { startsAt: WEDNESDAY_10AM, offsets: ['P1D', 'PT2H'] });
    const twoHours = await reminderRow(appointment.id, 'PT2H');
    const dayBefore = await reminderRow(appointment.id, 'P1D');

    expect(await fire(twoHours.id, new Date('2026-03-04T09:50:00Z'))).toEqual({ kind: 'closed', status: 'dropped', reason: 'too_late' });
    expect(await fire(dayBefore.id, new Date('2026-03-04T10:30:00Z'))).toEqual({ kind: 'closed', status: 'dropped', reason: 'too_late' });
    expect(await reminderRow(appointment.id, 'PT2H')).toMatchObject({ status: 'dropped', reason: 'too_late' });
    expect(await reminderRow(appointment.id, 'P1D')).toMatchObject({ status: 'dropped', reason: 'too_late' });
    await expectNothingSent(uma.id);
  });

  it('the daily cap defers a reminder that can wait to the next morning, and lets one for later today through', async () => {
    const vic = await participant();
    const messages = new MessageRepository(app.db);
    for (const [index, madeAt] of ['2026-03-03T08:05:00Z', '2026-03-03T08:30:00Z', '2026-03-03T09:00:00Z'].entries()) {
      const { message } = await messages.insertOutbound({
        participantId: vic.id,
        channel: 'sms',
        phone: vic.phone,
        body: `Earlier message ${index + 1}`,
        kind: index === 2 ? 'campaign' : 'reminder',
        sourceKey: `cap-${vic.id}-${index}`,
        status: 'queued',
      });
      // Made "today" on the test's clock (created_at is the database's now(), not the injected clock).
      await app.db.updateTable('messages').set({ created_at: new Date(madeAt), updated_at: new Date(madeAt) }).where('id', '=', message.id).execute();
    }

    // Thursday 10am, two days away: its P2D reminder is Tuesday 10am, after three capped messages that day.
    const thursday10am = new Date('2026-03-05T10:00:00Z');
    const later = await bookOne(vic.id, { startsAt: thursday10am, offsets: ['P2D'] });
    expect(later.reminder.send_at).toEqual(new Date('2026-03-03T10:00:00Z'));
    expect(await fire(later.reminder.id, new Date('2026-03-03T10:00:00Z'))).toEqual({
      kind: 'deferred',
      until: new Date('2026-03-04T08:00:00Z'),
      reason: 'daily_cap',
    });
    expect(await reminderRow(later.appointment.id, 'P2D')).toMatchObject({
      status: 'scheduled',
      send_at: new Date('2026-03-04T08:00:00Z'),
      reason: 'daily_cap',
      message_id: null,
    });
    expect((await reminderMessages(vic.id)).filter((m) => m.source_key.startsWith('reminder-'))).toEqual([]);

    // Tuesday 3pm, later today: waiting for tomorrow would be too late, so it goes over the cap.
    const tuesday3pm = new Date('2026-03-03T15:00:00Z');
    const today = await bookOne(vic.id, { startsAt: tuesday3pm, offsets: ['PT2H'] });
    expect(await fire(today.reminder.id, today.reminder.send_at as Date)).toMatchObject({ kind: 'sent' });
    const afterToday = (await reminderMessages(vic.id)).filter((m) => m.source_key.startsWith('reminder-'));
    expect(afterToday).toHaveLength(1);
    expect(String(afterToday[0]?.body)).toContain('Tue 3 Mar, 3pm');
    expect(afterToday[0]?.status).toBe('queued');
    // The one message over the cap says so on the record.
    expect((await sentEvents(vic.id)).map((e) => e.data.overCap)).toEqual([true]);

    // Next morning the deferred one goes.
    expect(await fire(later.reminder.id, new Date('2026-03-04T08:00:00Z'))).toMatchObject({ kind: 'sent' });
    const all = (await reminderMessages(vic.id)).filter((m) => m.source_key.startsWith('reminder-'));
    expect(all.map((m) => String(m.body).includes('Thu 5 Mar, 10am'))).toEqual([false, true]);
    expect(await reminderRow(later.appointment.id, 'P2D')).toMatchObject({ status: 'sent', message_id: all[1]?.id });
    expect(await sentEvents(vic.id)).toHaveLength(2);
  });

  it('a WhatsApp participant with no text from them in 24 hours still gets the reminder queued (the sender picks the channel)', async () => {
    const wyn = await participant({ channel: 'whatsapp' });
    const { appointment, reminder } = await bookOne(wyn.id, { startsAt: WEDNESDAY_10AM, offsets: ['P1D'] });
    const inbound = await app.db.selectFrom('messages').select('id').where('participant_id', '=', wyn.id).where('direction', '=', 'inbound').execute();
    expect(inbound).toEqual([]);

    expect(await fire(reminder.id, reminder.send_at as Date)).toMatchObject({ kind: 'sent' });
    const messages = await reminderMessages(wyn.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'whatsapp', status: 'queued', kind: 'reminder' });
    expect(String(messages[0]?.body)).toContain('Wed 4 Mar, 10am');
    expect(await reminderRow(appointment.id, 'P1D')).toMatchObject({ status: 'sent', message_id: messages[0]?.id });
  });

  it('across the March clock change a P1D reminder keeps the wall-clock time: Sunday 29 March, 10am BST', async () => {
    const xan = await participant();
    // Monday 30 March 2026, 10am BST (09:00Z); the clocks go forward at 01:00Z on Sunday 29 March.
    const monday10am = new Date('2026-03-30T09:00:00Z');
    const { appointment, reminder } = await bookOne(xan.id, { startsAt: monday10am, offsets: ['P1D'], bookedAt: new Date('2026-03-27T09:00:00Z') });
    expect(reminder.due_at).toEqual(new Date('2026-03-29T09:00:00Z'));
    expect(reminder.send_at).toEqual(new Date('2026-03-29T09:00:00Z'));

    expect(await fire(reminder.id, reminder.send_at as Date)).toMatchObject({ kind: 'sent' });
    const messages = await reminderMessages(xan.id);
    expect(messages).toHaveLength(1);
    expect(String(messages[0]?.body)).toContain('Mon 30 Mar, 10am');
    expect(await reminderRow(appointment.id, 'P1D')).toMatchObject({ status: 'sent', sent_at: new Date('2026-03-29T09:00:00Z') });
  });
});
