import { TZDate } from '@date-fns/tz';
import type { IsBankHoliday } from './bank-holidays.js';

/** Days of the week as a team writes them in its policy. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When a team's key workers are at work, on the programme's clock. */
export interface WorkingHours {
  /** The days they work. @defaultValue Monday to Friday */
  days: Weekday[];
  /** Local clock time ("HH:mm") the working day starts. @defaultValue "09:00" */
  start: string;
  /** Local clock time ("HH:mm") it ends, later than `start` on the same day. @defaultValue "17:00" */
  end: string;
  /** Whether they work on bank holidays. @defaultValue false */
  onBankHolidays: boolean;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '09:00',
  end: '17:00',
  onBankHolidays: false,
};

/** At work now, or when they are next (null when the policy names no working day in the coming year). */
export type KeyWorkerAvailability = { atWorkNow: true } | { atWorkNow: false; backAt: Date | null };

/** How far ahead to look: past any run of holidays a calendar can hold. */
const LOOK_AHEAD_DAYS = 370;

/**
 * Whether the key worker is at work at `now`, and if not, the start of their next working day: out of hours the
 * reply to someone in crisis says when a person will next read it (the helplines it gives are round the clock).
 */
export function nextKeyWorkerAvailability(now: Date, hours: WorkingHours, isBankHoliday: IsBankHoliday, timeZone: string): KeyWorkerAvailability {
  const startClock = clock(hours.start);
  const endClock = clock(hours.end);
  // Runs inside a crisis turn: hours it cannot read (a stored policy edited by hand) must never stop the reply.
  if (!startClock || !endClock || !Array.isArray(hours.days)) return { atWorkNow: false, backAt: null };
  const [startHour, startMinute] = startClock;
  const [endHour, endMinute] = endClock;
  const today = new TZDate(now, timeZone);
  for (let offset = 0; offset <= LOOK_AHEAD_DAYS; offset += 1) {
    // Built from the local calendar date, so a day is a day whether the clocks change in it or not.
    const day = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + offset, 12, 0, 0, 0, timeZone);
    if (!worksOn(day, hours, isBankHoliday)) continue;
    const start = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), startHour, startMinute, 0, 0, timeZone);
    if (now.getTime() < start.getTime()) return { atWorkNow: false, backAt: new Date(start.getTime()) };
    const end = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), endHour, endMinute, 0, 0, timeZone);
    if (now.getTime() < end.getTime()) return { atWorkNow: true };
  }
  return { atWorkNow: false, backAt: null };
}

function worksOn(day: TZDate, hours: WorkingHours, isBankHoliday: IsBankHoliday): boolean {
  const weekday = WEEKDAYS[(day.getDay() + 6) % 7] as Weekday;
  if (!hours.days.includes(weekday)) return false;
  return hours.onBankHolidays || !isBankHoliday(localDate(day));
}

function localDate(day: TZDate): string {
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

function clock(text: unknown): [number, number] | null {
  const match = typeof text === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/u.exec(text) : null;
  return match ? [Number(match[1]), Number(match[2])] : null;
}
