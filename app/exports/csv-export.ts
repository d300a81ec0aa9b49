/** A value in one cell: numbers stay numbers (so a spreadsheet can add them up); null is an empty cell. */
export type CsvValue = string | number | null;

/** What an export action answers: a file name, its columns, and its rows, read a page at a time as they are written. */
export interface CsvExport {
  filename: string;
  columns: readonly string[];
  rows: AsyncIterable<readonly CsvValue[]>;
}

/** The export's dates or team are not acceptable (400 naming the field). */
export class ExportRequestError extends Error {
  constructor(
    readonly field: 'from' | 'to' | 'team',
    message: string,
  ) {
    super(`${field} ${message}`);
  }
}

/** Someone who is not an admin asked for a team not their own (403). */
export class ExportTeamForbiddenError extends Error {
  constructor() {
    super('You may export only your own team');
  }
}

/** A file name part from a team name: letters, digits and hyphens. */
export function fileNamePart(text: string): string {
  return text.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'team';
}
