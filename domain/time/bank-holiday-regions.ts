/**
 * The UK's three bank-holiday calendars, named as GOV.UK's bank-holidays.json names its divisions: a team's policy
 * says which one its participants live by.
 */
export const BANK_HOLIDAY_REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type BankHolidayRegion = (typeof BANK_HOLIDAY_REGIONS)[number];

/** @defaultValue "england-and-wales", the calendar every team had before regions */
export const DEFAULT_BANK_HOLIDAY_REGION: BankHolidayRegion = 'england-and-wales';

/** A stored region as a known one: a value edited by hand into the database reads as the default, never a throw. */
export function knownBankHolidayRegion(region: unknown): BankHolidayRegion {
  return BANK_HOLIDAY_REGIONS.find((known) => known === region) ?? DEFAULT_BANK_HOLIDAY_REGION;
}
