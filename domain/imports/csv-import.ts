/** What every CSV import shares: header names read leniently, cells keyed by column, the file's separator. */

/** `First Name`, `first-name`, ` FIRST_NAME ` all read as `first_name`. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/u, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/gu, '_')
    .replace(/^_|_$/gu, '');
}

export interface HeaderReading<C extends string> {
  /** For each cell of the header row, the column it is, or null when it is not one of ours (ignored). */
  columns: Array<C | null>;
  missing: C[];
  /** Headers we do not know, as the file spells them: ignored, and listed in the answer. */
  unknown: string[];
}

export function readHeaderOf<C extends string>(cells: readonly string[], known: readonly C[], required: readonly C[]): HeaderReading<C> {
  const knownNames = new Set<string>(known);
  const seen = new Set<string>();
  const unknown: string[] = [];
  const columns = cells.map((cell) => {
    const name = normaliseHeader(cell);
    // A second column of the same name is ignored: the first one wins, as a reader of the sheet would expect.
    if (knownNames.has(name) && !seen.has(name)) {
      seen.add(name);
      return name as C;
    }
    if (name !== '') unknown.push(cell.trim());
    return null;
  });
  return { columns, missing: required.filter((column) => !seen.has(column)), unknown };
}

/** The cells of one data row keyed by column; cells past the header's width are ignored. */
export function cellsByColumn<C extends string>(columns: ReadonlyArray<C | null>, cells: readonly string[]): Partial<Record<C, string>> {
  const byColumn: Partial<Record<C, string>> = {};
  columns.forEach((column, index) => {
    if (column !== null) byColumn[column] = cells[index] ?? '';
  });
  return byColumn;
}

/** A row with nothing in any cell is a blank line in the sheet, not a record. */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Excel in much of Europe separates with `;`: the header row says which a file uses. */
export function csvDelimiter(text: string): ',' | ';' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/u));
  const count = (character: string) => firstLine.split(character).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** `yes` or `no` (any case; `y`/`n` too); null for anything else: a yes/no is never guessed. */
export function readYesNo(value: string): boolean | null {
  const lower = value.trim().toLowerCase();
  if (lower === 'yes' || lower === 'y') return true;
  if (lower === 'no' || lower === 'n') return false;
  return null;
}
