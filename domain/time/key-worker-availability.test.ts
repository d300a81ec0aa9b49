import { describe, expect, it } from 'vitest';
import { bankHolidayCalendar } from './bank-holidays.js';
import { DEFAULT_WORKING_HOURS, nextKeyWorkerAvailability, type WorkingHours } from './key-worker-availability.js';

const LONDON = 'Europe/London';
const noHolidays = () => false;
const at = (iso: string, hours: WorkingHours = DEFAULT_WORKING_HOURS, holidays = bankHolidayCalendar('england-and-wales')) =>
  nextKeyWorkerAvailability(new Date(iso), hours, holidays, LONDON);
const backAt = (iso: string) => ({ atWorkNow: false, backAt: new Date(iso) });

describe('when the key worker is next at work (Mon–Fri 09:00–17:00 in London, not on bank holidays)', () => {
  it.each([
    // now (UTC), what the reply can say
    ['2026-03-04T10:00:00Z', 'Wednesday morning', { atWorkNow: true }],
    ['2026-03-04T08:59:59Z', 'Wednesday one second before nine', backAt('2026-03-04T09:00:00Z')],
    ['2026-03-04T09:00:00Z', 'Wednesday at nine', { atWorkNow: true }],
    ['2026-03-04T16:59:59Z', 'Wednesday one second before five', { atWorkNow: true }],
    ['2026-03-04T17:00:00Z', 'Wednesday at five', backAt('2026-03-05T09:00:00Z')],
    ['2026-03-04T22:30:00Z', 'Wednesday evening', backAt('2026-03-05T09:00:00Z')],
    ['2026-03-05T02:00:00Z', 'the small hours of Thursday', backAt('2026-03-05T09:00:00Z')],
    ['2026-03-06T18:00:00Z', 'Friday evening', backAt('2026-03-09T09:00:00Z')],
    ['2026-03-07T12:00:00Z', 'Saturday', backAt('2026-03-09T09:00:00Z')],
    ['2026-03-08T23:59:00Z', 'late on Sunday', backAt('2026-03-09T09:00:00Z')],
  ] as const)('%s (%s)', (now, _when, expected) => {
    expect(at(now)).toEqual(expected);
  });

  it('skips bank holidays: Good Friday and Easter Monday 2026 make the Thursday evening wait until Tuesday', () => {
    expect(at('2026-04-02T18:00:00Z')).toEqual(backAt('2026-04-07T08:00:00Z'));
  });

  it('skips Christmas: Christmas Eve evening 2026 waits for Tuesday 29 December (25th Fri, 28th the Boxing Day substitute)', () => {
    expect(at('2026-12-24T18:00:00Z')).toEqual(backAt('2026-12-29T09:00:00Z'));
  });

  it("follows the team's region: a Scottish team is back on Easter Monday and away on 2 January", () => {
    const scotland = bankHolidayCalendar('scotland');
    expect(at('2026-04-02T18:00:00Z', DEFAULT_WORKING_HOURS, scotland)).toEqual(backAt('2026-04-06T08:00:00Z'));
    expect(at('2026-01-02T10:00:00Z', DEFAULT_WORKING_HOURS, scotland)).toEqual(backAt('2026-01-05T09:00:00Z'));
    expect(at('2026-01-02T10:00:00Z')).toEqual({ atWorkNow: true });
  });

  it('a team that works bank holidays is back on Good Friday', () => {
    expect(at('2026-04-02T18:00:00Z', { ...DEFAULT_WORKING_HOURS, onBankHolidays: true })).toEqual(backAt('2026-04-03T08:00:00Z'));
  });

  it('on a bank holiday itself, in what would be working hours, they are away', () => {
    expect(at('2026-05-04T10:00:00Z')).toEqual(backAt('2026-05-05T08:00:00Z'));
  });

  describe('across the clocks changing', () => {
    it('spring forward: Friday 27 March 2026 evening (GMT) to Monday 30 March at nine (BST, 08:00 UTC)', () => {
      expect(at('2026-03-27T18:00:00Z', DEFAULT_WORKING_HOURS, noHolidays)).toEqual(backAt('2026-03-30T08:00:00Z'));
    });

    it('fall back: Friday 23 October 2026 evening (BST) to Monday 26 October at nine (GMT, 09:00 UTC)', () => {
      expect(at('2026-10-23T18:00:00Z', DEFAULT_WORKING_HOURS, noHolidays)).toEqual(backAt('2026-10-26T09:00:00Z'));
    });

    it('a seven-day team on the Sunday the clocks go forward starts at nine local time', () => {
      const everyDay: WorkingHours = { ...DEFAULT_WORKING_HOURS, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] };
      expect(at('2026-03-29T00:30:00Z', everyDay, noHolidays)).toEqual(backAt('2026-03-29T08:00:00Z'));
      expect(at('2026-10-25T00:30:00Z', everyDay, noHolidays)).toEqual(backAt('2026-10-25T09:00:00Z'));
    });
  });

  it('follows the team: a Saturday-morning team (Tue–Sat 10:00–14:00)', () => {
    const hours: WorkingHours = { days: ['tue', 'wed', 'thu', 'fri', 'sat'], start: '10:00', end: '14:00', onBankHolidays: false };
    expect(at('2026-03-07T11:00:00Z', hours)).toEqual({ atWorkNow: true });
    expect(at('2026-03-07T14:00:00Z', hours)).toEqual(backAt('2026-03-10T10:00:00Z'));
    expect(at('2026-03-09T10:00:00Z', hours)).toEqual(backAt('2026-03-10T10:00:00Z'));
  });

  it('hours it cannot read (a policy edited by hand) never throw: nothing is said of when they are back', () => {
    for (const broken of [{ ...DEFAULT_WORKING_HOURS, start: '9am' }, { ...DEFAULT_WORKING_HOURS, end: '' }, { start: '09:00', end: '17:00' }] as unknown as WorkingHours[]) {
      expect(at('2026-03-04T10:00:00Z', broken)).toEqual({ atWorkNow: false, backAt: null });
    }
  });

  it('says nothing of when they are back if every working day in the next year is a holiday', () => {
    expect(at('2026-03-04T22:00:00Z', DEFAULT_WORKING_HOURS, () => true)).toEqual({ atWorkNow: false, backAt: null });
  });
});
