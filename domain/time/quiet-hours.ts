import { TZDate } from '@date-fns/tz';
import type { ReminderPolicy } from '../appointments/appointment.types.js';
import { bankHolidayCalendar } from './bank-holidays.js';
import { steadyWallClock } from './steady-offset.js';

/** Local clock times "HH:mm"; the window runs from `start` up to (not including) `end`. */
export type QuietHours = NonNullable<ReminderPolicy['quietHours']>;

/** The parts of a reminder policy that decide when a message may go: `region` says whose bank holidays. */
export type SendWindowPolicy = Pick<ReminderPolicy, 'quietHours' | 'skipBankHolidays' | 'region'>;

/** Why a send time was moved later than asked. */
export type SendTimeMove = 'quiet_hours' | 'bank_holiday';

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:mm" → minutes after local midnight. */
function clockMinutes(text: string): number {
  const match = CLOCK_TIME.exec(text);
  if (!match) throw new RangeError(`quiet hours want "HH:mm" times, got ${JSON.stringify(text)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Whether a string is an "HH:mm" clock time, for a zod refinement. */
export function isClockTime(text: string): boolean {
  return CLOCK_TIME.test(text);
}

/** Minutes (with fractions) after local midnight on the local clock: the wall clock is what quiet hours are about. */
function localMinutes(local: TZDate): number {
  return local.getHours() * 60 + local.getMinutes() + (local.getSeconds() * 1000 + local.getMilliseconds()) / 60_000;
}

/** localDate of a wall clock read with its UTC getters (steadyWallClock). */
function wallDate(wall: Date): string {
  return `${wall.getUTCFullYear()}-${String(wall.getUTCMonth() + 1).padStart(2, '0')}-${String(wall.getUTCDate()).padStart(2, '0')}`;
}

/** localMinutes of a wall clock read with its UTC getters (steadyWallClock). */
function wallMinutes(wall: Date): number {
  return wall.getUTCHours() * 60 + wall.getUTCMinutes() + (wall.getUTCSeconds() * 1000 + wall.getUTCMilliseconds()) / 60_000;
}

/**
 * Whether `instant` falls in quiet hours on the local clock of `timeZone`. A window whose start is later than
 * its end crosses midnight (21:00–08:00 is quiet from 21:00 to 07:59:59.999); one whose start is earlier does
 * not (12:00–14:00); start equal to end is no window at all (an all-day window would mean never sending).
 */
export function isInQuietHours(instant: Date, quietHours: QuietHours | null, timeZone: string): boolean {
  if (quietHours === null) return false;
  return inWindow(localMinutes(new TZDate(instant, timeZone)), clockMinutes(quietHours.start), clockMinutes(quietHours.end));
}

function inWindow(minutes: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** The local date of `local` plus `days`, at the local clock time `minutes`, as an instant. */
function atLocalTime(local: TZDate, days: number, minutes: number, timeZone: string): TZDate {
  // TZDate resolves a wall-clock time the clocks skip (spring forward) to the first time that exists, and one
  // they repeat (fall back) to its later occurrence, so the result never lies before the quiet window ends.
  return new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, Math.floor(minutes / 60), minutes % 60, 0, 0, timeZone);
}

/**
 * The first instant the window's end is reached, when the clocks change that night. A wall-clock time the clocks
 * repeat (fall back) happens twice and TZDate picks the later: the earlier one, if it is still ahead of `floor`, is
 * the real end. A time the clocks skip (spring forward) makes TZDate land after the gap at the same distance: the
 * first allowed moment is the jump itself, so step back a minute at a time (at most the length of a gap) while the
 * minute before is still outside the window.
 */
function firstAtWallTime(target: TZDate, quiet: { start: number; end: number }, floor: number, timeZone: string): TZDate {
  if (Math.floor(localMinutes(target)) === quiet.end) {
    const earlier = new TZDate(target.getTime() - 3_600_000, timeZone);
    return Math.floor(localMinutes(earlier)) === quiet.end && earlier.getTime() >= floor ? earlier : target;
  }
  let t = target.getTime();
  for (let i = 0; i < 120; i += 1) {
    const before = new TZDate(t - 60_000, timeZone);
    if (inWindow(localMinutes(before), quiet.start, quiet.end)) break;
    t -= 60_000;
  }
  return new TZDate(t, timeZone);
}

/** 'yyyy-MM-dd' on the local calendar; by hand because date-fns `format` is slow on this hot path (every plan). */
function localDate(local: TZDate): string {
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
}

/** Enough steps for any run of bank holidays plus a quiet window on each; more means a bug, not a calendar. */
const MAX_STEPS = 64;

/**
 * The first instant at or after `instant` when a message may go, and why it moved if it did.
 * Quiet hours move it to the end of the window; a bank holiday (when the policy skips them) is skipped as a
 * whole local day (the team's region's bank holidays): it moves to local midnight of the next day and then out of that day's quiet hours, so with
 * the default 21:00–08:00 it lands on 08:00 of the next day that is not a bank holiday. Everything is on the
 * local clock of `timeZone`, so clock changes move nothing. A move for a bank holiday is reported as
 * `bank_holiday` even if quiet hours moved it too.
 */
export function nextAllowedSendTime(
  instant: Date,
  policy: SendWindowPolicy,
  timeZone: string,
): { at: Date; moved: SendTimeMove | null } {
  const quiet = policy.quietHours && { start: clockMinutes(policy.quietHours.start), end: clockMinutes(policy.quietHours.end) };
  const isBankHoliday = policy.skipBankHolidays ? bankHolidayCalendar(policy.region) : null;
  if (!quiet && !isBankHoliday) return { at: new Date(instant.getTime()), moved: null };
  // Most instants may go as they are: on a day without a clock change that is read without a TZDate.
  const wall = steadyWallClock(timeZone, instant.getTime());
  if (wall && !isBankHoliday?.(wallDate(wall)) && !(quiet && inWindow(wallMinutes(wall), quiet.start, quiet.end))) {
    return { at: new Date(instant.getTime()), moved: null };
  }
  let local = new TZDate(instant, timeZone);
  let moved: SendTimeMove | null = null;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    if (isBankHoliday?.(localDate(local))) {
      local = atLocalTime(local, 1, 0, timeZone);
      moved = 'bank_holiday';
      continue;
    }
    const minutes = localMinutes(local);
    if (quiet && inWindow(minutes, quiet.start, quiet.end)) {
      // In a window that crosses midnight, the evening part ends tomorrow morning.
      const endsTomorrow = quiet.start > quiet.end && minutes >= quiet.start;
      local = firstAtWallTime(atLocalTime(local, endsTomorrow ? 1 : 0, quiet.end, timeZone), quiet, local.getTime(), timeZone);
      moved ??= 'quiet_hours';
      continue;
    }
    return { at: new Date(local.getTime()), moved };
  }
  throw new Error(`no allowed send time found after ${instant.toISOString()} in ${MAX_STEPS} steps`);
}

/** The first instant at or after `instant` outside quiet hours and (if the policy says so) off bank holidays. */
export function nextAllowedTime(instant: Date, policy: SendWindowPolicy, timeZone: string): Date {
  return nextAllowedSendTime(instant, policy, timeZone).at;
}
