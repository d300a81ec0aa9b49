import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY } from '../appointments/appointment.types.js';
import { BANK_HOLIDAY_REGIONS, bankHolidayCalendar } from './bank-holidays.js';
import { isClockTime, isInQuietHours, nextAllowedSendTime, nextAllowedTime, type SendWindowPolicy } from './quiet-hours.js';

const LONDON = 'Europe/London';
const NIGHT = { start: '21:00', end: '08:00' };
const LUNCH = { start: '12:00', end: '14:00' };
const policy: SendWindowPolicy = { quietHours: NIGHT, skipBankHolidays: true, region: 'england-and-wales' };

/** A London wall-clock time as an instant: local('2026-03-29 10:00'). */
function local(text: string): Date {
  const [date, time] = text.split(' ') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, 0, LONDON).getTime());
}

function londonClock(instant: Date): string {
  return format(new TZDate(instant, LONDON), 'yyyy-MM-dd HH:mm');
}

describe('isInQuietHours', () => {
  it.each([
    ['2026-07-01 20:59', false],
    ['2026-07-01 21:00', true],
    ['2026-07-01 23:59', true],
    ['2026-07-02 00:00', true],
    ['2026-07-02 07:59', true],
    ['2026-07-02 08:00', false],
    ['2026-07-02 12:00', false],
  ])('21:00-08:00 (crosses midnight) at %s: %s', (at, quiet) => {
    expect(isInQuietHours(local(at), NIGHT, LONDON)).toBe(quiet);
  });

  it.each([
    ['2026-07-01 11:59', false],
    ['2026-07-01 12:00', true],
    ['2026-07-01 13:59', true],
    ['2026-07-01 14:00', false],
    ['2026-07-01 23:00', false],
    ['2026-07-01 03:00', false],
  ])('12:00-14:00 (same day) at %s: %s', (at, quiet) => {
    expect(isInQuietHours(local(at), LUNCH, LONDON)).toBe(quiet);
  });

  it('counts seconds: 07:59:59.999 is still quiet', () => {
    expect(isInQuietHours(new Date(local('2026-07-02 08:00').getTime() - 1), NIGHT, LONDON)).toBe(true);
  });

  it('reads the local clock, so BST and GMT evenings are both quiet from 21:00', () => {
    expect(isInQuietHours(new Date('2026-07-01T20:00:00Z'), NIGHT, LONDON)).toBe(true); // 21:00 BST
    expect(isInQuietHours(new Date('2026-12-01T20:00:00Z'), NIGHT, LONDON)).toBe(false); // 20:00 GMT
    expect(isInQuietHours(new Date('2026-12-01T21:00:00Z'), NIGHT, LONDON)).toBe(true); // 21:00 GMT
  });

  it('no quiet hours, or an empty window, is never quiet', () => {
    expect(isInQuietHours(local('2026-07-02 03:00'), null, LONDON)).toBe(false);
    expect(isInQuietHours(local('2026-07-02 03:00'), { start: '08:00', end: '08:00' }, LONDON)).toBe(false);
  });

  it('refuses times that are not HH:mm', () => {
    expect(() => isInQuietHours(local('2026-07-02 03:00'), { start: '9pm', end: '08:00' }, LONDON)).toThrow(RangeError);
    expect(() => isInQuietHours(local('2026-07-02 03:00'), { start: '24:00', end: '08:00' }, LONDON)).toThrow(RangeError);
    expect(isClockTime('21:00')).toBe(true);
    expect(isClockTime('7:00')).toBe(false);
  });
});

describe('nextAllowedTime', () => {
  it('leaves an allowed time alone', () => {
    const at = local('2026-07-01 10:00');
    expect(nextAllowedSendTime(at, policy, LONDON)).toEqual({ at, moved: null });
  });

  it('moves an evening time to 08:00 the next day, and an early one to 08:00 the same day', () => {
    expect(londonClock(nextAllowedTime(local('2026-07-01 22:30'), policy, LONDON))).toBe('2026-07-02 08:00');
    expect(londonClock(nextAllowedTime(local('2026-07-02 06:15'), policy, LONDON))).toBe('2026-07-02 08:00');
    expect(nextAllowedSendTime(local('2026-07-01 22:30'), policy, LONDON).moved).toBe('quiet_hours');
  });

  it('moves a lunchtime window to its end the same day', () => {
    expect(londonClock(nextAllowedTime(local('2026-07-01 12:30'), { quietHours: LUNCH, skipBankHolidays: false, region: 'england-and-wales' }, LONDON))).toBe(
      '2026-07-01 14:00',
    );
  });

  it('lands on 08:00 local across both clock changes', () => {
    // Saturday night before the spring change → Sunday 08:00 BST (07:00 UTC).
    expect(nextAllowedTime(local('2026-03-28 22:00'), policy, LONDON)).toEqual(new Date('2026-03-29T07:00:00Z'));
    // Saturday night before the autumn change → Sunday 08:00 GMT (08:00 UTC).
    expect(nextAllowedTime(local('2026-10-24 22:00'), policy, LONDON)).toEqual(new Date('2026-10-25T08:00:00Z'));
    // Inside the repeated hour (01:30 BST, then 01:30 GMT) it is still night.
    expect(nextAllowedTime(new Date('2026-10-25T01:30:00Z'), policy, LONDON)).toEqual(new Date('2026-10-25T08:00:00Z'));
  });

  it('skips a bank holiday as a whole day, to the end of quiet hours on the next ordinary day', () => {
    // Friday 25 December 2026 is Christmas Day; Saturday 26th is not a bank holiday in 2026.
    expect(londonClock(nextAllowedTime(local('2026-12-25 10:00'), policy, LONDON))).toBe('2026-12-26 08:00');
    expect(nextAllowedSendTime(local('2026-12-25 10:00'), policy, LONDON).moved).toBe('bank_holiday');
    // An evening before a holiday: quiet hours to 08:00 on the holiday, then on past it.
    expect(nextAllowedSendTime(local('2026-12-24 22:30'), policy, LONDON)).toEqual({
      at: local('2026-12-26 08:00'),
      moved: 'bank_holiday',
    });
    // Christmas 2027 is a Saturday: Monday 27 and Tuesday 28 are the bank holidays.
    expect(londonClock(nextAllowedTime(local('2027-12-27 09:00'), policy, LONDON))).toBe('2027-12-29 08:00');
    expect(londonClock(nextAllowedTime(local('2027-12-25 09:00'), policy, LONDON))).toBe('2027-12-25 09:00');
    // Monday 28 December 2026, the Boxing Day substitute.
    expect(londonClock(nextAllowedTime(local('2026-12-28 12:00'), policy, LONDON))).toBe('2026-12-29 08:00');
  });

  it("skips the team's region's bank holidays and only those", () => {
    const scotland: SendWindowPolicy = { ...policy, region: 'scotland' };
    const northernIreland: SendWindowPolicy = { ...policy, region: 'northern-ireland' };
    // Friday 2 January 2026: a bank holiday in Scotland only; Scotland's next ordinary day is Saturday 3rd.
    expect(nextAllowedSendTime(local('2026-01-02 10:00'), scotland, LONDON)).toEqual({ at: local('2026-01-03 08:00'), moved: 'bank_holiday' });
    expect(nextAllowedSendTime(local('2026-01-02 10:00'), policy, LONDON)).toEqual({ at: local('2026-01-02 10:00'), moved: null });
    // Monday 4 January 2027, the substitute for Saturday 2 January in Scotland.
    expect(londonClock(nextAllowedTime(local('2027-01-04 09:00'), scotland, LONDON))).toBe('2027-01-05 08:00');
    expect(londonClock(nextAllowedTime(local('2027-01-04 09:00'), policy, LONDON))).toBe('2027-01-04 09:00');
    // Easter Monday 2026 is no holiday in Scotland.
    expect(londonClock(nextAllowedTime(local('2026-04-06 09:00'), scotland, LONDON))).toBe('2026-04-06 09:00');
    expect(londonClock(nextAllowedTime(local('2026-04-06 09:00'), policy, LONDON))).toBe('2026-04-07 08:00');
    // Monday 13 July 2026, the Battle of the Boyne substitute (the 12th is a Sunday), in Northern Ireland.
    expect(londonClock(nextAllowedTime(local('2026-07-13 12:00'), northernIreland, LONDON))).toBe('2026-07-14 08:00');
    expect(londonClock(nextAllowedTime(local('2026-07-13 12:00'), scotland, LONDON))).toBe('2026-07-13 12:00');
  });

  it('without quiet hours a bank holiday moves to midnight of the next day', () => {
    expect(londonClock(nextAllowedTime(local('2026-12-25 10:00'), { quietHours: null, skipBankHolidays: true, region: 'england-and-wales' }, LONDON))).toBe(
      '2026-12-26 00:00',
    );
  });

  it('ignores bank holidays when the policy does not skip them', () => {
    const at = local('2026-12-25 10:00');
    expect(nextAllowedTime(at, { quietHours: NIGHT, skipBankHolidays: false, region: 'england-and-wales' }, LONDON)).toEqual(at);
  });

  it('for any instant: the result is not earlier, not quiet, not a bank holiday, and nothing allowed was skipped', () => {
    const quietHours = fc.option(
      fc.record({
        start: fc.tuple(fc.nat(23), fc.constantFrom(0, 15, 30, 45)),
        end: fc.tuple(fc.nat(23), fc.constantFrom(0, 15, 30, 45)),
      }).map(({ start, end }) => ({
        start: `${String(start[0]).padStart(2, '0')}:${String(start[1]).padStart(2, '0')}`,
        end: `${String(end[0]).padStart(2, '0')}:${String(end[1]).padStart(2, '0')}`,
      })),
      { nil: null },
    );
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-20T00:00:00Z'), noInvalidDate: true }),
        quietHours,
        fc.boolean(),
        fc.constantFrom(...BANK_HOLIDAY_REGIONS),
        (instant, quiet, skipBankHolidays, region) => {
          const rules = { quietHours: quiet, skipBankHolidays, region };
          const isBankHoliday = bankHolidayCalendar(region);
          const { at, moved } = nextAllowedSendTime(instant, rules, LONDON);
          expect(at.getTime()).toBeGreaterThanOrEqual(instant.getTime());
          expect(isInQuietHours(at, quiet, LONDON)).toBe(false);
          if (skipBankHolidays) expect(isBankHoliday(format(new TZDate(at, LONDON), 'yyyy-MM-dd'))).toBe(false);
          expect(moved === null).toBe(at.getTime() === instant.getTime());
          // Nothing allowed in between: every quarter-hour step from the instant to the result is blocked.
          for (let t = instant.getTime() + 15 * 60_000; t < at.getTime(); t += 15 * 60_000) {
            const step = new Date(t);
            const blocked =
              isInQuietHours(step, quiet, LONDON) ||
              (skipBankHolidays && isBankHoliday(format(new TZDate(step, LONDON), 'yyyy-MM-dd')));
            expect(blocked).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the default policy is the one tested here', () => {
    expect(DEFAULT_REMINDER_POLICY.quietHours).toEqual(NIGHT);
    expect(DEFAULT_REMINDER_POLICY.skipBankHolidays).toBe(true);
    expect(DEFAULT_REMINDER_POLICY.region).toBe('england-and-wales');
  });
});

describe('a quiet window ending inside the spring-forward gap', () => {
  it('ends at the moment the clocks jump, not later', () => {
    // 02:45–01:30 quiet; on 30 March 2025 local 01:00–01:59 does not exist: the first allowed moment is 02:00 BST.
    const at = nextAllowedTime(new Date('2025-03-29T02:45:00.000Z'), { quietHours: { start: '02:45', end: '01:30' }, skipBankHolidays: false, region: 'england-and-wales' }, 'Europe/London');
    expect(at.toISOString()).toBe('2025-03-30T01:00:00.000Z');
  });
});

describe('a quiet window ending inside the repeated autumn hour', () => {
  it('ends at the first time the clock shows its end', () => {
    // On 29 October 2028 local 01:00 happens twice (BST, then GMT): quiet hours ending at 01:00 end at the first.
    const at = nextAllowedTime(new Date('2028-10-28T00:45:00.000Z'), { quietHours: { start: '01:45', end: '01:00' }, skipBankHolidays: false, region: 'england-and-wales' }, 'Europe/London');
    expect(at.toISOString()).toBe('2028-10-29T00:00:00.000Z');
  });
});
