import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../test/test-database.js';
import { AppointmentBookingRepository, type NewBookingRows } from './appointment-booking.repository.js';
import type { CaseRecordDatabase, Db } from './database.js';
import { ParticipantRepository } from './participant.repository.js';
import { reminderRow } from './reminder.repository.js';
import { StaffRepository } from './staff.repository.js';
import { participantRow } from '../test/participant-row.fixture.js';

describe.each([['postgres'], ['pglite']] as const)('booking appointments in one statement on %s', (engine) => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'appointment_booking'));
    db = database.db;
  });
  afterAll(async () => close?.());

  it('writes every appointment, reminder and event, past the parameter limit of one statement, in the order given', async () => {
    const staff = await new StaffRepository(db).create({ name: 'Kim', role: 'admin', team: null, tokenLookup: randomUUID(), tokenHash: 'x' });
    const participant = await new ParticipantRepository(db).create(participantRow());
    const startsAt = new Date('2027-03-01T10:00:00Z');
    // 40 parameters a booking: 2,000 of them need two statements.
    const bookings: NewBookingRows[] = Array.from({ length: 2000 }, (_, i) => {
      const id = randomUUID();
      const plan = [
        { offset: 'P1D', dueAt: new Date(startsAt.getTime() - 86_400_000), sendAt: new Date(startsAt.getTime() - 86_400_000), status: 'scheduled' as const },
        { offset: 'PT1M', dueAt: new Date(startsAt.getTime() - 60_000), sendAt: null, status: 'dropped' as const, reason: 'too_late' as const },
      ];
      return {
        appointment: { id, participantId: participant.id, title: `Review ${i}`, location: null, startsAt, mandatory: false, reminderOffsets: ['P1D', 'PT1M'], createdBy: staff.id },
        reminders: plan.map((p) => ({ ...reminderRow(id, participant.id, 1, p), id: randomUUID(), message_id: null, sent_at: null })),
        event: { participantId: participant.id, type: 'appointment.created', at: startsAt, appointmentId: id, data: { i }, sourceKey: `appt-${id}-created` },
      };
    });

    const rows = await db.transaction().execute((tx) => new AppointmentBookingRepository(tx).insertMany(bookings));

    expect(rows.map((r) => r.id)).toEqual(bookings.map((b) => b.appointment.id));
    expect(rows[0]).toMatchObject({ version: 1, status: 'scheduled', reminder_offsets: ['P1D', 'PT1M'], title: 'Review 0' });
    const stored = await db.selectFrom('reminders').selectAll().where('participant_id', '=', participant.id).execute();
    const sent = new Map(bookings.flatMap((b) => b.reminders).map((r) => [r.id, r]));
    expect(stored).toHaveLength(4000);
    for (const row of stored) expect(row).toEqual(sent.get(row.id));
    const events = await db.selectFrom('case_record_events').select('appointment_id').where('type', '=', 'appointment.created').execute();
    expect(events).toHaveLength(2000);
  });
});
