import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY, type PlannedReminder } from './appointment.types.js';
import { BANK_HOLIDAY_REGIONS, bankHolidayCalendar } from '../time/bank-holidays.js';
import { isInQuietHours, type SendWindowPolicy } from '../time/quiet-hours.js';
import { COLLAPSED_OFFSET, MIN_LEAD_MINUTES, MIN_LEAD_MS, planReminders } from './reminder-schedule.js';

const LONDON = 'Europe/London';
const policy: SendWindowPolicy = { quietHours: DEFAULT_REMINDER_POLICY.quietHours, skipBankHolidays: true, region: 'england-and-wales' };

/** A London wall-clock time as an instant: local('2026-03-29 10:00'). */
function local(text: string): Date {
  const [date, time] = text.split(' ') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, 0, LONDON).getTime());
}

function londonClock(instant: Date | null): string | null {
  return instant && format(new TZDate(instant, LONDON), 'yyyy-MM-dd HH:mm');
}

/** The plan in London wall-clock terms, easy to read in a failing test. */
function plan(startsAt: string, offsets: string[], now: string, rules = policy) {
  return planReminders({ startsAt: local(startsAt), offsets, policy: rules, now: local(now), timeZone: LONDON }).map((reminder) => ({
    offset: reminder.offset,
    dueAt: londonClock(reminder.dueAt),
    sendAt: londonClock(reminder.sendAt),
    status: reminder.status,
    ...('moved' in reminder && reminder.moved && { moved: reminder.moved }),
    ...('reason' in reminder && { reason: reminder.reason }),
  }));
}

describe('planReminders', () => {
  it('plans the default P2D and PT2H at their due times on ordinary days', () => {
    expect(plan('2026-07-08 10:30', ['P2D', 'PT2H'], '2026-07-01 09:00')).toEqual([
      { offset: 'P2D', dueAt: '2026-07-06 10:30', sendAt: '2026-07-06 10:30', status: 'scheduled' },
      { offset: 'PT2H', dueAt: '2026-07-08 08:30', sendAt: '2026-07-08 08:30', status: 'scheduled' },
    ]);
  });

  it('returns plain Dates, sendAt equal to dueAt when nothing moved', () => {
    const [first] = planReminders({
      startsAt: new Date('2026-07-08T09:30:00Z'),
      offsets: ['P2D'],
      policy,
      now: new Date('2026-07-01T08:00:00Z'),
      timeZone: LONDON,
    });
    expect(first).toEqual({
      offset: 'P2D',
      dueAt: new Date('2026-07-06T09:30:00Z'),
      sendAt: new Date('2026-07-06T09:30:00Z'),
      status: 'scheduled',
    });
  });

  describe('clock changes move nothing', () => {
    it('spring forward (Sun 29 Mar 2026): P1D before 10:00 on the change day is 10:00 on Saturday, 23 hours before', () => {
      const [p1d, pt2h] = planReminders({
        startsAt: new Date('2026-03-29T09:00:00Z'), // 10:00 BST
        offsets: ['P1D', 'PT2H'],
        policy,
        now: new Date('2026-03-20T12:00:00Z'),
        timeZone: LONDON,
      });
      expect(p1d?.sendAt).toEqual(new Date('2026-03-28T10:00:00Z')); // 10:00 GMT
      expect(pt2h?.sendAt).toEqual(new Date('2026-03-29T07:00:00Z')); // exactly 2 h before: 08:00 BST
    });

    it('spring forward: P1D before 10:00 the day after the change is 10:00 local on the change day', () => {
      expect(plan('2026-03-30 10:00', ['P1D', 'PT2H'], '2026-03-20 12:00')).toEqual([
        { offset: 'P1D', dueAt: '2026-03-29 10:00', sendAt: '2026-03-29 10:00', status: 'scheduled' },
        { offset: 'PT2H', dueAt: '2026-03-30 08:00', sendAt: '2026-03-30 08:00', status: 'scheduled' },
      ]);
    });

    it('fall back (Sun 25 Oct 2026): P1D before 10:00 on the change day is 10:00 on Saturday, 25 hours before', () => {
      const [p1d, pt2h] = planReminders({
        startsAt: new Date('2026-10-25T10:00:00Z'), // 10:00 GMT
        offsets: ['P1D', 'PT2H'],
        policy,
        now: new Date('2026-10-20T12:00:00Z'),
        timeZone: LONDON,
      });
      expect(p1d?.sendAt).toEqual(new Date('2026-10-24T09:00:00Z')); // 10:00 BST
      expect(pt2h?.sendAt).toEqual(new Date('2026-10-25T08:00:00Z')); // exactly 2 h before: 08:00 GMT
    });

    it('fall back: P1D before 10:00 the day after the change is 10:00 local on the change day', () => {
      expect(plan('2026-10-26 10:00', ['P1D'], '2026-10-20 12:00')).toEqual([
        { offset: 'P1D', dueAt: '2026-10-25 10:00', sendAt: '2026-10-25 10:00', status: 'scheduled' },
      ]);
    });

    it('PT2H is exactly two hours of elapsed time, whatever the clocks do', () => {
      const startsAt = new Date('2026-03-29T02:30:00Z'); // 03:30 BST; 2 h before is 00:30 GMT (quiet)
      const [reminder] = planReminders({ startsAt, offsets: ['PT2H'], policy: { quietHours: null, skipBankHolidays: false, region: 'england-and-wales' }, now: new Date('2026-03-01T00:00:00Z'), timeZone: LONDON });
      expect(reminder?.dueAt).toEqual(new Date('2026-03-29T00:30:00Z'));
      expect(reminder?.sendAt).toEqual(new Date('2026-03-29T00:30:00Z'));
    });
  });

  describe('quiet hours', () => {
    it('a reminder due at 22:30 moves to 08:00 the next day', () => {
      expect(plan('2026-07-03 22:30', ['P1D'], '2026-07-01 09:00', { quietHours: { start: '23:00', end: '06:00' }, skipBankHolidays: true, region: 'england-and-wales' })).toEqual([
        { offset: 'P1D', dueAt: '2026-07-02 22:30', sendAt: '2026-07-02 22:30', status: 'scheduled' },
      ]);
      expect(plan('2026-07-03 10:30', ['PT12H'], '2026-07-01 09:00')).toEqual([
        { offset: 'PT12H', dueAt: '2026-07-02 22:30', sendAt: '2026-07-03 08:00', status: 'scheduled', moved: 'quiet_hours' },
      ]);
    });

    it('one that would move past the appointment is dropped, never sent after it', () => {
      // Due 22:30, appointment 07:30 the next morning: 08:00 is too late.
      expect(plan('2026-07-03 07:30', ['PT9H'], '2026-07-01 09:00')).toEqual([
        { offset: 'PT9H', dueAt: '2026-07-02 22:30', sendAt: null, status: 'dropped', reason: 'too_late' },
      ]);
    });

    it(`one that would move to less than ${MIN_LEAD_MINUTES} minutes before the appointment is dropped`, () => {
      expect(plan('2026-07-03 08:10', ['PT10H'], '2026-07-01 09:00')).toEqual([
        { offset: 'PT10H', dueAt: '2026-07-02 22:10', sendAt: null, status: 'dropped', reason: 'too_late' },
      ]);
      expect(plan('2026-07-03 08:15', ['PT10H'], '2026-07-01 09:00')).toEqual([
        { offset: 'PT10H', dueAt: '2026-07-02 22:15', sendAt: '2026-07-03 08:00', status: 'scheduled', moved: 'quiet_hours' },
      ]);
    });

    it(`an offset shorter than ${MIN_LEAD_MINUTES} minutes is always too late (the firing job would refuse it too)`, () => {
      expect(plan('2026-07-03 10:00', ['PT10M'], '2026-07-01 09:00')).toEqual([
        { offset: 'PT10M', dueAt: '2026-07-03 09:50', sendAt: null, status: 'dropped', reason: 'too_late' },
      ]);
      expect(MIN_LEAD_MS).toBe(MIN_LEAD_MINUTES * 60_000);
    });
  });

  describe('bank holidays', () => {
    it('a reminder falling on Christmas Day 2026 moves to 08:00 on Saturday 26th, which is not a bank holiday in 2026', () => {
      expect(plan('2026-12-27 11:00', ['P2D'], '2026-12-01 09:00')).toEqual([
        { offset: 'P2D', dueAt: '2026-12-25 11:00', sendAt: '2026-12-26 08:00', status: 'scheduled', moved: 'bank_holiday' },
      ]);
    });

    it('one falling on the Boxing Day substitute (Mon 28 Dec 2026) moves to Tuesday', () => {
      expect(plan('2026-12-30 10:00', ['P2D'], '2026-12-01 09:00')).toEqual([
        { offset: 'P2D', dueAt: '2026-12-28 10:00', sendAt: '2026-12-29 08:00', status: 'scheduled', moved: 'bank_holiday' },
      ]);
    });

    it('one that the holiday pushes past the appointment is dropped', () => {
      // Appointment 10:00 on Tuesday 29 Dec 2027, reminder due on the 27th, a bank holiday, as is the 28th.
      expect(plan('2027-12-28 15:00', ['P1D'], '2027-12-01 09:00')).toEqual([
        { offset: 'P1D', dueAt: '2027-12-27 15:00', sendAt: null, status: 'dropped', reason: 'too_late' },
      ]);
    });

    it('bank holidays count only when the policy skips them', () => {
      expect(plan('2026-12-27 11:00', ['P2D'], '2026-12-01 09:00', { ...policy, skipBankHolidays: false })).toEqual([
        { offset: 'P2D', dueAt: '2026-12-25 11:00', sendAt: '2026-12-25 11:00', status: 'scheduled' },
      ]);
    });
  });

  describe('booked late', () => {
    it('booking 1 hour before an appointment with P2D and PT2H gives one reminder now', () => {
      expect(plan('2026-07-08 11:00', ['P2D', 'PT2H'], '2026-07-08 10:00')).toEqual([
        { offset: COLLAPSED_OFFSET, dueAt: '2026-07-08 10:00', sendAt: '2026-07-08 10:00', status: 'scheduled', moved: 'collapsed' },
      ]);
    });

    it('past offsets collapse into one, while offsets still ahead keep their own times', () => {
      expect(plan('2026-07-08 15:00', ['P2D', 'P1D', 'PT2H'], '2026-07-08 09:00')).toEqual([
        { offset: 'now', dueAt: '2026-07-08 09:00', sendAt: '2026-07-08 09:00', status: 'scheduled', moved: 'collapsed' },
        { offset: 'PT2H', dueAt: '2026-07-08 13:00', sendAt: '2026-07-08 13:00', status: 'scheduled' },
      ]);
    });

    it('booking at 23:00 for 08:30 the next day: the reminder now moves to 08:00, still before', () => {
      // PT2H is due at 06:30, still ahead, and also moves to 08:00: one message, so it is merged away.
      expect(plan('2026-07-09 08:30', ['P2D', 'PT2H'], '2026-07-08 23:00')).toEqual([
        { offset: 'now', dueAt: '2026-07-08 23:00', sendAt: '2026-07-09 08:00', status: 'scheduled', moved: 'collapsed' },
        { offset: 'PT2H', dueAt: '2026-07-09 06:30', sendAt: null, status: 'dropped', reason: 'merged' },
      ]);
    });

    it(`booking at 23:00 for 08:05 the next day: 08:00 is within ${MIN_LEAD_MINUTES} minutes, so it is dropped`, () => {
      expect(plan('2026-07-09 08:05', ['P2D', 'PT2H'], '2026-07-08 23:00')).toEqual([
        { offset: 'now', dueAt: '2026-07-08 23:00', sendAt: null, status: 'dropped', reason: 'too_late' },
        { offset: 'PT2H', dueAt: '2026-07-09 06:05', sendAt: null, status: 'dropped', reason: 'too_late' },
      ]);
    });

    it(`booking less than ${MIN_LEAD_MINUTES} minutes ahead sends nothing`, () => {
      expect(plan('2026-07-08 10:10', ['PT2H'], '2026-07-08 10:00')).toEqual([
        { offset: 'now', dueAt: '2026-07-08 10:00', sendAt: null, status: 'dropped', reason: 'too_late' },
      ]);
    });

    it('an appointment already passed drops every reminder', () => {
      expect(plan('2026-07-08 10:00', ['P2D', 'PT2H'], '2026-07-08 10:00')).toEqual([
        { offset: 'P2D', dueAt: '2026-07-06 10:00', sendAt: null, status: 'dropped', reason: 'appointment_passed' },
        { offset: 'PT2H', dueAt: '2026-07-08 08:00', sendAt: null, status: 'dropped', reason: 'appointment_passed' },
      ]);
    });
  });

  describe('merging and duplicates', () => {
    it('two reminders landing on the same time become one: the larger offset is kept', () => {
      // Appointment 10:00 Friday: PT13H is due 21:00 Thursday and PT12H 22:00, both moved to 08:00 Friday.
      expect(plan('2026-07-03 10:00', ['PT12H', 'PT13H'], '2026-07-01 09:00')).toEqual([
        { offset: 'PT13H', dueAt: '2026-07-02 21:00', sendAt: '2026-07-03 08:00', status: 'scheduled', moved: 'quiet_hours' },
        { offset: 'PT12H', dueAt: '2026-07-02 22:00', sendAt: null, status: 'dropped', reason: 'merged' },
      ]);
    });

    it('the reminder now is kept over an offset that lands on the same time', () => {
      // Booked at 22:00 for 10:00 tomorrow: P2D collapses to now → 08:00, PT2H is due at 08:00 itself.
      expect(plan('2026-07-09 10:00', ['P2D', 'PT2H'], '2026-07-08 22:00')).toEqual([
        { offset: 'now', dueAt: '2026-07-08 22:00', sendAt: '2026-07-09 08:00', status: 'scheduled', moved: 'collapsed' },
        { offset: 'PT2H', dueAt: '2026-07-09 08:00', sendAt: null, status: 'dropped', reason: 'merged' },
      ]);
    });

    it('the same offset twice, or spelt two ways, counts once (first spelling wins)', () => {
      expect(plan('2026-07-20 10:00', ['P1W', 'PT2H', 'P7D', 'PT2H', 'PT120M'], '2026-07-01 09:00')).toEqual([
        { offset: 'P1W', dueAt: '2026-07-13 10:00', sendAt: '2026-07-13 10:00', status: 'scheduled' },
        { offset: 'PT2H', dueAt: '2026-07-20 08:00', sendAt: '2026-07-20 08:00', status: 'scheduled' },
      ]);
    });

    it('P1D and PT24H are different offsets (they differ across a clock change)', () => {
      expect(plan('2026-03-29 10:00', ['P1D', 'PT24H'], '2026-03-01 09:00')).toEqual([
        { offset: 'PT24H', dueAt: '2026-03-28 09:00', sendAt: '2026-03-28 09:00', status: 'scheduled' },
        { offset: 'P1D', dueAt: '2026-03-28 10:00', sendAt: '2026-03-28 10:00', status: 'scheduled' },
      ]);
    });

    it('no offsets, no reminders; a bad offset is a programming error', () => {
      expect(plan('2026-07-08 10:00', [], '2026-07-01 09:00')).toEqual([]);
      expect(() => plan('2026-07-08 10:00', ['P1M'], '2026-07-01 09:00')).toThrow(RangeError);
    });
  });

  it('for any appointment, clock and offsets: nothing is sent at or after the appointment, before now, in quiet hours or on a bank holiday', () => {
    const offset = fc.oneof(
      fc.integer({ min: 1, max: 60 }).map((days) => `P${days}D`),
      fc.integer({ min: 1, max: 8 }).map((weeks) => `P${weeks}W`),
      fc.integer({ min: 1, max: 72 }).map((hours) => `PT${hours}H`),
      fc.integer({ min: 1, max: 600 }).map((minutes) => `PT${minutes}M`),
      fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 23 })).map(([d, h]) => `P${d}DT${h}H`),
    );
    const quietHours = fc.constantFrom(null, { start: '21:00', end: '08:00' }, { start: '20:00', end: '09:30' }, { start: '12:00', end: '13:00' });
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-11-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -3 * 86_400_000, max: 70 * 86_400_000 }),
        fc.array(offset, { maxLength: 6 }),
        quietHours,
        fc.boolean(),
        fc.constantFrom(...BANK_HOLIDAY_REGIONS),
        (now, lead, offsets, quiet, skipBankHolidays, region) => {
          const startsAt = new Date(now.getTime() + lead);
          const rules = { quietHours: quiet, skipBankHolidays, region };
          const isBankHoliday = bankHolidayCalendar(region);
          const planned: PlannedReminder[] = planReminders({ startsAt, offsets, policy: rules, now, timeZone: LONDON });
          const scheduled = planned.filter((reminder) => reminder.status === 'scheduled');
          for (const reminder of scheduled) {
            expect(reminder.sendAt.getTime()).toBeLessThanOrEqual(startsAt.getTime() - MIN_LEAD_MS);
            expect(reminder.sendAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
            expect(reminder.sendAt.getTime()).toBeGreaterThanOrEqual(reminder.dueAt.getTime());
            expect(isInQuietHours(reminder.sendAt, quiet, LONDON)).toBe(false);
            if (skipBankHolidays) expect(isBankHoliday(format(new TZDate(reminder.sendAt, LONDON), 'yyyy-MM-dd'))).toBe(false);
          }
          // One message per send time, at most one reminder now, sorted by send time.
          const times = scheduled.map((reminder) => reminder.sendAt.getTime());
          expect(new Set(times).size).toBe(times.length);
          expect(times).toEqual([...times].sort((a, b) => a - b));
          expect(planned.filter((reminder) => reminder.offset === COLLAPSED_OFFSET).length).toBeLessThanOrEqual(1);
          if (startsAt.getTime() <= now.getTime()) expect(scheduled).toEqual([]);
          // Scheduled first, then dropped.
          const firstDropped = planned.findIndex((reminder) => reminder.status === 'dropped');
          if (firstDropped >= 0) expect(planned.slice(firstDropped).every((reminder) => reminder.status === 'dropped')).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
