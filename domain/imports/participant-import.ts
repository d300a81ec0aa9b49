import { parseCalendarDate } from '../time/calendar-date.js';
import type { Channel } from '../channel.js';
import { cellsByColumn, csvDelimiter, type HeaderReading as CsvHeaderReading, isBlankRow, normaliseHeader, readHeaderOf, readYesNo } from './csv-import.js';
import { normaliseMobile } from '../phone.js';

export { cellsByColumn, csvDelimiter, isBlankRow, normaliseHeader };

/** The columns a participants CSV may have, as their headers read once normalised (`First Name` → `first_name`). */
export const PARTICIPANT_COLUMNS = [
  'first_name',
  'last_name',
  'phone',
  'channel',
  'language',
  'consent',
  'referred_at',
  'external_ref',
  'key_worker_email',
] as const;
export type ParticipantColumn = (typeof PARTICIPANT_COLUMNS)[number];
export const REQUIRED_PARTICIPANT_COLUMNS: readonly ParticipantColumn[] = ['first_name', 'phone'];

export const IMPORT_LANGUAGES = ['en', 'cy'] as const;
export type ImportLanguage = (typeof IMPORT_LANGUAGES)[number];

/** A problem with one cell of one row; `row` is numbered as a spreadsheet shows it (the header is row 1). */
export interface RowProblem {
  field: ParticipantColumn;
  message: string;
}

/**
 * One row as the CSV gives it. A field left undefined was not given (no such column, or an empty cell): a new
 * participant gets its default, and an existing one keeps what is stored.
 */
export interface ImportedParticipant {
  firstName: string;
  lastName?: string;
  /** E.164. */
  phone: string;
  channel?: Channel;
  language?: ImportLanguage;
  /** Contact consent as the CRM recorded it: only `true` may ever be texted. */
  consent?: boolean;
  /** `YYYY-MM-DD`. */
  referredAt?: string;
  externalRef?: string;
  /** Lower case. */
  keyWorkerEmail?: string;
}

export type RowReading = { ok: true; participant: ImportedParticipant } | { ok: false; problems: RowProblem[] };

export type HeaderReading = CsvHeaderReading<ParticipantColumn>;

export function readHeader(cells: readonly string[]): HeaderReading {
  return readHeaderOf(cells, PARTICIPANT_COLUMNS, REQUIRED_PARTICIPANT_COLUMNS);
}

const MAX_NAME = 60;
const MAX_EXTERNAL_REF = 100;
const MAX_EMAIL = 254;
const CONTROL_CHARACTERS = /\p{Cc}/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/**
 * Reads one data row. Text is kept exactly as typed (trimmed): a cell starting `=`, `+`, `-` or `@` is a name,
 * never a formula — only exports need to neutralise it. `today` (`YYYY-MM-DD`, the programme's calendar) bounds
 * referral dates.
 */
export function readParticipantRow(cells: Partial<Record<ParticipantColumn, string>>, today: string): RowReading {
  const problems: RowProblem[] = [];
  const given = (column: ParticipantColumn): string | undefined => {
    const value = cells[column]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const text = (column: ParticipantColumn, max: number): string | undefined => {
    const value = given(column);
    if (value === undefined) return undefined;
    if (value.length > max) problems.push({ field: column, message: `is longer than ${max} characters` });
    else if (CONTROL_CHARACTERS.test(value)) problems.push({ field: column, message: 'must not contain control characters' });
    else return value;
    return undefined;
  };

  const firstName = text('first_name', MAX_NAME);
  if (given('first_name') === undefined) problems.push({ field: 'first_name', message: 'is required' });
  const lastName = text('last_name', MAX_NAME);

  let phone: string | undefined;
  const phoneCell = given('phone');
  if (phoneCell === undefined) problems.push({ field: 'phone', message: 'is required' });
  else {
    const result = normaliseMobile(phoneCell);
    if (result.ok) phone = result.e164;
    else problems.push({ field: 'phone', message: result.reason });
  }

  const channel = oneOf(given('channel'), ['sms', 'whatsapp'] as const, 'channel', problems);
  const language = oneOf(given('language'), IMPORT_LANGUAGES, 'language', problems);
  const consent = readConsent(given('consent'), problems);

  let referredAt: string | undefined;
  const referredCell = given('referred_at');
  if (referredCell !== undefined) {
    const date = readReferralDate(referredCell);
    if (date === null) problems.push({ field: 'referred_at', message: 'must be a date as YYYY-MM-DD or DD/MM/YYYY' });
    else if (date > today) problems.push({ field: 'referred_at', message: 'is in the future' });
    else referredAt = date;
  }

  const externalRef = text('external_ref', MAX_EXTERNAL_REF);
  let keyWorkerEmail: string | undefined;
  const emailCell = given('key_worker_email');
  if (emailCell !== undefined) {
    if (emailCell.length > MAX_EMAIL || !EMAIL.test(emailCell)) problems.push({ field: 'key_worker_email', message: 'is not an email address' });
    else keyWorkerEmail = emailCell.toLowerCase();
  }

  if (problems.length > 0 || firstName === undefined || phone === undefined) return { ok: false, problems };
  return {
    ok: true,
    participant: {
      firstName,
      phone,
      ...(lastName !== undefined && { lastName }),
      ...(channel !== undefined && { channel }),
      ...(language !== undefined && { language }),
      ...(consent !== undefined && { consent }),
      ...(referredAt !== undefined && { referredAt }),
      ...(externalRef !== undefined && { externalRef }),
      ...(keyWorkerEmail !== undefined && { keyWorkerEmail }),
    },
  };
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: ParticipantColumn, problems: RowProblem[]): T | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if ((allowed as readonly string[]).includes(lower)) return lower as T;
  problems.push({ field, message: `must be one of ${allowed.join(', ')}` });
  return undefined;
}

/** `yes` or `no` (any case; `y`/`n` too). Anything else is a problem: consent is never guessed. */
export function readConsent(value: string | undefined, problems: RowProblem[] = []): boolean | undefined {
  if (value === undefined) return undefined;
  const answer = readYesNo(value);
  if (answer === null) problems.push({ field: 'consent', message: 'must be yes or no' });
  return answer ?? undefined;
}

/** `YYYY-MM-DD` or the UK's `DD/MM/YYYY` (one-digit day and month too), as `YYYY-MM-DD`; null when not a real date. */
export function readReferralDate(value: string): string | null {
  const trimmed = value.trim();
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(trimmed);
  const iso = uk ? `${uk[3]}-${uk[2]?.padStart(2, '0')}-${uk[1]?.padStart(2, '0')}` : trimmed;
  return parseCalendarDate(iso) ? iso : null;
}

/**
 * A second row in the same file with an `external_ref` or phone already used above it is rejected: which of the
 * two the CRM meant is not ours to guess, and the first has already gone in.
 */
export class SeenInFile {
  private readonly refs = new Set<string>();
  private readonly phones = new Set<string>();

  check(participant: ImportedParticipant): RowProblem | undefined {
    const ref = participant.externalRef;
    if (ref !== undefined && this.refs.has(ref)) return { field: 'external_ref', message: 'appears on an earlier row of this file' };
    if (this.phones.has(participant.phone)) return { field: 'phone', message: 'appears on an earlier row of this file' };
    if (ref !== undefined) this.refs.add(ref);
    this.phones.add(participant.phone);
    return undefined;
  }
}
