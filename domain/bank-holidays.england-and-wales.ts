/**
 * England and Wales bank holidays, 2025 to 2028, as GOV.UK publishes them: the `england-and-wales` division of
 * https://www.gov.uk/bank-holidays.json (OGL v3). GOV.UK lists the day people actually get off, so a holiday
 * that falls at a weekend appears only as its weekday substitute (Boxing Day 2026, a Saturday, is listed as
 * Monday 28 December), and weekend dates never appear.
 *
 * ASOF 2026-11-23. Written offline (this build machine cannot reach gov.uk) from the statutory pattern in
 * GOV.UK's format, and cross-checked in `bank-holidays.test.ts` against the `date-holidays` package (GB, ENG:
 * its public holidays that fall on weekdays). Compare with the live file at the next refresh. A one-off holiday
 * proclaimed later (as for the 2022 and 2023 royal events) is not here until someone adds it.
 *
 * How to refresh (once a year, and whenever a one-off bank holiday is announced):
 * 1. `curl -s https://www.gov.uk/bank-holidays.json | jq -r '."england-and-wales".events[]
 *    | "  { date: \"\(.date)\", title: \"\(.title)\" },"'` and replace the rows below for the years it covers
 *    (keep the list in date order).
 * 2. Extend the years: set `BANK_HOLIDAYS_COVERED_UNTIL` to 31 December of the last complete year listed,
 *    update `ASOF` above and `BANK_HOLIDAYS_ASOF`, and widen `YEARS` in `bank-holidays.test.ts`.
 * 3. `npx vitest run domain/bank-holidays`: the cross-check against `date-holidays` must still pass (a one-off
 *    holiday it does not know goes in that test's list of known differences, with the proclamation's link).
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly { date: string; title: string }[] = [
  { date: '2025-01-01', title: 'New Year’s Day' },
  { date: '2025-04-18', title: 'Good Friday' },
  { date: '2025-04-21', title: 'Easter Monday' },
  { date: '2025-05-05', title: 'Early May bank holiday' },
  { date: '2025-05-26', title: 'Spring bank holiday' },
  { date: '2025-08-25', title: 'Summer bank holiday' },
  { date: '2025-12-25', title: 'Christmas Day' },
  { date: '2025-12-26', title: 'Boxing Day' },
  { date: '2026-01-01', title: 'New Year’s Day' },
  { date: '2026-04-03', title: 'Good Friday' },
  { date: '2026-04-06', title: 'Easter Monday' },
  { date: '2026-05-04', title: 'Early May bank holiday' },
  { date: '2026-05-25', title: 'Spring bank holiday' },
  { date: '2026-08-31', title: 'Summer bank holiday' },
  { date: '2026-12-25', title: 'Christmas Day' },
  { date: '2026-12-28', title: 'Boxing Day (substitute day)' },
  { date: '2027-01-01', title: 'New Year’s Day' },
  { date: '2027-03-26', title: 'Good Friday' },
  { date: '2027-03-29', title: 'Easter Monday' },
  { date: '2027-05-03', title: 'Early May bank holiday' },
  { date: '2027-05-31', title: 'Spring bank holiday' },
  { date: '2027-08-30', title: 'Summer bank holiday' },
  { date: '2027-12-27', title: 'Christmas Day (substitute day)' },
  { date: '2027-12-28', title: 'Boxing Day (substitute day)' },
  { date: '2028-01-03', title: 'New Year’s Day (substitute day)' },
  { date: '2028-04-14', title: 'Good Friday' },
  { date: '2028-04-17', title: 'Easter Monday' },
  { date: '2028-05-01', title: 'Early May bank holiday' },
  { date: '2028-05-29', title: 'Spring bank holiday' },
  { date: '2028-08-28', title: 'Summer bank holiday' },
  { date: '2028-12-25', title: 'Christmas Day' },
  { date: '2028-12-26', title: 'Boxing Day' },
];

/** When the list above was last checked. */
export const BANK_HOLIDAYS_ASOF = '2026-11-23';

/** The last local date the list speaks for; after it `isBankHoliday` knows nothing and says false. */
export const BANK_HOLIDAYS_COVERED_UNTIL = '2028-12-31';
