import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { languageOf } from './message-catalogue.js';

/** Welsh day and month names as people write them in a text ("Maw 4 Mawrth"): no diacritics needed, all GSM-7. */
const WELSH_DAYS = ['Sul', 'Llun', 'Maw', 'Mer', 'Iau', 'Gwe', 'Sad'];
const WELSH_MONTHS = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];

/**
 * The day in short plain form on the local calendar of `timeZone`: "Tue 4 Mar" in English, "Maw 4 Mawrth" in
 * Welsh (the short Welsh month would read the same as the day: Maw, Mawrth). No year: reminders are about the
 * next few weeks, and every character counts in an SMS.
 */
export function formatDay(instant: Date, timeZone: string, language = 'en'): string {
  const local = new TZDate(instant, timeZone);
  if (languageOf(language) === 'cy') return `${WELSH_DAYS[local.getDay()]} ${local.getDate()} ${WELSH_MONTHS[local.getMonth()]}`;
  return format(local, 'EEE d MMM');
}

/**
 * The clock time in plain 12-hour UK form: "10:30am", "10am" on the hour, "12pm" for noon, "12am" for midnight.
 * Lower case with no space or dots, as GOV.UK's style guide writes times ("5:30pm"); noon is "12pm" rather than
 * its "midday", so every time has the same shape. Welsh writes "yb" (y bore) and "yh" (yr hwyr) the same way.
 */
export function formatClockTime(instant: Date, timeZone: string, language = 'en'): string {
  const local = new TZDate(instant, timeZone);
  const hours = local.getHours();
  const minutes = local.getMinutes();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const welsh = languageOf(language) === 'cy';
  const suffix = hours < 12 ? (welsh ? 'yb' : 'am') : welsh ? 'yh' : 'pm';
  return minutes === 0 ? `${hour12}${suffix}` : `${hour12}:${String(minutes).padStart(2, '0')}${suffix}`;
}

/** An appointment's time as participants read it: "Tue 4 Mar, 10:30am" (or "Tue 4 Mar, 10am" on the hour). */
export function formatAppointmentTime(instant: Date, timeZone: string, language = 'en'): string {
  return `${formatDay(instant, timeZone, language)}, ${formatClockTime(instant, timeZone, language)}`;
}
