import type { BankHolidayRegion } from './bank-holiday-regions.js';

/** A correction to date-holidays' calendar for one date, in the regions it names. */
export interface BankHolidayOverride {
  /** The weekday off, 'yyyy-MM-dd'. */
  date: string;
  regions: readonly BankHolidayRegion[];
  /** true: a bank holiday date-holidays lacks (a one-off royal holiday); false: a date it lists that is not one. */
  holiday: boolean;
  title: string;
  /** Where it was proclaimed or published (gov.uk, mygov.scot, nidirect.gov.uk, The Gazette). */
  source: string;
}

/**
 * Bank holidays come from the date-holidays package at run time (domain/time/bank-holidays.ts); this list is only for
 * what it gets wrong or does not know yet, such as a one-off holiday proclaimed after the installed version.
 * It is empty because date-holidays 3.37 agrees with GOV.UK, mygov.scot and nidirect for every year we have checked
 * (its one-offs include the 2022 Platinum Jubilee, the Queen's funeral and the 2023 Coronation).
 *
 * How to add one (`bank-holidays.test.ts` checks every entry):
 * 1. Add `{ date, regions, holiday: true | false, title, source }` in date order; `source` is the proclamation's or
 *    the published list's https link. A holiday is a weekday: the day people get off, as GOV.UK lists it.
 * 2. `npx vitest run domain/time/bank-holidays`: an entry that changes nothing (date-holidays already agrees, say after
 *    `npm update date-holidays`) fails the test, so the list never keeps a correction it no longer needs.
 */
export const BANK_HOLIDAY_OVERRIDES: readonly BankHolidayOverride[] = [];
