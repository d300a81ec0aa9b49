import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { CsvExport, CsvValue } from '../../app/exports/csv-export.js';
import type { ApiAnswer } from './api-route.js';
import { formulaSafe } from './csv.js';

/**
 * An export as a streamed CSV download: RFC 4180 (CRLF, quoted where needed) by csv-stringify, every text cell
 * formula-safe, and a UTF-8 byte-order mark unless asked not to: without one Excel reads UTF-8 as Windows-1252
 * (Siân becomes SiÃ¢n); LibreOffice, Google Sheets, csv-parse and pandas all take it in their stride.
 */
export async function csvDownload(file: CsvExport, options: { bom: boolean }): Promise<ApiAnswer> {
  // The first page is read before answering, so a database that is away is a 503, not a 200 cut short.
  const rows = file.rows[Symbol.asyncIterator]();
  const first = await rows.next();
  async function* all(): AsyncGenerator<readonly CsvValue[]> {
    if (first.done) return;
    yield first.value;
    for (let next = await rows.next(); !next.done; next = await rows.next()) yield next.value;
  }
  const writer = stringify({
    header: true,
    columns: [...file.columns],
    bom: options.bom,
    record_delimiter: 'windows',
    // csv-stringify quotes a whole CRLF but not a lone CR or LF, which Excel still reads as the end of a row.
    quoted_match: /[\r\n]/,
    cast: { string: (value) => formulaSafe(value) },
  });
  // A failure reading a later page destroys the writer with it: the download is cut off visibly, never silently short.
  const body = pipeline(Readable.from(all()), writer, () => undefined);
  return {
    status: 200,
    body,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
    },
  };
}
