/** Quoted, and a leading = + - @ neutralised, so a value typed by anyone can never run as a spreadsheet formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** Lines joined as RFC 4180 asks (CRLF, a final line break). */
export function csvLines(lines: readonly string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}
