import { caseloadOf, type StaffIdentity } from '../../domain/caseload.js';
import { AppointmentRepository } from '../../store/appointment.repository.js';
import type { Db } from '../../store/database.js';
import { ReminderRepository } from '../../store/reminder.repository.js';
import type { AppointmentRow, ReminderRow } from '../../store/schema.js';
import { AppointmentNotFoundError } from './appointment-changes.js';

/** What staff read of an appointment: the appointment with its reminders. */
export class ReadAppointments {
  constructor(private readonly deps: { db: Db }) {}

  async one(staff: StaffIdentity, id: string): Promise<{ appointment: AppointmentRow; reminders: ReminderRow[] }> {
    const appointment = await new AppointmentRepository(this.deps.db).findInCaseload(id, caseloadOf(staff));
    if (!appointment) throw new AppointmentNotFoundError();
    return { appointment, reminders: await this.reminders(appointment.id) };
  }

  async reminders(appointmentId: string): Promise<ReminderRow[]> {
    return new ReminderRepository(this.deps.db).listForAppointment(appointmentId);
  }
}
