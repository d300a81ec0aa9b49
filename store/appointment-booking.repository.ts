import { appointmentRow, type NewAppointment } from './appointment.repository.js';
import { eventRow, type NewEvent } from './case-record.repository.js';
import type { Executor } from './database.js';
import type { AppointmentRow, ReminderRow } from './schema.js';

/** A new appointment (version 1) with its reminder rows and its `appointment.created` event, all ids chosen. */
export interface NewBookingRows {
  appointment: NewAppointment & { id: string };
  reminders: readonly ReminderRow[];
  event: NewEvent;
}

/** PostgreSQL's limit on a statement's parameters. */
const MAX_PARAMETERS = 65_535;
const APPOINTMENT_PARAMETERS = 10;
const REMINDER_PARAMETERS = 12;
const EVENT_PARAMETERS = 6;

export class AppointmentBookingRepository {
  constructor(private readonly db: Executor) {}

  /**
   * New appointments, their reminders and their events in one statement a batch (the reminders and events as
   * data-modifying CTEs of the appointments' INSERT: one round trip instead of three). The reminders' ids are the
   * caller's, so they are not read back; the appointments are returned (the database sets their timestamps), in
   * the order given. A reminder whose job id exists already fails the statement: a new appointment's cannot.
   */
  async insertMany(bookings: readonly NewBookingRows[]): Promise<AppointmentRow[]> {
    const saved = new Map<string, AppointmentRow>();
    for (const batch of withinParameterLimit(bookings)) {
      const reminders = batch.flatMap((b) => [...b.reminders]);
      const appointments = batch.map((b) => ({ ...appointmentRow(b.appointment), version: 1 }));
      const withEvents = this.db.with('appointment_events', (db) =>
        db
          .insertInto('case_record_events')
          .values(batch.map((b) => eventRow(b.event)))
          .onConflict((oc) => oc.column('source_key').doNothing()),
      );
      const rows =
        reminders.length === 0
          ? await withEvents.insertInto('appointments').values(appointments).returningAll().execute()
          : await withEvents
              .with('appointment_reminders', (db) => db.insertInto('reminders').values(reminders))
              .insertInto('appointments')
              .values(appointments)
              .returningAll()
              .execute();
      for (const row of rows) saved.set(row.id, row);
    }
    return bookings.map((b) => {
      const row = saved.get(b.appointment.id);
      if (!row) throw new Error(`appointment ${b.appointment.id} was not inserted`);
      return row;
    });
  }
}

function* withinParameterLimit(bookings: readonly NewBookingRows[]): Generator<NewBookingRows[]> {
  let batch: NewBookingRows[] = [];
  let parameters = 0;
  for (const booking of bookings) {
    const needed = APPOINTMENT_PARAMETERS + EVENT_PARAMETERS + REMINDER_PARAMETERS * booking.reminders.length;
    if (parameters + needed > MAX_PARAMETERS && batch.length > 0) {
      yield batch;
      batch = [];
      parameters = 0;
    }
    batch.push(booking);
    parameters += needed;
  }
  if (batch.length > 0) yield batch;
}
