import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { CsvError, parse as parseStream } from 'csv-parse';
import { csvDelimiter, type HeaderReading, isBlankRow } from '../../domain/imports/csv-import.js';

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

function missingColumnsError(missing: readonly string[]): UnreadableImportError {
  return new UnreadableImportError(`The file has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} in its header row`, [...missing]);
}

export interface CsvImportFile<C extends string> {
  header: HeaderReading<C>;
  /** Data rows (blank lines not counted). */
  total: number;
  /** The data rows, streamed, each numbered as a spreadsheet shows it (the header is row 1); blank lines skipped. */
  rows(): AsyncGenerator<{ row: number; cells: string[] }>;
}

/**
 * A CSV import's file, checked as a whole before any row is read for real: a first pass reads the header and counts
 * the rows (keeping none), so a missing column or a file over the limit is refused before anything is written.
 */
export async function openCsvImport<C extends string>(csv: Uint8Array, readHeader: (cells: readonly string[]) => HeaderReading<C>): Promise<CsvImportFile<C>> {
  let header: HeaderReading<C> | undefined;
  let total = 0;
  for await (const cells of streamCsvRecords(csv)) {
    if (!header) header = readHeader(cells);
    else if (!isBlankRow(cells)) total += 1;
  }
  header ??= readHeader([]);
  if (header.missing.length > 0) throw missingColumnsError(header.missing);
  if (total > MAX_IMPORT_ROWS) throw new TooManyRowsError();
  return {
    header,
    total,
    rows: async function* () {
      let row = 0;
      for await (const cells of streamCsvRecords(csv)) {
        row += 1;
        if (row > 1 && !isBlankRow(cells)) yield { row, cells };
      }
    },
  };
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Every record of the file, the header first, one at a time as the streaming parser finds them: UTF-8 (with or
 * without a byte-order mark) or, when the bytes are not valid UTF-8, Excel's Windows-1252; comma or semicolon
 * separated. The n-th record (from 1) is the spreadsheet's row n: a quoted newline stays inside its cell. Only the upload itself is
 * held, never a copy of it or all of its rows: UTF-8 goes to the parser as 64 KB views of the upload (the parser
 * joins a character split between two of them), Windows-1252 decoded 64 KB at a time.
 */
export async function* streamCsvRecords(csv: Uint8Array): AsyncGenerator<string[]> {
  const encoding = isUtf8(csv) ? 'utf-8' : 'windows-1252';
  const pieces = function* (): Generator<Buffer | string> {
    const decoder = encoding === 'utf-8' ? undefined : new TextDecoder(encoding);
    for (let start = 0; start < csv.length; start += CHUNK_BYTES) {
      const piece = csv.subarray(start, start + CHUNK_BYTES);
      yield decoder ? decoder.decode(piece, { stream: true }) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    }
  };
  const firstPiece = new TextDecoder(encoding).decode(csv.subarray(0, CHUNK_BYTES));
  const options = { bom: true, delimiter: csvDelimiter(firstPiece), relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;
  const parser = Readable.from(pieces(), { objectMode: false }).pipe(parseStream(options));
  try {
    for await (const record of parser) yield record as string[];
  } catch (error) {
    if (error instanceof CsvError) throw new UnreadableImportError(`The file is not valid CSV: ${error.message}`);
    throw error;
  } finally {
    parser.destroy();
  }
}
