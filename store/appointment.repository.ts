import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { UpcomingAppointment } from '../domain/appointments/appointment.types.js';
import type { CaseloadScope } from '../domain/caseload.js';
import { inCaseload } from './caseload-filter.js';
import type { Executor } from './database.js';
import type { AppointmentRow } from './schema.js';

export interface NewAppointment {
  participantId: string;
  title: string;
  location: string | null;
  startsAt: Date;
  mandatory: boolean;
  reminderOffsets: string[] | null;
  createdBy: string;
  /** The programme CRM's id for it (CSV import). */
  externalRef?: string | null;
}

export interface AppointmentChanges {
  title?: string;
  location?: string | null;
  startsAt?: Date;
  mandatory?: boolean;
  reminderOffsets?: string[] | null;
}

export class AppointmentRepository {
  constructor(private readonly db: Executor) {}

  /** One appointment (bookings go through AppointmentBookingRepository, with their reminders and event). */
  async create(a: NewAppointment): Promise<AppointmentRow> {
    return this.db.insertInto('appointments').values(appointmentRow({ ...a, id: randomUUID() })).returningAll().executeTakeFirstOrThrow();
  }

  /** The appointment if its participant is in the caller's caseload (and not erased). */
  async findInCaseload(id: string, scope: CaseloadScope, lock = false): Promise<AppointmentRow | undefined> {
    const query = this.db
      .selectFrom('appointments')
      .innerJoin('participants', 'participants.id', 'appointments.participant_id')
      .selectAll('appointments')
      .where('appointments.id', '=', id)
      .where('participants.erased_at', 'is', null)
      .where(inCaseload(scope));
    return lock ? query.forUpdate(['appointments']).executeTakeFirst() : query.executeTakeFirst();
  }

  /** One participant's appointment by the CRM's id for it, locked when asked (the caller holds the participant's lock). */
  async findByExternalRef(participantId: string, externalRef: string, lock = false): Promise<AppointmentRow | undefined> {
    const query = this.db.selectFrom('appointments').selectAll().where('participant_id', '=', participantId).where('external_ref', '=', externalRef);
    return lock ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
  }

  async findById(id: string): Promise<AppointmentRow | undefined> {
    return this.db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A change is a new version: reminders of older versions never fire. */
  async reschedule(id: string, changes: AppointmentChanges): Promise<AppointmentRow> {
    return this.db
      .updateTable('appointments')
      .set({
        ...(changes.title !== undefined && { title: changes.title }),
        ...(changes.location !== undefined && { location: changes.location }),
        ...(changes.startsAt !== undefined && { starts_at: changes.startsAt }),
        ...(changes.mandatory !== undefined && { mandatory: changes.mandatory }),
        ...(changes.reminderOffsets !== undefined && {
          reminder_offsets: changes.reminderOffsets ? JSON.stringify(changes.reminderOffsets) : null,
        }),
        version: sql<number>`version + 1`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async cancel(id: string, reason: string | null): Promise<AppointmentRow> {
    return this.db
      .updateTable('appointments')
      .set({ status: 'cancelled', cancel_reason: reason, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async setAttendance(id: string, outcome: 'attended' | 'did_not_attend'): Promise<AppointmentRow> {
    return this.db
      .updateTable('appointments')
      .set({ attendance: outcome, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Appointments still ahead and not cancelled, soonest first, with when each was last reminded about. */
  async listUpcoming(participantId: string, now: Date): Promise<UpcomingAppointment[]> {
    const rows = await this.db
      .selectFrom('appointments')
      .leftJoin('reminders', (join) =>
        join
          .onRef('reminders.appointment_id', '=', 'appointments.id')
          .onRef('reminders.version', '=', 'appointments.version')
          .on('reminders.status', '=', 'sent'),
      )
      .select([
        'appointments.id',
        'appointments.version',
        'appointments.title',
        'appointments.location',
        'appointments.starts_at',
        'appointments.mandatory',
        sql<Date | null>`max(reminders.sent_at)`.as('last_reminded_at'),
      ])
      .where('appointments.participant_id', '=', participantId)
      .where('appointments.status', '=', 'scheduled')
      .where('appointments.starts_at', '>', now)
      .groupBy('appointments.id')
      .orderBy('appointments.starts_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      title: r.title,
      location: r.location,
      startsAt: r.starts_at,
      mandatory: r.mandatory,
      lastRemindedAt: r.last_reminded_at ? new Date(r.last_reminded_at) : null,
    }));
  }

  /** Missed appointments of one person that started since `since` (the rolling DNA window). */
  async countDnasSince(participantId: string, since: Date): Promise<number> {
    const row = await this.db
      .selectFrom('appointments')
      .select(sql<string>`count(*)`.as('n'))
      .where('participant_id', '=', participantId)
      .where('attendance', '=', 'did_not_attend')
      .where('starts_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listForParticipant(participantId: string): Promise<AppointmentRow[]> {
    return this.db
      .selectFrom('appointments')
      .selectAll()
      .where('participant_id', '=', participantId)
      .orderBy('starts_at')
      .execute();
  }
}

/** The row a new appointment inserts (version, status and timestamps are the table's defaults). */
export function appointmentRow(a: NewAppointment & { id: string }) {
  return {
    id: a.id,
    participant_id: a.participantId,
    title: a.title,
    location: a.location,
    starts_at: a.startsAt,
    mandatory: a.mandatory,
    reminder_offsets: a.reminderOffsets ? JSON.stringify(a.reminderOffsets) : null,
    created_by: a.createdBy,
    external_ref: a.externalRef ?? null,
  };
}
