import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAY_OVERRIDES, type BankHolidayOverride } from './bank-holiday-overrides.js';
import { BANK_HOLIDAY_REGIONS, bankHolidayCalendar, bankHolidaysIn, type BankHolidayRegion } from './bank-holidays.js';
import { knownBankHolidayRegion } from './bank-holiday-regions.js';

/** Day of the week of a 'yyyy-MM-dd' date, 0 = Sunday, without any time zone in the way. */
function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

const englandAndWales = bankHolidayCalendar('england-and-wales');
const scotland = bankHolidayCalendar('scotland');
const northernIreland = bankHolidayCalendar('northern-ireland');

/** The list this project shipped before regions: GOV.UK's `england-and-wales` division, 2025 to 2028. */
const GOV_UK_ENGLAND_AND_WALES_2025_TO_2028 = [
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
  '2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26',
];

describe('bank holidays by region, from date-holidays', () => {
  it('England and Wales: the same days GOV.UK publishes (the list shipped before), weekend dates left out', () => {
    const dates = [2025, 2026, 2027, 2028].flatMap((year) => bankHolidaysIn('england-and-wales', year).map((h) => h.date));
    expect(dates).toEqual(GOV_UK_ENGLAND_AND_WALES_2025_TO_2028);
  });

  it('England and Wales are one calendar: date-holidays gives Wales the same public holidays as England', () => {
    const publicDates = (state: string, year: number) =>
      new Holidays('GB', state).getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date);
    for (let year = 2020; year <= 2040; year += 1) expect(publicDates('WLS', year), String(year)).toEqual(publicDates('ENG', year));
  });

  it.each([
    // Scotland: 2 January, with its substitute when it falls at a weekend
    ['scotland', '2026-01-02', true], // Friday
    ['scotland', '2027-01-01', true], // Friday
    ['scotland', '2027-01-02', false], // Saturday: the day off is the substitute on Monday 4 January
    ['scotland', '2027-01-04', true],
    ['scotland', '2022-01-03', true], // 1 and 2 January a Saturday and Sunday: Monday 3 and Tuesday 4 off
    ['scotland', '2022-01-04', true],
    ['scotland', '2023-01-02', true], // New Year's Day a Sunday: Monday 2 January, and its substitute Tuesday 3
    ['scotland', '2023-01-03', true],
    ['england-and-wales', '2026-01-02', false],
    ['england-and-wales', '2027-01-04', false],
    ['northern-ireland', '2026-01-02', false],
    // Scotland: St Andrew's Day, the Monday after when 30 November falls at a weekend
    ['scotland', '2026-11-30', true], // Monday
    ['scotland', '2025-11-30', false], // Sunday
    ['scotland', '2025-12-01', true],
    ['scotland', '2030-11-30', false], // Saturday
    ['scotland', '2030-12-02', true],
    ['england-and-wales', '2026-11-30', false],
    // Scotland: no Easter Monday, and the summer bank holiday is the first Monday in August
    ['scotland', '2026-04-06', false],
    ['england-and-wales', '2026-04-06', true],
    ['northern-ireland', '2026-04-06', true],
    ['scotland', '2026-04-03', true], // Good Friday everywhere
    ['scotland', '2026-08-03', true],
    ['scotland', '2026-08-31', false],
    ['england-and-wales', '2026-08-03', false],
    // Northern Ireland: St Patrick's Day and the Battle of the Boyne, with their substitutes
    ['northern-ireland', '2026-03-17', true], // Tuesday
    ['northern-ireland', '2024-03-17', false], // Sunday
    ['northern-ireland', '2024-03-18', true],
    ['northern-ireland', '2029-03-17', false], // Saturday
    ['northern-ireland', '2029-03-19', true],
    ['northern-ireland', '2027-07-12', true], // Monday
    ['northern-ireland', '2026-07-12', false], // Sunday
    ['northern-ireland', '2026-07-13', true],
    ['northern-ireland', '2025-07-12', false], // Saturday
    ['northern-ireland', '2025-07-14', true],
    ['england-and-wales', '2026-03-17', false],
    ['scotland', '2026-03-17', false],
    ['england-and-wales', '2027-07-12', false],
    ['scotland', '2026-07-13', false],
    // Everywhere: Christmas at a weekend moves to the Monday and Tuesday
    ['england-and-wales', '2027-12-25', false],
    ['england-and-wales', '2027-12-27', true],
    ['scotland', '2027-12-28', true],
    ['northern-ireland', '2027-12-27', true],
    ['england-and-wales', '2026-07-01', false],
    // No end date: date-holidays works out any year
    ['england-and-wales', '2040-12-25', true],
    ['scotland', '2041-01-02', true],
  ] as const)('%s: %s is a bank holiday: %s', (region, date, expected) => {
    expect(bankHolidayCalendar(region)(date)).toBe(expected);
  });

  it('has the statutory number of days off each ordinary year: 8 in England and Wales, 9 in Scotland, 10 in Northern Ireland', () => {
    const count: Record<BankHolidayRegion, number> = { 'england-and-wales': 8, scotland: 9, 'northern-ireland': 10 };
    for (const region of BANK_HOLIDAY_REGIONS) {
      for (let year = 2024; year <= 2035; year += 1) {
        const days = bankHolidaysIn(region, year);
        expect(days, `${region} ${year}`).toHaveLength(count[region]);
        for (const { date } of days) expect([0, 6], `${region} ${date}`).not.toContain(weekday(date));
      }
    }
  });

  it('gives one lookup per region, so every caller shares its cache of years', () => {
    expect(bankHolidayCalendar('scotland')).toBe(scotland);
    expect(scotland).not.toBe(englandAndWales);
    expect(northernIreland).not.toBe(scotland);
  });

  it('refuses anything but a yyyy-MM-dd date, and a region it does not know', () => {
    expect(() => englandAndWales('25/12/2026')).toThrow(RangeError);
    expect(() => scotland('2026-12-25T00:00:00Z')).toThrow(RangeError);
    expect(() => bankHolidayCalendar('wales' as BankHolidayRegion)).toThrow(RangeError);
  });

  it('applies overrides: adds a holiday date-holidays lacks and removes one it lists, only in the regions named', () => {
    const overrides: BankHolidayOverride[] = [
      { date: '2031-06-06', regions: ['scotland', 'northern-ireland'], holiday: true, title: 'A one-off holiday', source: 'https://www.thegazette.co.uk/' },
      { date: '2031-08-04', regions: ['scotland'], holiday: false, title: 'Not a holiday after all', source: 'https://www.mygov.scot/' },
    ];
    const dates = (region: BankHolidayRegion) => bankHolidaysIn(region, 2031, overrides).map((h) => h.date);
    expect(dates('scotland')).toContain('2031-06-06');
    expect(dates('scotland')).not.toContain('2031-08-04');
    expect(bankHolidaysIn('scotland', 2031).map((h) => h.date)).toContain('2031-08-04');
    expect(dates('northern-ireland')).toContain('2031-06-06');
    expect(dates('england-and-wales')).not.toContain('2031-06-06');
    expect(bankHolidaysIn('scotland', 2031, overrides).find((h) => h.date === '2031-06-06')?.title).toBe('A one-off holiday');
  });

  it('ships overrides that are well formed, in date order, and each still changes what date-holidays says', () => {
    const dates = BANK_HOLIDAY_OVERRIDES.map((o) => o.date);
    expect(dates).toEqual([...dates].sort());
    for (const override of BANK_HOLIDAY_OVERRIDES) {
      expect(override.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(override.regions.length).toBeGreaterThan(0);
      expect(override.source).toMatch(/^https:\/\//);
      if (override.holiday) expect([0, 6]).not.toContain(weekday(override.date));
      for (const region of override.regions) {
        expect(BANK_HOLIDAY_REGIONS).toContain(region);
        const without = bankHolidaysIn(region, Number(override.date.slice(0, 4)), []).some((h) => h.date === override.date);
        expect(without, `${override.date} in ${region}: date-holidays already says so; remove the override`).toBe(!override.holiday);
      }
    }
  });
});

describe('a stored region', () => {
  it('reads as itself when known, and as England and Wales when not (a crisis turn never throws on it)', () => {
    for (const region of BANK_HOLIDAY_REGIONS) expect(knownBankHolidayRegion(region)).toBe(region);
    for (const stored of ['wales', 'Scotland', '', null, undefined, 42]) expect(knownBankHolidayRegion(stored)).toBe('england-and-wales');
  });
});
