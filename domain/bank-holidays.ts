import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import {
  BANK_HOLIDAYS_ASOF,
  BANK_HOLIDAYS_COVERED_UNTIL,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
} from './bank-holidays.england-and-wales.js';

export { BANK_HOLIDAYS_ASOF, ENGLAND_AND_WALES_BANK_HOLIDAYS };

const HOLIDAYS: ReadonlySet<string> = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((holiday) => holiday.date));

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a local calendar date ('yyyy-MM-dd', in Europe/London) is an England and Wales bank holiday.
 * Dates after `bankHolidaysCoveredUntil()` are not known and count as ordinary days.
 */
export function isBankHoliday(localDate: string): boolean {
  if (!LOCAL_DATE.test(localDate)) throw new RangeError(`isBankHoliday wants a 'yyyy-MM-dd' date, got ${JSON.stringify(localDate)}`);
  return HOLIDAYS.has(localDate);
}

/** The last local date ('yyyy-MM-dd') the shipped list speaks for. */
export function bankHolidaysCoveredUntil(): string {
  return BANK_HOLIDAYS_COVERED_UNTIL;
}

/** How long before the list runs out to start warning that it wants refreshing. @defaultValue 180 days */
export const BANK_HOLIDAY_REFRESH_WARNING_DAYS = 180;

/**
 * Whether the shipped list is close to running out (or has), for a start-up or sweep warning:
 * after it runs out, reminders are quietly sent on bank holidays again.
 */
export function bankHolidayListNeedsRefresh(now: Date, timeZone: string): boolean {
  const today = format(new TZDate(now, timeZone), 'yyyy-MM-dd');
  return daysBetween(today, BANK_HOLIDAYS_COVERED_UNTIL) < BANK_HOLIDAY_REFRESH_WARNING_DAYS;
}

/** Whole calendar days from one 'yyyy-MM-dd' to another (dates, not instants, so no clock change applies). */
function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}
