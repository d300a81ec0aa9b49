import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../domain/caseload.js';
import { ManualClock } from '../../domain/time/clock.js';
import type { CaseRecordDatabase } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { openTestEngine } from '../../test/test-database.js';
import { AppointmentCancelledError, AppointmentInPastError, AppointmentNotFoundError } from './appointment-changes.js';
import { BookAppointment } from './book-appointment.action.js';
import { CancelAppointment } from './cancel-appointment.action.js';
import { RescheduleAppointment } from './reschedule-appointment.action.js';
import { participantRow } from '../../test/participant-row.fixture.js';

const AT = new Date('2027-01-11T09:00:00Z');

describe('booking, rescheduling and cancelling an appointment (the actions PATCH, cancel and the CSV import share)', () => {
  let database: CaseRecordDatabase;
  let close: (() => Promise<void>) | undefined;
  let priya: StaffIdentity;
  let tom: StaffIdentity;
  let appointmentId: string;
  const queued = { reminders: [] as string[], removed: [] as string[], sends: [] as string[] };
  const deps = {
    clock: new ManualClock(AT),
    timeZone: 'Europe/London',
    programmeName: 'Next Steps',
    logger: pino({ level: 'silent' }),
    queues: {
      enqueueReminders: async (reminders: ReadonlyArray<{ jobId: string }>) => void queued.reminders.push(...reminders.map((r) => r.jobId)),
      removeReminderJobs: async (ids: readonly string[]) => void queued.removed.push(...ids),
      enqueueSends: async (ids: readonly string[]) => void queued.sends.push(...ids),
      enqueueFollowUps: async () => undefined,
    },
  };

  beforeAll(async () => {
    ({ database, close } = await openTestEngine('postgres', 'app_reschedule'));
    const staff = new StaffRepository(database.db);
    priya = await staff.create({ name: 'Priya', role: 'key_worker', team: 'North', tokenLookup: randomUUID(), tokenHash: 'h' });
    tom = await staff.create({ name: 'Tom', role: 'key_worker', team: 'North', tokenLookup: randomUUID(), tokenHash: 'h' });
    const participant = await new ParticipantRepository(database.db).create(participantRow({ firstName: 'Ann', phone: '+447700900790', keyWorkerId: priya.id, team: 'North', consentBasis: 'test', consentAt: AT }));
    const book = new BookAppointment(deps);
    const booked = await database.db.transaction().execute((tx) =>
      book.write(tx, { staff: priya, participant, booking: { title: 'CV workshop', location: null, startsAt: new Date('2027-01-20T10:00:00Z'), mandatory: false, reminderOffsets: ['P1D'] } }, AT),
    );
    await book.after(booked);
    appointmentId = booked.appointment.id;
    expect(queued.reminders).toEqual([`appt-${appointmentId}-v1-P1D`]);
  }, 60_000);
  afterAll(async () => close?.());

  it('a new time: version 2, the old reminder job removed, the new one queued, the participant told', async () => {
    const result = await new RescheduleAppointment(deps).execute(database.db, { staff: priya, appointmentId, changes: { startsAt: new Date('2027-01-21T10:00:00Z') } });
    expect(result.appointment.version).toBe(2);
    expect(queued.removed).toEqual([`appt-${appointmentId}-v1-P1D`]);
    expect(queued.reminders.at(-1)).toBe(`appt-${appointmentId}-v2-P1D`);
    expect(queued.sends).toHaveLength(1);
  });

  it('refuses a time in the past, another key worker’s appointment (as if absent), and a cancelled one', async () => {
    const reschedule = new RescheduleAppointment(deps);
    await expect(reschedule.execute(database.db, { staff: priya, appointmentId, changes: { startsAt: new Date('2027-01-01T10:00:00Z') } })).rejects.toBeInstanceOf(AppointmentInPastError);
    await expect(reschedule.execute(database.db, { staff: tom, appointmentId, changes: { title: 'Mine now' } })).rejects.toBeInstanceOf(AppointmentNotFoundError);
    await expect(new CancelAppointment(deps).execute(database.db, { staff: tom, appointmentId, reason: null })).rejects.toBeInstanceOf(AppointmentNotFoundError);

    const cancelled = await new CancelAppointment(deps).execute(database.db, { staff: priya, appointmentId, reason: 'no longer needed' });
    expect(cancelled.appointment.status).toBe('cancelled');
    expect(queued.sends).toHaveLength(2);
    await expect(reschedule.execute(database.db, { staff: priya, appointmentId, changes: { title: 'Again' } })).rejects.toBeInstanceOf(AppointmentCancelledError);
    await expect(new CancelAppointment(deps).execute(database.db, { staff: priya, appointmentId, reason: null })).rejects.toBeInstanceOf(AppointmentCancelledError);
  });
});
