/** A leading = + - @ (or tab, carriage return) neutralised with an apostrophe: a spreadsheet shows it as text, never runs it. */
export function formulaSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Quoted, and formula-safe, so a value typed by anyone can never run as a spreadsheet formula. */
export function csvCell(value: string): string {
  return `"${formulaSafe(value).replaceAll('"', '""')}"`;
}

/** Lines joined as RFC 4180 asks (CRLF, a final line break). */
export function csvLines(lines: readonly string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}
