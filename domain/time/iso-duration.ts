import { TZDate } from '@date-fns/tz';
import { sub } from 'date-fns';
import { steadyOffsetMs } from './steady-offset.js';

/**
 * A reminder offset as key workers write it: an ISO 8601 duration of weeks, days, hours and minutes
 * ("P2D", "PT2H", "PT30M", "P1DT2H", "P1W"). Years, months and seconds are refused: a month is not a fixed
 * length, and nobody means "30 seconds before" for an appointment.
 */
export interface IsoDuration {
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
}

/** The longest offset accepted. Appointments are rarely booked further ahead than this. @defaultValue 60 days */
export const MAX_DURATION_DAYS = 60;

const MINUTES_PER_DAY = 24 * 60;
const DAY_MS = MINUTES_PER_DAY * 60_000;

/**
 * Upper case only, no sign, no fractions, no spaces: the stored string is also part of a BullMQ job id
 * (`appt-{id}-v{version}-{offset}`), so one spelling per offset keeps ids stable.
 * Weeks may be combined with days (ISO 8601-2 and Temporal allow "P1W2D"). A "T" must be followed by a number,
 * so "PT" and "P1DT" are refused; a bare "P" matches but is zero, and zero is refused below.
 */
const DURATION = /^P(?:(\d{1,3})W)?(?:(\d{1,3})D)?(?:T(?=\d)(?:(\d{1,4})H)?(?:(\d{1,5})M)?)?$/;

/** The duration a string spells, or null for anything else (zero, negative, over 60 days, years, months, seconds). */
export function parseIsoDuration(text: string): IsoDuration | null {
  const match = DURATION.exec(text);
  if (!match) return null;
  const [, weeks, days, hours, minutes] = match;
  const duration: IsoDuration = {
    weeks: Number(weeks ?? 0),
    days: Number(days ?? 0),
    hours: Number(hours ?? 0),
    minutes: Number(minutes ?? 0),
  };
  const total = nominalMinutes(duration);
  if (total <= 0 || total > MAX_DURATION_DAYS * MINUTES_PER_DAY) return null;
  return duration;
}

/** For a zod refinement: `z.string().refine(isIsoDuration, 'must be an ISO 8601 duration such as P2D or PT2H')`. */
export function isIsoDuration(text: string): boolean {
  return parseIsoDuration(text) !== null;
}

/**
 * The duration's length counting every day as 24 hours. Only for ordering and limits: the real distance
 * depends on the time zone (a day across a clock change is 23 or 25 hours).
 */
export function nominalMinutes(duration: IsoDuration): number {
  return (duration.weeks * 7 + duration.days) * MINUTES_PER_DAY + duration.hours * 60 + duration.minutes;
}

/**
 * The instant `duration` before `instant`, counted as people in `timeZone` would: weeks and days move the
 * calendar date and keep the wall-clock time (P1D before 10:00 is 10:00 the day before, even across a clock
 * change), while hours and minutes are exact elapsed time (PT2H is always 7,200,000 ms). Same order as
 * Temporal's `ZonedDateTime.subtract`: the date part first, then the time part.
 * A wall-clock time that does not exist on the earlier day (inside the spring-forward gap) moves forward to
 * the first time that does.
 */
export function subtractDuration(instant: Date, duration: IsoDuration, timeZone: string): Date {
  const exactMs = (duration.hours * 60 + duration.minutes) * 60_000;
  // Hours and minutes alone need no calendar, and zone lookups are the slow part of planning reminders.
  if (duration.weeks === 0 && duration.days === 0) return new Date(instant.getTime() - exactMs);
  // With one offset from a day before the earlier date to a day after it, and the same as the instant's, whole days
  // of 24 hours keep the wall-clock time and that time happens once: what TZDate would find, without asking it.
  const offset = steadyOffsetMs(timeZone, instant.getTime());
  const earlier = instant.getTime() - (duration.weeks * 7 + duration.days) * DAY_MS;
  if (
    offset !== null &&
    steadyOffsetMs(timeZone, earlier) === offset &&
    steadyOffsetMs(timeZone, earlier - DAY_MS) === offset &&
    steadyOffsetMs(timeZone, earlier + DAY_MS) === offset
  ) {
    return new Date(earlier - exactMs);
  }
  const result = sub(new TZDate(instant, timeZone), {
    weeks: duration.weeks,
    days: duration.days,
    hours: duration.hours,
    minutes: duration.minutes,
  });
  return new Date(result.getTime());
}
