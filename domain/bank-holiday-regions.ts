/**
 * The UK's three bank-holiday calendars, named as GOV.UK's bank-holidays.json names its divisions: a team's policy
 * says which one its participants live by.
 */
export const BANK_HOLIDAY_REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type BankHolidayRegion = (typeof BANK_HOLIDAY_REGIONS)[number];

/** @defaultValue "england-and-wales", the calendar every team had before regions */
export const DEFAULT_BANK_HOLIDAY_REGION: BankHolidayRegion = 'england-and-wales';
