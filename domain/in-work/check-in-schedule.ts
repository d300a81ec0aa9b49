import { TZDate } from '@date-fns/tz';
import type { ReminderPolicy } from '../appointments/appointment.types.js';
import { localCalendarDate, parseCalendarDate } from '../time/calendar-date.js';
import { nextAllowedSendTime, nextAllowedTime } from '../time/quiet-hours.js';

/** What planning check-ins needs from the team policy. */
export type CheckInPolicy = Pick<ReminderPolicy, 'checkInWeeks' | 'sustainmentWeeks' | 'checkInTime' | 'quietHours' | 'skipBankHolidays' | 'region'>;

export type PlannedCheckIn = {
  week: number;
  /** The start date plus `week` weeks, at the team's check-in time, on the local clock. */
  dueAt: Date;
  /** A sustainment week: the check-in first asks "are you still in work?". */
  asksStillInWork: boolean;
} & ({ status: 'scheduled'; sendAt: Date } | { status: 'dropped'; sendAt: null; reason: 'past' });

/**
 * The in-work check-ins for a job that starts on `startDate` (a local calendar date): one per policy week, each at
 * the check-in time on the same weekday, moved out of quiet hours and bank holidays. Weeks already past when the
 * job start is recorded are dropped (shown, never sent late), so a start recorded a fortnight late begins at week 4.
 */
export function planCheckIns(input: { startDate: string; policy: CheckInPolicy; now: Date; timeZone: string }): PlannedCheckIn[] {
  const { startDate, policy, now, timeZone } = input;
  const date = parseCalendarDate(startDate);
  const time = /^(\d{2}):(\d{2})$/u.exec(policy.checkInTime);
  if (!date) throw new RangeError(`not a calendar date: ${JSON.stringify(startDate)}`);
  if (!time) throw new RangeError(`not a clock time: ${JSON.stringify(policy.checkInTime)}`);
  const { year, month, day } = date;
  const [, hours, minutes] = time.map(Number) as [number, number, number];
  return [...new Set(policy.checkInWeeks)]
    .sort((a, b) => a - b)
    .map((week): PlannedCheckIn => {
      // TZDate rolls days over months and years, and puts the wall-clock time in the zone's offset of that day.
      const at = (extraDays: number) => new Date(new TZDate(year, month - 1, day + 7 * week + extraDays, hours, minutes, timeZone).getTime());
      const dueAt = at(0);
      const asksStillInWork = policy.sustainmentWeeks.includes(week);
      const sendAt = sendTimeFor(at, policy, timeZone);
      if (sendAt.getTime() <= now.getTime()) return { week, dueAt, asksStillInWork, status: 'dropped', sendAt: null, reason: 'past' };
      return { week, dueAt, asksStillInWork, status: 'scheduled', sendAt };
    });
}

/**
 * When a check-in due at `at(0)` goes: out of quiet hours; off a bank holiday, at the check-in time of the next day
 * that is not one (not first thing in the morning, when they are likely at work).
 */
function sendTimeFor(at: (extraDays: number) => Date, policy: CheckInPolicy, timeZone: string): Date {
  for (let extraDays = 0; extraDays < 7; extraDays += 1) {
    const allowed = nextAllowedSendTime(at(extraDays), policy, timeZone);
    if (allowed.moved !== 'bank_holiday') return allowed.at;
  }
  return nextAllowedTime(at(0), policy, timeZone);
}

/** Whole weeks from the start date to `now` (0 in the first week), on the local calendar. */
export function weeksSinceStart(startDate: string, now: Date, timeZone: string): number {
  const start = parseCalendarDate(startDate);
  const today = parseCalendarDate(localCalendarDate(now, timeZone));
  if (!start || !today) throw new RangeError(`not a calendar date: ${JSON.stringify(startDate)}`);
  const days = (Date.UTC(today.year, today.month - 1, today.day) - Date.UTC(start.year, start.month - 1, start.day)) / 86_400_000;
  return Math.floor(days / 7);
}
