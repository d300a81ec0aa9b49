import type { StaffIdentity } from '../../domain/caseload.js';
import { caseloadOf } from '../../domain/caseload.js';
import {
  type AppointmentColumn,
  type ImportedAppointment,
  readAppointmentHeader,
  readAppointmentRow,
} from '../../domain/imports/appointment-import.js';
import { cellsByColumn } from '../../domain/imports/csv-import.js';
import { AppointmentRepository, type AppointmentChanges } from '../../store/appointment.repository.js';
import type { ScheduleResult } from '../appointments/appointment-schedule.js';
import type { Db, Tx } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { AppointmentRow } from '../../store/schema.js';
import { type AppointmentActionDeps, AppointmentInPastError, enqueueAppointmentJobs } from '../appointments/appointment-changes.js';
import { BookAppointment } from '../appointments/book-appointment.action.js';
import { CancelAppointment } from '../appointments/cancel-appointment.action.js';
import {
  DryRunRollback,
  type ImportProgress,
  type ImportReport,
  openCsvImport,
} from './csv-import.js';
import { RescheduleAppointment } from '../appointments/reschedule-appointment.action.js';

export interface ImportAppointmentsInput {
  csv: Uint8Array;
  dryRun: boolean;
  staff: StaffIdentity;
  onProgress?: ImportProgress;
}

export type AppointmentImportReport = ImportReport<AppointmentColumn>;

export interface ImportAppointmentsDeps extends AppointmentActionDeps {
  db: Db;
}

/** Said of a participant's CRM id that is not on the importer's caseload, whether or not it is on another. */
export const UNKNOWN_PARTICIPANT = 'is not a participant in your caseload (no one you can see has this external_ref)';
export const CANCELLED_IN_CRM = 'Cancelled in the programme’s CRM (CSV import)';

type RowOutcome =
  | { kind: 'created' | 'updated' | 'unchanged'; result?: ScheduleResult }
  | { kind: 'rejected'; field: AppointmentColumn; message: string };

/**
 * Appointments from the programme's CRM, streamed, one row at a time, each its own transaction (all of it or none). A row is
 * booked, changed or cancelled through the same actions as the API (BookAppointment, RescheduleAppointment —
 * PATCH's path, so a new time is a new version, the old reminders never fire and the participant is told —
 * and CancelAppointment). A row the appointment already matches changes and sends nothing. A dry run runs every
 * row the same way and rolls it back, so it reports exactly what a real run would, and writes and sends nothing.
 */
export class ImportAppointments {
  private readonly book: BookAppointment;
  private readonly reschedule: RescheduleAppointment;
  private readonly cancel: CancelAppointment;

  constructor(private readonly deps: ImportAppointmentsDeps) {
    this.book = new BookAppointment(deps);
    this.reschedule = new RescheduleAppointment(deps);
    this.cancel = new CancelAppointment(deps);
  }

  async execute(input: ImportAppointmentsInput): Promise<AppointmentImportReport> {
    const file = await openCsvImport(input.csv, readAppointmentHeader);
    const report: AppointmentImportReport = { dryRun: input.dryRun, rows: 0, created: 0, updated: 0, unchanged: 0, rejected: [], unknownColumns: file.header.unknown };
    const seen = new Set<string>();
    for await (const { row, cells } of file.rows()) {
      input.onProgress?.(report.rows, file.total);
      report.rows += 1;
      const reading = readAppointmentRow(cellsByColumn(file.header.columns, cells), this.deps.timeZone);
      if (!reading.ok) {
        report.rejected.push(...reading.problems.map((problem) => ({ row, ...problem })));
        continue;
      }
      // Which of two rows for one appointment the CRM meant is not ours to guess: the first has gone in.
      const key = JSON.stringify([reading.appointment.externalRef, reading.appointment.appointmentRef]);
      if (seen.has(key)) {
        report.rejected.push({ row, field: 'appointment_ref', message: 'appears on an earlier row of this file for the same participant' });
        continue;
      }
      seen.add(key);
      const outcome = await this.importRow(reading.appointment, input);
      if (outcome.kind === 'rejected') {
        report.rejected.push({ row, field: outcome.field, message: outcome.message });
        continue;
      }
      report[outcome.kind] += 1;
      if (outcome.result && !input.dryRun) await enqueueAppointmentJobs(this.deps, outcome.result);
    }
    input.onProgress?.(report.rows, file.total);
    return report;
  }

  private async importRow(row: ImportedAppointment, input: ImportAppointmentsInput): Promise<RowOutcome> {
    const now = this.deps.clock.now();
    try {
      return await this.deps.db.transaction().execute(async (tx) => {
        const outcome = await this.writeRow(tx, row, input.staff, now);
        if (input.dryRun) throw new DryRunRollback(outcome);
        return outcome;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.outcome as RowOutcome;
      if (error instanceof AppointmentInPastError) return { kind: 'rejected', field: 'starts_at', message: 'is in the past' };
      throw error;
    }
  }

  private async writeRow(tx: Tx, row: ImportedAppointment, staff: StaffIdentity, now: Date): Promise<RowOutcome> {
    const participants = new ParticipantRepository(tx);
    const found = await participants.findByExternalRef(row.externalRef);
    // Outside the caller's caseload reads exactly as absent: never reveal another caseload.
    const inCaseload = found && (await participants.findById(found.id, caseloadOf(staff)));
    const participant = inCaseload && (await participants.lockForUpdate(inCaseload.id));
    if (!participant) return { kind: 'rejected', field: 'external_ref', message: UNKNOWN_PARTICIPANT };

    const existing = await new AppointmentRepository(tx).findByExternalRef(participant.id, row.appointmentRef, true);
    if (!existing) {
      // Cancelled in the CRM before we ever saw it: nothing to book, nothing to tell anyone.
      if (row.cancelled) return { kind: 'unchanged' };
      const booking = {
        title: row.title as string,
        location: row.location ?? null,
        startsAt: row.startsAt as Date,
        mandatory: row.mandatory ?? false,
        reminderOffsets: row.reminderOffsets ?? null,
        externalRef: row.appointmentRef,
      };
      return { kind: 'created', result: await this.book.write(tx, { staff, participant, booking }, now) };
    }

    if (row.cancelled) {
      if (existing.status === 'cancelled') return { kind: 'unchanged' };
      return { kind: 'updated', result: await this.cancel.write(tx, { staff, appointment: existing, participant, reason: CANCELLED_IN_CRM }, now) };
    }
    if (existing.status === 'cancelled') {
      return { kind: 'rejected', field: 'cancelled', message: 'this appointment was cancelled: a new booking needs an appointment_ref of its own' };
    }
    const changes = changesFrom(existing, row);
    if (Object.keys(changes).length === 0) return { kind: 'unchanged' };
    return { kind: 'updated', result: await this.reschedule.write(tx, { staff, appointment: existing, participant, changes }, now) };
  }
}

/** What the row changes; a field the row leaves empty keeps what the appointment has. */
function changesFrom(existing: AppointmentRow, row: ImportedAppointment): AppointmentChanges {
  const changes: AppointmentChanges = {};
  if (row.startsAt !== undefined && row.startsAt.getTime() !== existing.starts_at.getTime()) changes.startsAt = row.startsAt;
  if (row.title !== undefined && row.title !== existing.title) changes.title = row.title;
  if (row.location !== undefined && row.location !== existing.location) changes.location = row.location;
  if (row.mandatory !== undefined && row.mandatory !== existing.mandatory) changes.mandatory = row.mandatory;
  if (row.reminderOffsets !== undefined && JSON.stringify(row.reminderOffsets) !== JSON.stringify(existing.reminder_offsets)) {
    changes.reminderOffsets = row.reminderOffsets;
  }
  return changes;
}
