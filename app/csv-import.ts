import { Readable } from 'node:stream';
import { CsvError, parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { csvDelimiter, decodeCsvBytes } from '../domain/csv-import.js';

/** Rows in one file: a programme's whole caseload fits, a runaway export does not. */
export const MAX_IMPORT_ROWS = 20_000;

export interface RejectedRow<F extends string = string> {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  field: F | 'row';
  message: string;
}

/** What an import did (or, in a dry run, would do). */
export interface ImportReport<F extends string = string> {
  dryRun: boolean;
  /** Data rows read (blank lines not counted). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow<F>[];
  /** Headers that are none of ours: ignored. */
  unknownColumns: string[];
}

/** Called after each data row, so a long file can show how far it has got. */
export type ImportProgress = (done: number, total: number) => void;

/** The file cannot be read as this kind of CSV at all (400). */
export class UnreadableImportError extends Error {
  constructor(
    message: string,
    readonly missingColumns: string[] = [],
  ) {
    super(message);
  }
}

export class TooManyRowsError extends Error {
  constructor() {
    super(`A file may hold at most ${MAX_IMPORT_ROWS} rows; split it and import each part`);
  }
}

/** Thrown inside a row's transaction to roll a dry run back once it has done everything a real run would. */
export class DryRunRollback<T> extends Error {
  constructor(readonly outcome: T) {
    super('dry run');
  }
}

export function missingColumnsError(missing: readonly string[]): UnreadableImportError {
  return new UnreadableImportError(`The file has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} in its header row`, [...missing]);
}

/**
 * Every record of the file, the header first: UTF-8 (with or without a byte-order mark) or Windows-1252, comma or
 * semicolon separated. Record n is the spreadsheet's row n + 1 (a quoted newline stays inside its cell).
 */
export function readCsvRecords(csv: Uint8Array): string[][] {
  const text = decodeCsvBytes(csv);
  try {
    return parse(text, parseOptions(text)) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw new UnreadableImportError(`The file is not valid CSV: ${error.message}`);
    throw error;
  }
}

function parseOptions(text: string) {
  return { bom: true, delimiter: csvDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;
}

const CHUNK_BYTES = 64 * 1024;

/**
 * The records of `readCsvRecords`, one at a time as the streaming parser finds them: only the upload itself is held,
 * never every row of it, however long the file. The decoded text is fed to the parser as UTF-8 in 64 KB pieces (the
 * parser joins a character split between two pieces).
 */
export async function* streamCsvRecords(csv: Uint8Array): AsyncGenerator<string[]> {
  const text = decodeCsvBytes(csv);
  const bytes = Buffer.from(text, 'utf8');
  const chunks = function* () {
    for (let start = 0; start < bytes.length; start += CHUNK_BYTES) yield bytes.subarray(start, start + CHUNK_BYTES);
  };
  const parser = Readable.from(chunks(), { objectMode: false }).pipe(parseStream(parseOptions(text)));
  try {
    for await (const record of parser) yield record as string[];
  } catch (error) {
    if (error instanceof CsvError) throw new UnreadableImportError(`The file is not valid CSV: ${error.message}`);
    throw error;
  } finally {
    parser.destroy();
  }
}
