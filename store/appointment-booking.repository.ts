import { sql } from 'kysely';
import { appointmentRow, type NewAppointment } from './appointment.repository.js';
import { eventRow, type NewEvent } from './case-record.repository.js';
import { preparedStatement, type Executor } from './database.js';
import type { AppointmentRow, ReminderRow } from './schema.js';

/** A new appointment (version 1) with its reminder rows and its `appointment.created` event, all ids chosen. */
export interface NewBookingRows {
  appointment: NewAppointment & { id: string };
  reminders: readonly ReminderRow[];
  event: NewEvent;
}

/** Bookings a statement: bounds its size for a very large import, far above a bulk request's. */
const BOOKINGS_PER_STATEMENT = 5_000;

export class AppointmentBookingRepository {
  constructor(private readonly db: Executor) {}

  /**
   * New appointments, their reminders and their events in one statement a batch (the reminders and events as
   * data-modifying CTEs of the appointments' INSERT: one round trip instead of three). Each column goes as one array
   * parameter (unnest), so the statement's text is the same whatever the batch's size: prepared once a connection,
   * and node builds 28 parameters instead of about 34 a booking (building, serialising and collecting those was
   * most of node's time per booking). The reminders' ids are the caller's, so they are not read back; the
   * appointments are returned (the database sets their timestamps), in the order given. A reminder whose job id
   * exists already fails the statement: a new appointment's cannot.
   */
  async insertMany(bookings: readonly NewBookingRows[]): Promise<AppointmentRow[]> {
    const saved = new Map<string, AppointmentRow>();
    for (let start = 0; start < bookings.length; start += BOOKINGS_PER_STATEMENT) {
      for (const row of await this.insertBatch(bookings.slice(start, start + BOOKINGS_PER_STATEMENT))) saved.set(row.id, row);
    }
    return bookings.map((b) => {
      const row = saved.get(b.appointment.id);
      if (!row) throw new Error(`appointment ${b.appointment.id} was not inserted`);
      return row;
    });
  }

  private async insertBatch(batch: readonly NewBookingRows[]): Promise<AppointmentRow[]> {
    const appointments = batch.map((b) => appointmentRow(b.appointment));
    const events = batch.map((b) => eventRow(b.event));
    const reminders = batch.flatMap((b) => b.reminders);
    const column = <T, K extends keyof T>(rows: readonly T[], key: K) => sql.val(rows.map((row) => row[key]));
    const result = await sql<AppointmentRow>`${preparedStatement('appointment-bookings')}
      with appointment_events as (
        insert into case_record_events (participant_id, type, at, appointment_id, data, source_key)
        select * from unnest(${column(events, 'participant_id')}::uuid[], ${column(events, 'type')}::text[],
          ${column(events, 'at')}::timestamptz[], ${column(events, 'appointment_id')}::uuid[], ${column(events, 'data')}::jsonb[],
          ${column(events, 'source_key')}::text[])
        on conflict (source_key) do nothing
      ),
      appointment_reminders as (
        insert into reminders (id, appointment_id, participant_id, version, "offset", due_at, send_at, status, reason, job_id, message_id, sent_at)
        select * from unnest(${column(reminders, 'id')}::uuid[], ${column(reminders, 'appointment_id')}::uuid[],
          ${column(reminders, 'participant_id')}::uuid[], ${column(reminders, 'version')}::integer[], ${column(reminders, 'offset')}::text[],
          ${column(reminders, 'due_at')}::timestamptz[], ${column(reminders, 'send_at')}::timestamptz[], ${column(reminders, 'status')}::text[],
          ${column(reminders, 'reason')}::text[], ${column(reminders, 'job_id')}::text[], ${column(reminders, 'message_id')}::uuid[],
          ${column(reminders, 'sent_at')}::timestamptz[])
      )
      insert into appointments (id, participant_id, version, title, location, starts_at, mandatory, reminder_offsets, created_by, external_ref)
      select id, participant_id, 1, title, location, starts_at, mandatory, reminder_offsets, created_by, external_ref
      from unnest(${column(appointments, 'id')}::uuid[], ${column(appointments, 'participant_id')}::uuid[], ${column(appointments, 'title')}::text[],
        ${column(appointments, 'location')}::text[], ${column(appointments, 'starts_at')}::timestamptz[], ${column(appointments, 'mandatory')}::boolean[],
        ${column(appointments, 'reminder_offsets')}::jsonb[], ${column(appointments, 'created_by')}::uuid[], ${column(appointments, 'external_ref')}::text[])
        as given (id, participant_id, title, location, starts_at, mandatory, reminder_offsets, created_by, external_ref)
      returning *`.execute(this.db);
    return result.rows;
  }
}
