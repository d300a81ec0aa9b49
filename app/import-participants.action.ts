import { randomUUID } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { localCalendarDate, parseCalendarDate } from '../domain/calendar-date.js';
import type { StaffIdentity } from '../domain/caseload.js';
import type { Clock } from '../domain/clock.js';
import {
  cellsByColumn,
  type ImportedParticipant,
  isBlankRow,
  type ParticipantColumn,
  readHeader,
  readParticipantRow,
  SeenInFile,
} from '../domain/participant-import.js';
import { CaseRecordRepository } from '../store/case-record.repository.js';
import type { Db, Tx } from '../store/database.js';
import { DuplicateExternalRefError, DuplicatePhoneError, ParticipantRepository, type ParticipantChanges } from '../store/participant.repository.js';
import type { ParticipantRow } from '../store/schema.js';
import { StaffRepository } from '../store/staff.repository.js';
import type { JobQueues } from '../workers/queues.js';
import { AddParticipant, type AddedParticipant } from './add-participant.action.js';
import {
  type ImportProgress,
  type ImportReport as CsvImportReport,
  MAX_IMPORT_ROWS,
  missingColumnsError,
  type RejectedRow as CsvRejectedRow,
  streamCsvRecords,
  TooManyRowsError,
  UnreadableImportError,
} from './csv-import.js';
import { handOverParticipant } from './hand-over-participant.action.js';

export { MAX_IMPORT_ROWS, TooManyRowsError, UnreadableImportError };
export const IMPORT_CONSENT_BASIS = 'Consent to be texted recorded in the programme’s CRM (CSV import)';

export interface ImportParticipantsInput {
  csv: Uint8Array;
  dryRun: boolean;
  staff: StaffIdentity;
  onProgress?: ImportProgress;
}

export type RejectedRow = CsvRejectedRow<ParticipantColumn>;
export type ImportReport = CsvImportReport<ParticipantColumn>;

export interface ImportParticipantsDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  programmeName: string;
  queues: Pick<JobQueues, 'enqueueFollowUps' | 'enqueueSends'>;
  logger: Logger;
}

type RowOutcome =
  | { kind: 'created' | 'updated' | 'unchanged'; welcome?: AddedParticipant['welcome']; queuedMessageIds?: string[] }
  | { kind: 'rejected'; field: ParticipantColumn; message: string };

const ALREADY_REGISTERED = 'is already registered';

/** Rows written in one transaction (each in a savepoint of its own): enough to spread a commit's cost thin. */
const BATCH_ROWS = 200;

interface ReadRow {
  row: number;
  participant: ImportedParticipant;
}

/**
 * A caseload from the programme's CRM, one row at a time: each row is its own transaction (all of it or none), a
 * bad row is rejected on its own. New people are added as POST /api/participants adds them (the same welcome when
 * they consented); a known `external_ref` (or, without one, a known phone in the caller's caseload) updates that
 * person, and a changed key worker is introduced as PATCH does it. A dry run runs every row the same way and rolls
 * it back, so it reports exactly what a real run would, and writes and sends nothing.
 */
export class ImportParticipants {
  private readonly addParticipant: AddParticipant;

  constructor(private readonly deps: ImportParticipantsDeps) {
    this.addParticipant = new AddParticipant({ clock: deps.clock, timeZone: deps.timeZone, queues: deps.queues, logger: deps.logger });
  }

  async execute(input: ImportParticipantsInput): Promise<ImportReport> {
    // A first pass counts the rows (nothing kept), so a file over the limit is refused before anything is written.
    let header: ReturnType<typeof readHeader> | undefined;
    let total = 0;
    for await (const cells of streamCsvRecords(input.csv)) {
      if (!header) header = readHeader(cells);
      else if (!isBlankRow(cells)) total += 1;
    }
    header ??= readHeader([]);
    if (header.missing.length > 0) {
      throw missingColumnsError(header.missing);
    }
    if (total > MAX_IMPORT_ROWS) throw new TooManyRowsError();

    const now = this.deps.clock.now();
    const today = localCalendarDate(now, this.deps.timeZone);
    const report: ImportReport = { dryRun: input.dryRun, rows: 0, created: 0, updated: 0, unchanged: 0, rejected: [], unknownColumns: header.unknown };
    const seen = new SeenInFile();
    const keyWorkers = new KeyWorkersByEmail();
    let batch: ReadRow[] = [];

    let index = -1;
    for await (const cells of streamCsvRecords(input.csv)) {
      index += 1;
      if (index === 0 || isBlankRow(cells)) continue;
      input.onProgress?.(report.rows, total);
      const row = index + 1;
      report.rows += 1;
      const reading = readParticipantRow(cellsByColumn(header.columns, cells), today);
      if (!reading.ok) {
        report.rejected.push(...reading.problems.map((problem) => ({ row, ...problem })));
        continue;
      }
      const repeated = seen.check(reading.participant);
      if (repeated) {
        report.rejected.push({ row, ...repeated });
        continue;
      }
      batch.push({ row, participant: reading.participant });
      if (batch.length >= BATCH_ROWS) {
        await this.importBatch(batch, input, keyWorkers, now, report);
        batch = [];
      }
    }
    await this.importBatch(batch, input, keyWorkers, now, report);
    // Rejections are reported in row order, as a reader of the file expects.
    report.rejected.sort((a, b) => a.row - b.row);
    input.onProgress?.(report.rows, total);
    return report;
  }

  /**
   * One transaction for a batch of rows, each row inside a savepoint of its own: a row that fails rolls back to its
   * savepoint (itself only), so each row is still all or nothing. A dry run rolls every row back to its savepoint and
   * the batch's transaction with it. Welcomes and handovers are queued once the batch has committed.
   */
  private async importBatch(batch: readonly ReadRow[], input: ImportParticipantsInput, keyWorkers: KeyWorkersByEmail, now: Date, report: ImportReport): Promise<void> {
    if (batch.length === 0) return;
    const outcomes = await this.deps.db.transaction().execute(async (tx) => {
      // No two rows of a file share a phone or a CRM id (SeenInFile), so one that nobody had when the batch began is
      // nobody's when its row comes (someone committing it meanwhile is caught by the unique index, as before).
      const taken = await new ParticipantRepository(tx).takenPhonesAndRefs(
        batch.map((r) => r.participant.phone),
        batch.flatMap((r) => (r.participant.externalRef !== undefined ? [r.participant.externalRef] : [])),
      );
      const done: RowOutcome[] = [];
      for (const { participant } of batch) {
        const known = taken.has(`phone:${participant.phone}`) || (participant.externalRef !== undefined && taken.has(`ref:${participant.externalRef}`));
        done.push(await this.importRow(tx, participant, input, keyWorkers, now, known));
      }
      return done;
    });
    const welcomes: AddedParticipant['welcome'][] = [];
    const queuedMessageIds: string[] = [];
    outcomes.forEach((outcome, i) => {
      const row = (batch[i] as ReadRow).row;
      if (outcome.kind === 'rejected') {
        report.rejected.push({ row, field: outcome.field, message: outcome.message });
        return;
      }
      report[outcome.kind] += 1;
      welcomes.push(outcome.welcome);
      queuedMessageIds.push(...(outcome.queuedMessageIds ?? []));
    });
    if (input.dryRun) return;
    await this.addParticipant.schedule(welcomes.map((welcome) => ({ welcome })), now);
    if (queuedMessageIds.length > 0) {
      await this.deps.queues
        .enqueueSends(queuedMessageIds)
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'handover not enqueued; the sweep will send it'));
    }
  }

  private async importRow(
    tx: Tx,
    participant: ImportedParticipant,
    input: ImportParticipantsInput,
    keyWorkers: KeyWorkersByEmail,
    now: Date,
    known: boolean,
  ): Promise<RowOutcome> {
    await sql`savepoint import_row`.execute(tx);
    try {
      const outcome = await this.writeRow(tx, participant, input.staff, keyWorkers, now, known);
      // A rejected row may have written nothing yet, but rolling back costs no more than releasing.
      if (input.dryRun || outcome.kind === 'rejected') await sql`rollback to savepoint import_row`.execute(tx);
      await sql`release savepoint import_row`.execute(tx);
      return outcome;
    } catch (error) {
      // Someone else took the number or the CRM id between our look-up and our write.
      const rejected: RowOutcome | undefined =
        error instanceof DuplicatePhoneError
          ? { kind: 'rejected', field: 'phone', message: ALREADY_REGISTERED }
          : error instanceof DuplicateExternalRefError
            ? { kind: 'rejected', field: 'external_ref', message: ALREADY_REGISTERED }
            : undefined;
      if (!rejected) throw error;
      await sql`rollback to savepoint import_row`.execute(tx);
      await sql`release savepoint import_row`.execute(tx);
      return rejected;
    }
  }

  private async writeRow(tx: Tx, row: ImportedParticipant, staff: StaffIdentity, keyWorkers: KeyWorkersByEmail, now: Date, known: boolean): Promise<RowOutcome> {
    let keyWorker: StaffIdentity | undefined;
    if (row.keyWorkerEmail !== undefined) {
      keyWorker = await keyWorkers.find(tx, row.keyWorkerEmail);
      if (!keyWorker) return { kind: 'rejected', field: 'key_worker_email', message: 'is not the email of a key worker' };
      // Key workers import into their own caseload only; admins anywhere (the caseload rules of domain/caseload.ts).
      if (staff.role === 'key_worker' && keyWorker.id !== staff.id) {
        return { kind: 'rejected', field: 'key_worker_email', message: 'is another key worker’s: you may import only into your own caseload' };
      }
    }
    const participants = new ParticipantRepository(tx);
    const mayUpdate = (person: ParticipantRow) => staff.role === 'admin' || person.key_worker_id === staff.id;
    const byRef = known && row.externalRef !== undefined ? await participants.findByExternalRef(row.externalRef) : undefined;
    const byPhone = known ? await participants.findByPhone(row.phone) : undefined;

    // Outside the caller's caseload is answered as "already registered", never saying whose.
    let existing: ParticipantRow | undefined;
    if (byRef) {
      if (!mayUpdate(byRef)) return { kind: 'rejected', field: 'external_ref', message: ALREADY_REGISTERED };
      if (byPhone && byPhone.id !== byRef.id) return { kind: 'rejected', field: 'phone', message: ALREADY_REGISTERED };
      existing = byRef;
    } else if (byPhone) {
      // Without a CRM id of its own, someone already on the caller's caseload is this row's person (a CRM id, if given, is adopted).
      if (!mayUpdate(byPhone) || (row.externalRef !== undefined && byPhone.external_ref !== null)) {
        return { kind: 'rejected', field: 'phone', message: ALREADY_REGISTERED };
      }
      existing = byPhone;
    }

    if (!existing) {
      const keyWorkerId = keyWorker?.id ?? (staff.role === 'key_worker' ? staff.id : null);
      const added = await this.addParticipant.write(
        tx,
        {
          firstName: row.firstName,
          lastName: row.lastName ?? null,
          phone: row.phone,
          channel: row.channel ?? 'sms',
          language: row.language ?? 'en',
          keyWorkerId,
          team: keyWorker?.team ?? staff.team,
          referredAt: row.referredAt !== undefined ? this.startOfDay(row.referredAt) : null,
          consent: { contact: row.consent === true, basis: IMPORT_CONSENT_BASIS },
          externalRef: row.externalRef ?? null,
          createdBy: staff,
          source: 'csv_import',
        },
        now,
      );
      return { kind: 'created', welcome: added.welcome };
    }
    return this.updateRow(tx, existing, row, keyWorker, staff, now);
  }

  private async updateRow(
    tx: Tx,
    before: ParticipantRow,
    row: ImportedParticipant,
    keyWorker: StaffIdentity | undefined,
    staff: StaffIdentity,
    now: Date,
  ): Promise<RowOutcome> {
    const locked = (await new ParticipantRepository(tx).lockForUpdate(before.id)) ?? before;
    const changes: ParticipantChanges = {};
    if (row.firstName !== locked.first_name) changes.firstName = row.firstName;
    if (row.lastName !== undefined && row.lastName !== locked.last_name) changes.lastName = row.lastName;
    if (row.phone !== locked.phone) changes.phone = row.phone;
    if (row.externalRef !== undefined && row.externalRef !== locked.external_ref) changes.externalRef = row.externalRef;
    if (row.channel !== undefined && row.channel !== locked.channel) changes.channel = row.channel;
    if (row.language !== undefined && row.language !== locked.language) changes.language = row.language;
    if (row.referredAt !== undefined && (locked.referred_at === null || localCalendarDate(locked.referred_at, this.deps.timeZone) !== row.referredAt)) {
      changes.referredAt = this.startOfDay(row.referredAt);
    }
    if (row.consent !== undefined && row.consent !== locked.consent_contact) {
      changes.consent = row.consent ? { contact: true, basis: IMPORT_CONSENT_BASIS, at: now } : { contact: false, basis: null, at: null };
    }
    const newKeyWorker = keyWorker && keyWorker.id !== locked.key_worker_id ? keyWorker : undefined;
    if (newKeyWorker) {
      changes.keyWorkerId = newKeyWorker.id;
      changes.team = newKeyWorker.team;
    }
    const fields = Object.keys(changes).filter((field) => field !== 'team');
    if (fields.length === 0) return { kind: 'unchanged' };

    const updated = (await new ParticipantRepository(tx).update(locked.id, changes)) ?? locked;
    await new CaseRecordRepository(tx).append({
      participantId: locked.id,
      type: 'participant.updated',
      at: now,
      data: { updatedBy: staff.id, fields, source: 'csv_import' },
      sourceKey: `updated-${randomUUID()}`,
    });
    // Nothing is ever sent to someone without consent; someone who has just given it is welcomed, as a new person is.
    if (!updated.consent_contact) return { kind: 'updated' };
    const welcome = changes.consent?.contact ? await this.addParticipant.startWelcome(tx, updated, now) : undefined;
    const queuedMessageIds = newKeyWorker
      ? await handOverParticipant(tx, {
          participant: updated,
          role: 'key_worker',
          from: locked.key_worker_id,
          to: newKeyWorker,
          reason: null,
          keyWorkerName: newKeyWorker.name,
          programmeName: this.deps.programmeName,
          now,
        })
      : [];
    return { kind: 'updated', welcome, queuedMessageIds };
  }

  /** A referral date is a day on the programme's calendar: kept as the instant that day starts there. */
  private startOfDay(date: string): Date {
    const { year, month, day } = parseCalendarDate(date) as { year: number; month: number; day: number };
    return new Date(new TZDate(year, month - 1, day, this.deps.timeZone).getTime());
  }
}

/**
 * Each email is looked up once per file; only key workers can be named. Looked up in the row's transaction: the
 * embedded database has one connection, which that transaction holds.
 */
class KeyWorkersByEmail {
  private readonly found = new Map<string, StaffIdentity | undefined>();

  async find(tx: Tx, email: string): Promise<StaffIdentity | undefined> {
    if (!this.found.has(email)) {
      const staff = await new StaffRepository(tx).findByEmail(email);
      this.found.set(email, staff?.role === 'key_worker' ? staff : undefined);
    }
    return this.found.get(email);
  }
}
