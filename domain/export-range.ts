import { addDays } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { parseCalendarDate } from './time/calendar-date.js';

/** A year and a day: a leap year's whole year fits, a runaway "everything since 2019" does not. */
export const MAX_EXPORT_DAYS = 366;

/** Local days `from` to `to` (both included), as the instants [start, end) in the programme's zone. */
export interface ExportRange {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

export type ExportRangeResult = { ok: true; range: ExportRange } | { ok: false; field: 'from' | 'to'; message: string };

/** Checks an export's dates: real calendar days, `from` on or before `to`, at most MAX_EXPORT_DAYS days. */
export function exportRange(from: string, to: string, timeZone: string): ExportRangeResult {
  const first = parseCalendarDate(from);
  if (!first) return { ok: false, field: 'from', message: 'must be a date as YYYY-MM-DD' };
  const last = parseCalendarDate(to);
  if (!last) return { ok: false, field: 'to', message: 'must be a date as YYYY-MM-DD' };
  if (from > to) return { ok: false, field: 'from', message: 'must be on or before to' };
  const days = Math.round((Date.UTC(last.year, last.month - 1, last.day) - Date.UTC(first.year, first.month - 1, first.day)) / 86_400_000) + 1;
  if (days > MAX_EXPORT_DAYS) return { ok: false, field: 'to', message: `must be at most ${MAX_EXPORT_DAYS} days after from (both included)` };
  // Local midnights: a day in March or October may be 23 or 25 hours long.
  const start = new Date(new TZDate(first.year, first.month - 1, first.day, timeZone).getTime());
  const end = new Date(addDays(new TZDate(last.year, last.month - 1, last.day, timeZone), 1).getTime());
  return { ok: true, range: { from, to, start, end } };
}

/** An instant as ISO 8601 with the zone's offset of that moment ("2026-07-01T10:00:00+01:00"), as spreadsheets read it. */
export function localIsoDateTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
