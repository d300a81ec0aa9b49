import Holidays from 'date-holidays';
import { BANK_HOLIDAY_OVERRIDES, type BankHolidayOverride } from './bank-holiday-overrides.js';
import { BANK_HOLIDAY_REGIONS, type BankHolidayRegion } from './bank-holiday-regions.js';

export { BANK_HOLIDAY_REGIONS, DEFAULT_BANK_HOLIDAY_REGION, type BankHolidayRegion } from './bank-holiday-regions.js';

/** Whether a local calendar date ('yyyy-MM-dd', on the programme's clock) is a bank holiday where the team works. */
export type IsBankHoliday = (localDate: string) => boolean;

/** The date-holidays state of each region: England and Wales share one list (GOV.UK's `england-and-wales`). */
const DATE_HOLIDAYS_STATE: Record<BankHolidayRegion, 'ENG' | 'SCT' | 'NIR'> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

const calendars = new Map<BankHolidayRegion, Holidays>();

function dateHolidays(region: BankHolidayRegion): Holidays {
  let calendar = calendars.get(region);
  if (!calendar) calendars.set(region, (calendar = new Holidays('GB', DATE_HOLIDAYS_STATE[region])));
  return calendar;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Day of the week of a 'yyyy-MM-dd' date, 0 = Sunday, without any time zone in the way. */
function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

/**
 * One region's bank holidays in one year, as GOV.UK and the Scottish Government publish them: the days people get
 * off. date-holidays lists a holiday that falls at a weekend on that day and again as "(substitute day)" on the
 * weekday after; only weekdays are days off, so weekend dates are left out. Overrides are applied last.
 */
export function bankHolidaysIn(
  region: BankHolidayRegion,
  year: number,
  overrides: readonly BankHolidayOverride[] = BANK_HOLIDAY_OVERRIDES,
): { date: string; title: string }[] {
  const calendar = dateHolidays(region);
  const prefix = `${String(year).padStart(4, '0')}-`;
  const days = new Map<string, string>();
  // A substitute for a holiday late in one year could land in the next: read the year before as well.
  for (const holiday of [...calendar.getHolidays(year - 1), ...calendar.getHolidays(year)]) {
    const date = holiday.date.slice(0, 10);
    if (holiday.type !== 'public' || !date.startsWith(prefix) || weekday(date) === 0 || weekday(date) === 6) continue;
    if (!days.has(date)) days.set(date, holiday.name);
  }
  for (const override of overrides) {
    if (!override.date.startsWith(prefix) || !override.regions.includes(region)) continue;
    if (override.holiday) days.set(override.date, override.title);
    else days.delete(override.date);
  }
  return [...days].map(([date, title]) => ({ date, title })).sort((a, b) => a.date.localeCompare(b.date));
}

/** One lookup per region, each keeping the years it has worked out: reminder planning asks on every send time it tries. */
const lookups = new Map<BankHolidayRegion, IsBankHoliday>();

/**
 * The bank-holiday lookup for a team's region (England and Wales, Scotland or Northern Ireland): date-holidays'
 * rules, with the shipped overrides. Each year is worked out once per region, on first use, and kept.
 */
export function bankHolidayCalendar(region: BankHolidayRegion): IsBankHoliday {
  const known = lookups.get(region);
  if (known) return known;
  if (!BANK_HOLIDAY_REGIONS.includes(region)) throw new RangeError(`not a bank-holiday region: ${JSON.stringify(region)}`);
  const years = new Map<string, ReadonlySet<string>>();
  const lookup = (localDate: string): boolean => {
    if (!LOCAL_DATE.test(localDate)) throw new RangeError(`a bank-holiday lookup wants a 'yyyy-MM-dd' date, got ${JSON.stringify(localDate)}`);
    const year = localDate.slice(0, 4);
    let days = years.get(year);
    if (!days) years.set(year, (days = new Set(bankHolidaysIn(region, Number(year)).map((holiday) => holiday.date))));
    return days.has(localDate);
  };
  lookups.set(region, lookup);
  return lookup;
}
