import { CsvError, parse } from 'csv-parse/sync';
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
    return parse(text, { bom: true, delimiter: csvDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw new UnreadableImportError(`The file is not valid CSV: ${error.message}`);
    throw error;
  }
}
