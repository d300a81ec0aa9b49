import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY } from '../appointments/appointment.types.js';
import { bankHolidayCalendar } from '../time/bank-holidays.js';
import { isCalendarDate } from '../time/calendar-date.js';
import { planCheckIns, weeksSinceStart, type CheckInPolicy, type PlannedCheckIn } from './check-in-schedule.js';
import { isInQuietHours } from '../time/quiet-hours.js';

const LONDON = 'Europe/London';
const policy: CheckInPolicy = DEFAULT_REMINDER_POLICY;

/** The local wall clock of an instant, "yyyy-MM-dd HH:mm". */
function wallClock(at: Date, timeZone = LONDON): string {
  const local = new TZDate(at.getTime(), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${two(local.getMonth() + 1)}-${two(local.getDate())} ${two(local.getHours())}:${two(local.getMinutes())}`;
}

const plan = (startDate: string, now: Date, override: Partial<CheckInPolicy> = {}, timeZone = LONDON): PlannedCheckIn[] =>
  planCheckIns({ startDate, policy: { ...policy, ...override }, now, timeZone });

const sendTimes = (planned: PlannedCheckIn[]) => planned.map((c) => [c.week, c.status, c.sendAt && wallClock(c.sendAt)]);

describe('planCheckIns', () => {
  it('the default weeks from a Monday start go on Mondays at 17:30 London time, and sustainment weeks ask "still in work?"', () => {
    // Monday 2 March 2026, recorded that morning.
    const planned = plan('2026-03-02', new Date('2026-03-02T09:00:00Z'));
    expect(planned.map((c) => [c.week, c.status, wallClock(c.dueAt), c.sendAt && wallClock(c.sendAt), c.asksStillInWork])).toEqual([
      [1, 'scheduled', '2026-03-09 17:30', '2026-03-09 17:30', false],
      [2, 'scheduled', '2026-03-16 17:30', '2026-03-16 17:30', false],
      [4, 'scheduled', '2026-03-30 17:30', '2026-03-30 17:30', false], // the day after the clocks go forward
      [8, 'scheduled', '2026-04-27 17:30', '2026-04-27 17:30', false],
      [13, 'scheduled', '2026-06-01 17:30', '2026-06-01 17:30', true],
      // Monday 31 August 2026 is the summer bank holiday: the next day, at the check-in time.
      [26, 'scheduled', '2026-08-31 17:30', '2026-09-01 17:30', true],
    ]);
  });

  it('keeps 17:30 on the local clock across the October clock change (BST → GMT)', () => {
    // Monday 19 October 2026 is still BST; the clocks go back on Sunday 25 October.
    const [week1, week2] = plan('2026-10-12', new Date('2026-10-12T09:00:00Z'), { checkInWeeks: [1, 2] });
    expect(week1?.dueAt.toISOString()).toBe('2026-10-19T16:30:00.000Z');
    expect(week2?.dueAt.toISOString()).toBe('2026-10-26T17:30:00.000Z');
    expect(week2?.sendAt?.toISOString()).toBe('2026-10-26T17:30:00.000Z');
  });

  it('keeps 17:30 on the local clock across the March clock change (GMT → BST)', () => {
    // The clocks go forward on Sunday 28 March 2027.
    const [week1, week2] = plan('2027-03-15', new Date('2027-03-15T09:00:00Z'), { checkInWeeks: [1, 2] });
    expect(week1?.dueAt.toISOString()).toBe('2027-03-22T17:30:00.000Z');
    // Monday 29 March 2027 is also Easter Monday: moved to Tuesday at 17:30 BST.
    expect(week2?.dueAt.toISOString()).toBe('2027-03-29T16:30:00.000Z');
    expect(week2?.sendAt?.toISOString()).toBe('2027-03-30T16:30:00.000Z');
  });

  it('moves a week that lands on Christmas Day 2026 (a Friday) to the next day that is not a bank holiday', () => {
    const [week1] = plan('2026-12-18', new Date('2026-12-01T09:00:00Z'), { checkInWeeks: [1] });
    expect(week1 && wallClock(week1.dueAt)).toBe('2026-12-25 17:30');
    // Saturday 26 December is not a bank holiday in GOV.UK's list (Boxing Day is substituted to Monday 28th).
    expect(week1?.sendAt && wallClock(week1.sendAt)).toBe('2026-12-26 17:30');
  });

  it('skips a run of bank holidays: Christmas Day 2027 substitute and Boxing Day substitute', () => {
    // Monday 27 and Tuesday 28 December 2027 are both bank holidays.
    const [week1] = plan('2027-12-20', new Date('2027-12-01T09:00:00Z'), { checkInWeeks: [1] });
    expect(week1?.sendAt && wallClock(week1.sendAt)).toBe('2027-12-29 17:30');
  });

  it("skips the team's region's bank holidays: St Andrew's Day in Scotland, St Patrick's Day in Northern Ireland", () => {
    // A job start on Monday 23 November 2026: week 1 is Monday 30 November, St Andrew's Day.
    const [scottish] = plan('2026-11-23', new Date('2026-11-01T09:00:00Z'), { checkInWeeks: [1], region: 'scotland' });
    expect(scottish?.sendAt && wallClock(scottish.sendAt)).toBe('2026-12-01 17:30');
    const [english] = plan('2026-11-23', new Date('2026-11-01T09:00:00Z'), { checkInWeeks: [1] });
    expect(english?.sendAt && wallClock(english.sendAt)).toBe('2026-11-30 17:30');
    // Tuesday 10 March 2026: week 1 is Tuesday 17 March.
    const [northernIrish] = plan('2026-03-10', new Date('2026-03-01T09:00:00Z'), { checkInWeeks: [1], region: 'northern-ireland' });
    expect(northernIrish?.sendAt && wallClock(northernIrish.sendAt)).toBe('2026-03-18 17:30');
  });

  it('goes on a bank holiday when the team does not skip them', () => {
    const [week1] = plan('2026-12-18', new Date('2026-12-01T09:00:00Z'), { checkInWeeks: [1], skipBankHolidays: false });
    expect(week1?.sendAt && wallClock(week1.sendAt)).toBe('2026-12-25 17:30');
  });

  it('moves a check-in time inside quiet hours to when they end', () => {
    const planned = plan('2026-03-02', new Date('2026-03-02T09:00:00Z'), { checkInWeeks: [1], checkInTime: '21:30' });
    expect(sendTimes(planned)).toEqual([[1, 'scheduled', '2026-03-10 08:00']]);
    const early = plan('2026-03-02', new Date('2026-03-02T09:00:00Z'), { checkInWeeks: [1], checkInTime: '07:15' });
    expect(sendTimes(early)).toEqual([[1, 'scheduled', '2026-03-09 08:00']]);
  });

  it('drops weeks already past when the start is recorded late, and keeps the rest', () => {
    // Recorded on the evening of the week-2 check-in, after 17:30: weeks 1 and 2 are shown as dropped.
    const planned = plan('2026-03-02', new Date('2026-03-16T20:00:00Z'));
    expect(planned.map((c) => [c.week, c.status])).toEqual([
      [1, 'dropped'],
      [2, 'dropped'],
      [4, 'scheduled'],
      [8, 'scheduled'],
      [13, 'scheduled'],
      [26, 'scheduled'],
    ]);
    const [week1] = planned;
    expect(week1).toEqual({ week: 1, dueAt: new Date('2026-03-09T17:30:00Z'), asksStillInWork: false, status: 'dropped', sendAt: null, reason: 'past' });
  });

  it('a week due at exactly now is past; one due a minute later is not', () => {
    const due = new Date('2026-03-09T17:30:00Z');
    expect(plan('2026-03-02', due, { checkInWeeks: [1] })[0]?.status).toBe('dropped');
    expect(plan('2026-03-02', new Date(due.getTime() - 60_000), { checkInWeeks: [1] })[0]?.status).toBe('scheduled');
  });

  it('a week moved off a bank holiday is past only once its moved time has gone', () => {
    // Due on Christmas Day, sent on the 26th at 17:30: on the evening of the 25th it is still to come.
    const [week1] = plan('2026-12-18', new Date('2026-12-25T20:00:00Z'), { checkInWeeks: [1] });
    expect(week1?.status).toBe('scheduled');
  });

  it('sorts and de-duplicates the policy weeks, and flags each sustainment week', () => {
    const planned = plan('2026-03-02', new Date('2026-03-02T09:00:00Z'), { checkInWeeks: [13, 1, 13, 4], sustainmentWeeks: [4, 52] });
    expect(planned.map((c) => [c.week, c.asksStillInWork])).toEqual([
      [1, false],
      [4, true],
      [13, false],
    ]);
  });

  it('a check-in time the spring clock change skips comes out an hour later on the clock', () => {
    // Sunday 29 March 2026: 01:00 GMT jumps to 02:00 BST, so 01:30 does not happen that night.
    const [week1] = plan('2026-03-22', new Date('2026-03-01T00:00:00Z'), { checkInWeeks: [1], checkInTime: '01:30', quietHours: null });
    expect(week1?.dueAt.toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 BST
  });

  it('rolls over months and years', () => {
    const [week2] = plan('2026-12-21', new Date('2026-12-01T09:00:00Z'), { checkInWeeks: [2] });
    expect(week2 && wallClock(week2.dueAt)).toBe('2027-01-04 17:30');
  });

  it('rejects a date that is not on the calendar, and a time that is not a clock time', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(() => plan('2026-02-31', now)).toThrow(RangeError);
    expect(() => plan('2026-2-3', now)).toThrow(RangeError);
    expect(() => plan('2026-03-02', now, { checkInTime: '5:30pm' })).toThrow(RangeError);
  });

  it('every scheduled check-in is outside quiet hours and off bank holidays, on the same weekday unless moved', () => {
    const starts = fc
      .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-06-30T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const times = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(starts, times, fc.uniqueArray(fc.integer({ min: 0, max: 26 }), { minLength: 1, maxLength: 6 }), (startDate, checkInTime, weeks) => {
        const planned = plan(startDate, new Date(`${startDate}T00:00:00Z`), { checkInWeeks: weeks, checkInTime });
        expect(planned.map((c) => c.week)).toEqual([...weeks].sort((a, b) => a - b));
        for (const c of planned) {
          // The due time is the start date plus the weeks, at the check-in time, on the local clock.
          const start = new Date(`${startDate}T12:00:00Z`);
          const dueDay = new Date(start.getTime() + c.week * 7 * 86_400_000).toISOString().slice(0, 10);
          const dueWall = wallClock(c.dueAt);
          expect(dueWall.slice(0, 10)).toBe(dueDay);
          if (dueWall.slice(11) !== checkInTime) {
            // Only a time the spring clock change skips (01:xx on its Sunday) is not on the clock: it comes out at 02:xx.
            expect(checkInTime.slice(0, 2)).toBe('01');
            expect(dueWall.slice(11)).toBe(`02${checkInTime.slice(2)}`);
          }
          if (c.status === 'scheduled') {
            expect(c.sendAt.getTime()).toBeGreaterThanOrEqual(c.dueAt.getTime());
            expect(isInQuietHours(c.sendAt, policy.quietHours, LONDON)).toBe(false);
            expect(bankHolidayCalendar(policy.region)(wallClock(c.sendAt).slice(0, 10))).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2026-03-02', true],
    ['2028-02-29', true], // a leap year
    ['2026-12-31', true],
    ['2026-02-31', false],
    ['2026-02-29', false],
    ['2100-02-29', false], // not a leap year
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    ['2026-2-3', false],
    ['02/03/2026', false],
    ['2026-03-02T00:00', false],
    ['', false],
  ])('%j → %s', (text, real) => {
    expect(isCalendarDate(text)).toBe(real);
  });
});

describe('weeksSinceStart', () => {
  it.each([
    // Monday 2 March 2026 start; the local calendar decides.
    ['2026-03-02T09:00:00Z', 0],
    ['2026-03-08T23:30:00Z', 0], // Sunday night, GMT
    ['2026-03-09T00:30:00Z', 1], // the next Monday
    ['2026-03-29T22:59:00Z', 3], // Sunday 29 March, 23:59 BST
    ['2026-03-29T23:00:00Z', 4], // Monday 30 March, 00:00 BST (still the 29th in UTC)
    ['2026-06-01T16:30:00Z', 13],
    ['2026-03-01T12:00:00Z', -1], // the day before the start
  ])('at %s → week %i', (now, weeks) => {
    expect(weeksSinceStart('2026-03-02', new Date(now), LONDON)).toBe(weeks);
  });

  it('rejects a date that is not on the calendar', () => {
    expect(() => weeksSinceStart('2026-02-31', new Date('2026-03-09T00:30:00Z'), LONDON)).toThrow(RangeError);
    expect(() => weeksSinceStart('March 2nd', new Date('2026-03-09T00:30:00Z'), LONDON)).toThrow(RangeError);
  });
});
