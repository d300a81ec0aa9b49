import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import {
  BANK_HOLIDAYS_ASOF,
  bankHolidayListNeedsRefresh,
  bankHolidaysCoveredUntil,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  isBankHoliday,
} from './bank-holidays.js';

const YEARS = [2025, 2026, 2027, 2028];
const LONDON = 'Europe/London';

/** Day of the week of a 'yyyy-MM-dd' date, 0 = Sunday, without any time zone in the way. */
function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

describe('England and Wales bank holidays', () => {
  it('agree with date-holidays (GB, ENG) for every covered year: its public holidays that are weekdays', () => {
    // date-holidays lists a weekend holiday and its substitute both (Boxing Day 2026 on Saturday 26 December and
    // the substitute on Monday 28); GOV.UK lists only the day off. So compare weekdays: that is the GOV.UK list.
    const holidays = new Holidays('GB', 'ENG');
    const expected = YEARS.flatMap((year) => holidays.getHolidays(year))
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => holiday.date.slice(0, 10))
      .filter((date) => weekday(date) !== 0 && weekday(date) !== 6);
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((holiday) => holiday.date)).toEqual([...new Set(expected)].sort());
  });

  it('has eight a year, in date order, none at a weekend, all inside the covered years', () => {
    const dates = ENGLAND_AND_WALES_BANK_HOLIDAYS.map((holiday) => holiday.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    for (const year of YEARS) expect(dates.filter((date) => date.startsWith(`${year}-`))).toHaveLength(8);
    for (const date of dates) expect([0, 6]).not.toContain(weekday(date));
    expect(dates.at(-1)! <= bankHolidaysCoveredUntil()).toBe(true);
    expect(bankHolidaysCoveredUntil()).toBe('2028-12-31');
    expect(BANK_HOLIDAYS_ASOF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['2025-12-25', true],
    ['2025-12-26', true],
    ['2026-12-25', true],
    ['2026-12-26', false], // Saturday: the bank holiday is the substitute on Monday 28
    ['2026-12-28', true],
    ['2027-12-25', false], // Saturday
    ['2027-12-27', true],
    ['2027-12-28', true],
    ['2028-01-01', false], // Saturday
    ['2028-01-03', true],
    ['2026-04-03', true], // Good Friday
    ['2026-04-06', true], // Easter Monday
    ['2026-08-31', true],
    ['2026-03-29', false],
    ['2026-07-01', false],
    ['2029-01-01', false], // beyond the list: unknown, so an ordinary day
  ])('%s is a bank holiday: %s', (date, expected) => {
    expect(isBankHoliday(date)).toBe(expected);
  });

  it('refuses anything but a yyyy-MM-dd date', () => {
    expect(() => isBankHoliday('25/12/2026')).toThrow(RangeError);
    expect(() => isBankHoliday('2026-12-25T00:00:00Z')).toThrow(RangeError);
  });

  it('says when the list wants refreshing: within 180 days of running out', () => {
    expect(bankHolidayListNeedsRefresh(new Date('2026-11-23T12:00:00Z'), LONDON)).toBe(false);
    expect(bankHolidayListNeedsRefresh(new Date('2028-07-03T12:00:00Z'), LONDON)).toBe(false);
    expect(bankHolidayListNeedsRefresh(new Date('2028-07-05T12:00:00Z'), LONDON)).toBe(true);
    expect(bankHolidayListNeedsRefresh(new Date('2029-02-01T12:00:00Z'), LONDON)).toBe(true);
  });
});
