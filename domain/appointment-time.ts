import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * The day in short plain UK form on the local calendar of `timeZone`: "Tue 4 Mar".
 * No year: reminders are about the next few weeks, and every character counts in an SMS.
 */
export function formatDay(instant: Date, timeZone: string): string {
  return format(new TZDate(instant, timeZone), 'EEE d MMM');
}

/**
 * The clock time in plain 12-hour UK form: "10:30am", "10am" on the hour, "12pm" for noon, "12am" for midnight.
 * Lower case with no space or dots, as GOV.UK's style guide writes times ("5:30pm"); noon is "12pm" rather than
 * its "midday", so every time has the same shape.
 */
export function formatClockTime(instant: Date, timeZone: string): string {
  const local = new TZDate(instant, timeZone);
  const hours = local.getHours();
  const minutes = local.getMinutes();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const suffix = hours < 12 ? 'am' : 'pm';
  return minutes === 0 ? `${hour12}${suffix}` : `${hour12}:${String(minutes).padStart(2, '0')}${suffix}`;
}

/** An appointment's time as participants read it: "Tue 4 Mar, 10:30am" (or "Tue 4 Mar, 10am" on the hour). */
export function formatAppointmentTime(instant: Date, timeZone: string): string {
  return `${formatDay(instant, timeZone)}, ${formatClockTime(instant, timeZone)}`;
}
