import { tzOffset } from '@date-fns/tz';
import { z } from 'zod';
import { parseCalendarDate } from '../time/calendar-date.js';
import { type HeaderReading, readHeaderOf, readYesNo } from './csv-import.js';
import { nominalMinutes, parseIsoDuration } from '../time/iso-duration.js';
import { MIN_LEAD_MINUTES } from '../appointments/reminder-schedule.js';

/** The columns an appointments CSV may have, as their headers read once normalised (`Starts At` → `starts_at`). */
export const APPOINTMENT_COLUMNS = [
  'external_ref',
  'appointment_ref',
  'starts_at',
  'title',
  'location',
  'mandatory',
  'reminder_offsets',
  'cancelled',
] as const;
export type AppointmentColumn = (typeof APPOINTMENT_COLUMNS)[number];
export const REQUIRED_APPOINTMENT_COLUMNS: readonly AppointmentColumn[] = ['external_ref', 'appointment_ref', 'starts_at', 'title'];

export function readAppointmentHeader(cells: readonly string[]): HeaderReading<AppointmentColumn> {
  return readHeaderOf(cells, APPOINTMENT_COLUMNS, REQUIRED_APPOINTMENT_COLUMNS);
}

export interface AppointmentRowProblem {
  field: AppointmentColumn;
  message: string;
}

/** One row as the CSV gives it; a field left undefined was not given (an existing appointment keeps what it has). */
export interface ImportedAppointment {
  /** The participant's id in the CRM. */
  externalRef: string;
  /** The CRM's id for this appointment. */
  appointmentRef: string;
  startsAt?: Date;
  title?: string;
  location?: string;
  mandatory?: boolean;
  reminderOffsets?: string[];
  cancelled: boolean;
}

export type AppointmentRowReading = { ok: true; appointment: ImportedAppointment } | { ok: false; problems: AppointmentRowProblem[] };

const MAX_REF = 100;
const MAX_TITLE = 80;
const MAX_LOCATION = 120;
const MAX_OFFSETS = 6;
const CONTROL_CHARACTERS = /\p{Cc}/u;

/**
 * Reads one data row: the same limits as POST /api/participants/:id/appointments. `starts_at` and `title` may be
 * left out only on a row that cancels. Text is kept exactly as typed (trimmed).
 */
export function readAppointmentRow(cells: Partial<Record<AppointmentColumn, string>>, timeZone: string): AppointmentRowReading {
  const problems: AppointmentRowProblem[] = [];
  const given = (column: AppointmentColumn): string | undefined => {
    const value = cells[column]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const text = (column: AppointmentColumn, max: number, required: boolean): string | undefined => {
    const value = given(column);
    if (value === undefined) {
      if (required) problems.push({ field: column, message: 'is required' });
      return undefined;
    }
    if (value.length > max) problems.push({ field: column, message: `is longer than ${max} characters` });
    else if (CONTROL_CHARACTERS.test(value)) problems.push({ field: column, message: 'must not contain control characters' });
    else return value;
    return undefined;
  };

  let cancelled = false;
  const cancelledCell = given('cancelled');
  if (cancelledCell !== undefined) {
    const answer = readYesNo(cancelledCell);
    if (answer === null) problems.push({ field: 'cancelled', message: 'must be yes, no or empty' });
    else cancelled = answer;
  }

  const externalRef = text('external_ref', MAX_REF, true);
  const appointmentRef = text('appointment_ref', MAX_REF, true);

  let startsAt: Date | undefined;
  const startsCell = given('starts_at');
  if (startsCell === undefined) {
    if (!cancelled) problems.push({ field: 'starts_at', message: 'is required' });
  } else {
    const reading = readStartsAt(startsCell, timeZone);
    if (reading.ok) startsAt = reading.instant;
    else problems.push({ field: 'starts_at', message: reading.message });
  }

  const title = text('title', MAX_TITLE, !cancelled);
  const location = text('location', MAX_LOCATION, false);

  let mandatory: boolean | undefined;
  const mandatoryCell = given('mandatory');
  if (mandatoryCell !== undefined) {
    const answer = readYesNo(mandatoryCell);
    if (answer === null) problems.push({ field: 'mandatory', message: 'must be yes or no' });
    else mandatory = answer;
  }

  let reminderOffsets: string[] | undefined;
  const offsetsCell = given('reminder_offsets');
  if (offsetsCell !== undefined) {
    const reading = readReminderOffsets(offsetsCell);
    if (reading.ok) reminderOffsets = reading.offsets;
    else problems.push({ field: 'reminder_offsets', message: reading.message });
  }

  if (problems.length > 0 || externalRef === undefined || appointmentRef === undefined) return { ok: false, problems };
  return {
    ok: true,
    appointment: {
      externalRef,
      appointmentRef,
      cancelled,
      ...(startsAt !== undefined && { startsAt }),
      ...(title !== undefined && { title }),
      ...(location !== undefined && { location }),
      ...(mandatory !== undefined && { mandatory }),
      ...(reminderOffsets !== undefined && { reminderOffsets }),
    },
  };
}

type StartsAtReading = { ok: true; instant: Date } | { ok: false; message: string };

const ISO_WITH_OFFSET = z.iso.datetime({ offset: true });
const ISO_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/u;
const UK_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})$/u;
const FORMATS = 'must be ISO 8601 with an offset (2027-01-14T10:00:00Z, 2027-06-14T10:00:00+01:00) or DD/MM/YYYY HH:MM in UK time';

/**
 * ISO 8601 with an offset, or `DD/MM/YYYY HH:MM` on the programme's clock. A local time the clocks skip (spring
 * forward) or pass twice (fall back) is refused with a message saying so: which instant the CRM meant is not ours
 * to guess, and a reminder an hour out is worse than a rejected row.
 */
export function readStartsAt(value: string, timeZone: string): StartsAtReading {
  const trimmed = value.trim();
  if (ISO_WITH_OFFSET.safeParse(trimmed).success) return { ok: true, instant: new Date(trimmed) };
  if (ISO_WITHOUT_OFFSET.test(trimmed)) {
    return { ok: false, message: 'has no UTC offset: add one (Z, +01:00) or write it as DD/MM/YYYY HH:MM for UK time' };
  }
  const match = UK_DATE_TIME.exec(trimmed);
  if (!match) return { ok: false, message: FORMATS };
  const [day, month, year, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const date = `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!parseCalendarDate(date)) return { ok: false, message: `is not a real date (${trimmed})` };
  if (hour > 23 || minute > 59) return { ok: false, message: `is not a real time of day (${trimmed})` };
  const instants = localTimeInstants(year, month, day, hour, minute, timeZone);
  const shown = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} on ${trimmed.split(/\s+/u)[0] ?? date}`;
  const [only, second] = instants;
  if (only === undefined) {
    return { ok: false, message: `${shown} does not exist in UK time: the clocks go forward an hour that night; give a time outside the skipped hour` };
  }
  if (second !== undefined) {
    return {
      ok: false,
      message: `${shown} happens twice in UK time (the clocks go back that night): give it with its offset, ${isoWithOffset(only, timeZone)} or ${isoWithOffset(second, timeZone)}`,
    };
  }
  return { ok: true, instant: only };
}

/** Every instant whose wall-clock time in `timeZone` is the one given: none in a gap, two in an overlap. */
function localTimeInstants(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date[] {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const around = [wall - 36 * 3600_000, wall + 36 * 3600_000].map((ms) => tzOffset(timeZone, new Date(ms)));
  const instants = [...new Set(around)]
    .map((offsetMinutes) => wall - offsetMinutes * 60_000)
    .filter((ms) => tzOffset(timeZone, new Date(ms)) * 60_000 === wall - ms)
    .sort((a, b) => a - b);
  return [...new Set(instants)].map((ms) => new Date(ms));
}

function isoWithOffset(instant: Date, timeZone: string): string {
  const offset = tzOffset(timeZone, instant);
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `P1D PT2H` (spaces, commas or semicolons between them; any case): the same rules as the API's reminderOffsets. */
export function readReminderOffsets(value: string): { ok: true; offsets: string[] } | { ok: false; message: string } {
  const offsets = value
    .split(/[\s,;]+/u)
    .filter((part) => part !== '')
    .map((part) => part.toUpperCase());
  if (offsets.length > MAX_OFFSETS) return { ok: false, message: `may list at most ${MAX_OFFSETS} offsets` };
  for (const [index, offset] of offsets.entries()) {
    const duration = parseIsoDuration(offset);
    if (!duration) return { ok: false, message: `${offset} is not an ISO 8601 duration such as P2D or PT2H (at most 60 days)` };
    if (nominalMinutes(duration) < MIN_LEAD_MINUTES) return { ok: false, message: `${offset} must be at least ${MIN_LEAD_MINUTES} minutes before the appointment` };
    if (offsets.indexOf(offset) !== index) return { ok: false, message: `lists ${offset} twice` };
  }
  return { ok: true, offsets };
}
