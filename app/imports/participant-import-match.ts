import { TZDate } from '@date-fns/tz';
import { localCalendarDate, parseCalendarDate } from '../../domain/time/calendar-date.js';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { ImportedParticipant, ParticipantColumn } from '../../domain/imports/participant-import.js';
import type { ParticipantChanges } from '../../store/participant.repository.js';
import type { ParticipantRow } from '../../store/schema.js';

export const IMPORT_CONSENT_BASIS = 'Consent to be texted recorded in the programme’s CRM (CSV import)';
/** Said of a number or CRM id held by someone outside the importer's caseload: never whose. */
export const ALREADY_REGISTERED = 'is already registered';

export interface Rejection {
  kind: 'rejected';
  field: ParticipantColumn;
  message: string;
}

/**
 * The key worker a row names (already looked up by email: `found`, undefined when no key worker has it). Key
 * workers import into their own caseload only; admins anywhere (the caseload rules of domain/caseload.ts).
 */
export function namedKeyWorker(row: ImportedParticipant, staff: StaffIdentity, found: StaffIdentity | undefined): Rejection | { keyWorker: StaffIdentity | undefined } {
  if (row.keyWorkerEmail === undefined) return { keyWorker: undefined };
  if (!found) return { kind: 'rejected', field: 'key_worker_email', message: 'is not the email of a key worker' };
  if (staff.role === 'key_worker' && found.id !== staff.id) {
    return { kind: 'rejected', field: 'key_worker_email', message: 'is another key worker’s: you may import only into your own caseload' };
  }
  return { keyWorker: found };
}

/**
 * Who a row is, given the people on record with its CRM id and with its phone: someone new, someone the importer
 * may update, or a rejection. Outside the importer's caseload is "already registered", never saying whose.
 */
export function matchImportedRow(
  row: ImportedParticipant,
  staff: StaffIdentity,
  byRef: ParticipantRow | undefined,
  byPhone: ParticipantRow | undefined,
): Rejection | { kind: 'new' } | { kind: 'existing'; person: ParticipantRow } {
  const mayUpdate = (person: ParticipantRow) => staff.role === 'admin' || person.key_worker_id === staff.id;
  if (byRef) {
    if (!mayUpdate(byRef)) return { kind: 'rejected', field: 'external_ref', message: ALREADY_REGISTERED };
    if (byPhone && byPhone.id !== byRef.id) return { kind: 'rejected', field: 'phone', message: ALREADY_REGISTERED };
    return { kind: 'existing', person: byRef };
  }
  if (byPhone) {
    // Without a CRM id of its own, someone already on the caller's caseload is this row's person (a CRM id, if given, is adopted).
    if (!mayUpdate(byPhone) || (row.externalRef !== undefined && byPhone.external_ref !== null)) {
      return { kind: 'rejected', field: 'phone', message: ALREADY_REGISTERED };
    }
    return { kind: 'existing', person: byPhone };
  }
  return { kind: 'new' };
}

export interface RowChanges {
  changes: ParticipantChanges;
  /** The fields the case record names as updated (empty: the row is unchanged). */
  fields: string[];
  /** Set when the row moves them to another key worker, who is then introduced. */
  newKeyWorker: StaffIdentity | undefined;
}

/** What a row changes on the person it matched; an empty cell keeps what is stored. */
export function importedChanges(before: ParticipantRow, row: ImportedParticipant, keyWorker: StaffIdentity | undefined, now: Date, timeZone: string): RowChanges {
  const changes: ParticipantChanges = {};
  if (row.firstName !== before.first_name) changes.firstName = row.firstName;
  if (row.lastName !== undefined && row.lastName !== before.last_name) changes.lastName = row.lastName;
  if (row.phone !== before.phone) changes.phone = row.phone;
  if (row.externalRef !== undefined && row.externalRef !== before.external_ref) changes.externalRef = row.externalRef;
  if (row.channel !== undefined && row.channel !== before.channel) changes.channel = row.channel;
  if (row.language !== undefined && row.language !== before.language) changes.language = row.language;
  if (row.referredAt !== undefined && (before.referred_at === null || localCalendarDate(before.referred_at, timeZone) !== row.referredAt)) {
    changes.referredAt = startOfDay(row.referredAt, timeZone);
  }
  if (row.consent !== undefined && row.consent !== before.consent_contact) {
    changes.consent = row.consent ? { contact: true, basis: IMPORT_CONSENT_BASIS, at: now } : { contact: false, basis: null, at: null };
  }
  const newKeyWorker = keyWorker && keyWorker.id !== before.key_worker_id ? keyWorker : undefined;
  if (newKeyWorker) {
    changes.keyWorkerId = newKeyWorker.id;
    changes.team = newKeyWorker.team;
  }
  return { changes, fields: Object.keys(changes).filter((field) => field !== 'team'), newKeyWorker };
}

/** A referral date is a day on the programme's calendar: kept as the instant that day starts there. */
export function startOfDay(date: string, timeZone: string): Date {
  const { year, month, day } = parseCalendarDate(date) as { year: number; month: number; day: number };
  return new Date(new TZDate(year, month - 1, day, timeZone).getTime());
}
