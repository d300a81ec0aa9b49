import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { pino } from 'pino';
import { type ImportProgress, type ImportReport, streamCsvRecords, TooManyRowsError, UnreadableImportError } from '../app/imports/csv-import.js';
import { ImportAppointments } from '../app/imports/import-appointments.action.js';
import { ImportParticipants } from '../app/imports/import-participants.action.js';
import { BOOTSTRAP_ADMIN_LOOKUP } from '../bot/auth/staff-token.js';
import { csvCell, csvLines } from '../bot/routes/csv.js';
import type { StaffIdentity } from '../domain/caseload.js';
import { systemClock } from '../domain/time/clock.js';
import { ConfigError, loadConfig } from '../domain/config.schema.js';
import { migrateToLatest, openDatabase, type Db } from '../store/database.js';
import { StaffRepository } from '../store/staff.repository.js';
import { createProducerConnection, firstConnectionAttempt, JobQueues } from '../workers/queues.js';

export const IMPORT_USAGE = `Usage: node dist/start.js import participants|appointments FILE [--dry-run] [--as <staff email>]
  --dry-run   check every row and report what would happen; nothing is written to the database or sent
  --as EMAIL  import as this key worker (their caseload only) or admin; default: the bootstrap admin (ADMIN_TOKEN's)
Exit code: 0 every row went in (or would), 2 some rows were rejected (written to FILE.rejected.csv), 1 nothing was imported.`;

/** Exit codes: a script can tell "all in" from "some rows need fixing" from "the import did not run". */
export const EXIT_ALL_IMPORTED = 0;
export const EXIT_FAILED = 1;
export const EXIT_ROWS_REJECTED = 2;

class UsageError extends Error {}

/**
 * `node dist/start.js import participants|appointments FILE [--dry-run] [--as EMAIL]`: the API's import actions run
 * directly against the configured database (and Redis, for the reminders and welcomes they queue), with a progress
 * bar on stderr, the summary on stdout, and the rejected rows written beside the input as FILE.rejected.csv.
 */
export async function runImportCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let args;
  try {
    args = readArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${IMPORT_USAGE}\n`);
    return EXIT_FAILED;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_FAILED;
    }
    throw error;
  }
  const csv = await readFile(args.file).catch((error: unknown) => {
    process.stderr.write(`Cannot read ${args.file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  });
  if (!csv) return EXIT_FAILED;

  const logger = pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }, pino.destination(2));
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const connection = args.dryRun ? undefined : createProducerConnection(config.REDIS_URL);
  connection?.on('error', () => undefined);
  try {
    await migrateToLatest(database.db, { exclusive: database.engine === 'postgres' });
    const staff = await importingStaff(database.db, args.as);
    if (typeof staff === 'string') {
      process.stderr.write(`${staff}\n`);
      return EXIT_FAILED;
    }
    if (connection) {
      await firstConnectionAttempt(connection);
      if (connection.status !== 'ready') {
        process.stderr.write('Redis is not reachable: rows are written, and the workers’ sweep queues their reminders and messages once it is\n');
      }
    }
    const queues = connection ? new JobQueues(connection, config.QUEUE_PREFIX) : undefined;
    const progress = progressBar();
    const common = { db: database.db, clock: systemClock, timeZone: config.PROGRAMME_TIMEZONE, programmeName: config.PROGRAMME_NAME, logger };
    const input = { csv, dryRun: args.dryRun, staff, onProgress: progress.update };
    let report: ImportReport;
    try {
      report =
        args.kind === 'participants'
          ? await new ImportParticipants({ ...common, queues: queues ?? refusingQueues() }).execute(input)
          : await new ImportAppointments({ ...common, queues: queues ?? refusingQueues() }).execute(input);
    } finally {
      progress.stop();
      await queues?.close();
    }
    const rejectedFile = `${args.file}.rejected.csv`;
    const lines = summary(args, staff, report);
    if (report.rejected.length > 0) {
      await writeFile(rejectedFile, await rejectedRowsCsv(csv, report));
      lines.push(`  Rejected rows written to ${rejectedFile}`);
    } else if (existsSync(rejectedFile)) {
      await rm(rejectedFile);
      lines.push(`  No rows rejected: removed the earlier ${rejectedFile}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return report.rejected.length > 0 ? EXIT_ROWS_REJECTED : EXIT_ALL_IMPORTED;
  } catch (error) {
    if (error instanceof UnreadableImportError || error instanceof TooManyRowsError) {
      process.stderr.write(`Nothing imported: ${error.message}\n`);
      return EXIT_FAILED;
    }
    throw error;
  } finally {
    connection?.disconnect();
    await database.close();
  }
}

interface ImportArgs {
  kind: 'participants' | 'appointments';
  file: string;
  dryRun: boolean;
  as: string | undefined;
}

function readArgs(argv: readonly string[]): ImportArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, as: { type: 'string' } },
  });
  const [kind, file, ...rest] = positionals;
  if (kind !== 'participants' && kind !== 'appointments') throw new UsageError(`Import what? "${kind ?? ''}" is neither participants nor appointments`);
  if (file === undefined) throw new UsageError('Which file? Give the CSV file to import');
  if (rest.length > 0) throw new UsageError(`One file at a time: ${rest.join(' ')} is one too many`);
  return { kind, file, dryRun: values['dry-run'], as: values.as };
}

/** The bootstrap admin, or the named member of staff if they may import (an active key worker or admin); else why not. */
async function importingStaff(db: Db, email: string | undefined): Promise<StaffIdentity | string> {
  const staff = new StaffRepository(db);
  if (email === undefined) {
    const admin = await staff.findByTokenLookup(BOOTSTRAP_ADMIN_LOOKUP);
    return admin
      ? { id: admin.id, name: admin.name, role: admin.role, team: admin.team }
      : 'There is no bootstrap admin in this database yet: start the web role once (it records ADMIN_TOKEN), or pass --as <staff email>';
  }
  const found = await staff.findByEmail(email);
  const active = found && (await db.selectFrom('staff').select('deactivated_at').where('id', '=', found.id).executeTakeFirst());
  if (!found || !active || active.deactivated_at !== null) return `No active member of staff has the email ${email}`;
  if (found.role !== 'key_worker' && found.role !== 'admin') return `${email} is ${found.role}: only key workers (into their own caseload) and admins import`;
  return found;
}

/** A dry run sends nothing: its actions never reach the queues, and this makes sure of it. */
function refusingQueues(): JobQueues {
  const refuse = () => Promise.reject(new Error('a dry run queues nothing'));
  return { enqueueFollowUps: refuse, enqueueSends: refuse, enqueueReminders: refuse, removeReminderJobs: refuse } as unknown as JobQueues;
}

/** On a terminal, one line redrawn in place; otherwise (a log, a pipe) a line every few seconds. */
function progressBar(): { update: ImportProgress; stop: () => void } {
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'Importing [{bar}] {percentage}% | {value}/{total} rows | {duration_formatted}',
    noTTYOutput: true,
    notTTYSchedule: 5_000,
    hideCursor: true,
  });
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function summary(args: ImportArgs, staff: StaffIdentity, report: ImportReport): string[] {
  const rejectedRows = new Set(report.rejected.map((r) => r.row)).size;
  const lines = [
    `${args.kind === 'participants' ? 'Participants' : 'Appointments'} import from ${args.file} as ${staff.name} (${staff.role})${
      report.dryRun ? ': DRY RUN, nothing was written or sent' : ''
    }`,
    `  Rows: ${report.rows}; ${report.dryRun ? 'would be ' : ''}created: ${report.created}, updated: ${report.updated}, unchanged: ${report.unchanged}, rejected: ${rejectedRows}`,
  ];
  if (report.unknownColumns.length > 0) lines.push(`  Columns ignored (not ours): ${report.unknownColumns.join(', ')}`);
  for (const problem of report.rejected.slice(0, 10)) lines.push(`  row ${problem.row}: ${problem.field} ${problem.message}`);
  if (report.rejected.length > 10) lines.push(`  … and ${report.rejected.length - 10} more problems`);
  return lines;
}

/**
 * The rejected rows as they were in the file, each with its row number and what was wrong (several problems of one
 * row joined by "; "), so the file can be fixed and imported again. Formula-safe; a byte-order mark for Excel.
 */
export async function rejectedRowsCsv(csv: Uint8Array, report: Pick<ImportReport, 'rejected'>): Promise<string> {
  const byRow = Map.groupBy(report.rejected, (problem) => problem.row);
  // Streamed like the import itself: only the rejected rows' cells are kept.
  let header: string[] = [];
  const rejectedCells = new Map<number, string[]>();
  let spreadsheetRow = 0;
  for await (const cells of streamCsvRecords(csv)) {
    spreadsheetRow += 1;
    if (spreadsheetRow === 1) header = cells;
    else if (byRow.has(spreadsheetRow)) rejectedCells.set(spreadsheetRow, cells);
  }
  const lines = [[...header, 'row', 'field', 'message'].map(csvCell).join(',')];
  for (const [row, problems] of byRow) {
    const cells = rejectedCells.get(row) ?? [];
    const original = header.map((_, index) => cells[index] ?? '');
    const fields = problems.map((p) => p.field).join('; ');
    const messages = problems.map((p) => `${p.field} ${p.message}`).join('; ');
    lines.push([...original, String(row), fields, messages].map(csvCell).join(','));
  }
  return `\uFEFF${csvLines(lines)}`;
}
