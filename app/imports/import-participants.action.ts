import type { Logger } from 'pino';
import { localCalendarDate } from '../../domain/time/calendar-date.js';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { Clock } from '../../domain/time/clock.js';
import { cellsByColumn, type ParticipantColumn, readHeader, readParticipantRow, SeenInFile } from '../../domain/imports/participant-import.js';
import type { Db } from '../../store/database.js';
import type { JobQueues } from '../../workers/queues.js';
import { AddParticipant, type AddedParticipant } from '../participants/add-participant.action.js';
import {
  DryRunRollback,
  type ImportProgress,
  type ImportReport as CsvImportReport,
  MAX_IMPORT_ROWS,
  openCsvImport,
  type RejectedRow as CsvRejectedRow,
  TooManyRowsError,
  UnreadableImportError,
} from './csv-import.js';
import { type BatchRow, KeyWorkersByEmail, ParticipantBatchWriter, type RowOutcome } from './participant-import-batch.js';

export { MAX_IMPORT_ROWS, TooManyRowsError, UnreadableImportError };
export { IMPORT_CONSENT_BASIS } from './participant-import-match.js';

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

/** Rows written in one transaction: enough to spread a statement's and a commit's cost thin. */
const BATCH_ROWS = 200;

/**
 * A caseload from the programme's CRM, streamed and written in batches; each row is all or nothing, and a bad row
 * is rejected on its own. New people are added as POST /api/participants adds them (the same welcome when they
 * consented); a known `external_ref` (or, without one, a known phone in the caller's caseload) updates that person,
 * and a changed key worker is introduced as PATCH does it. A dry run runs every batch the same way and rolls it
 * back, so it reports what a real run would, and writes and sends nothing.
 */
export class ImportParticipants {
  private readonly addParticipant: AddParticipant;
  private readonly writer: ParticipantBatchWriter;

  constructor(private readonly deps: ImportParticipantsDeps) {
    this.addParticipant = new AddParticipant({ clock: deps.clock, timeZone: deps.timeZone, queues: deps.queues, logger: deps.logger });
    this.writer = new ParticipantBatchWriter({ addParticipant: this.addParticipant, timeZone: deps.timeZone, programmeName: deps.programmeName });
  }

  async execute(input: ImportParticipantsInput): Promise<ImportReport> {
    const file = await openCsvImport(input.csv, readHeader);
    const now = this.deps.clock.now();
    const today = localCalendarDate(now, this.deps.timeZone);
    const report: ImportReport = { dryRun: input.dryRun, rows: 0, created: 0, updated: 0, unchanged: 0, rejected: [], unknownColumns: file.header.unknown };
    const seen = new SeenInFile();
    const keyWorkers = new KeyWorkersByEmail();
    let batch: BatchRow[] = [];

    for await (const { row, cells } of file.rows()) {
      input.onProgress?.(report.rows, file.total);
      report.rows += 1;
      const reading = readParticipantRow(cellsByColumn(file.header.columns, cells), today);
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
    input.onProgress?.(report.rows, file.total);
    return report;
  }

  /**
   * One transaction for a batch of rows (ParticipantBatchWriter keeps each row all or nothing). A dry run rolls the
   * whole batch back once it has done what a real run would. Welcomes and handovers are queued once the batch has
   * committed.
   */
  private async importBatch(batch: readonly BatchRow[], input: ImportParticipantsInput, keyWorkers: KeyWorkersByEmail, now: Date, report: ImportReport): Promise<void> {
    if (batch.length === 0) return;
    const outcomes = await this.deps.db
      .transaction()
      .execute(async (tx) => {
        const written = await this.writer.write(tx, batch, input.staff, keyWorkers, now);
        if (input.dryRun) throw new DryRunRollback(written);
        return written;
      })
      .catch((error: unknown) => {
        if (error instanceof DryRunRollback) return error.outcome as RowOutcome[];
        throw error;
      });
    const welcomes: AddedParticipant['welcome'][] = [];
    const queuedMessageIds: string[] = [];
    outcomes.forEach((outcome, i) => {
      const row = (batch[i] as BatchRow).row;
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
}
