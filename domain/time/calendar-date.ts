/** Calendar dates (`YYYY-MM-DD`): a day on the local calendar, not an instant. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** Whether a string is a real calendar date `YYYY-MM-DD` (no 31 February). */
export function isCalendarDate(text: string): boolean {
  return parseCalendarDate(text) !== null;
}

/** Year, month (1–12) and day of a calendar date, or null when it is not one. */
export function parseCalendarDate(text: string): { year: number; month: number; day: number } | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** The local calendar date of an instant in a zone ("2026-03-29"). */
export function localCalendarDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
