import { TZDate } from '@date-fns/tz';
import { formatClockTime, formatDay } from './appointment-time.js';
import { localCalendarDate } from '../time/calendar-date.js';
import type { KeyWorkerAvailability } from '../time/key-worker-availability.js';
import { languageOf, say, type MessageId, type MessageValues } from './message-catalogue.js';
import type { RiskCategory } from '../safeguarding/risk-category.js';
import { countSmsSegments } from './sms-fitting.js';
import { whoValues, type WordingContext } from './wording.js';

/**
 * The most SMS segments a crisis reply may take: more than other messages (2), because cutting a helpline number
 * to save a segment would be the wrong saving. The help for the most urgent concern is never left out.
 */
export const CRISIS_MAX_SEGMENTS = 3;

const WEEKDAY_NAMES = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  cy: ['Sul', 'Llun', 'Mawrth', 'Mercher', 'Iau', 'Gwener', 'Sadwrn'],
} as const;

/**
 * The reply to a risk-of-harm message: who it is from, the help for the most urgent concern in full, a short line
 * (its number) for each other concern in order of urgency while the text stays within `CRISIS_MAX_SEGMENTS`, that
 * the key worker has been told, and, out of the team's working hours, when they are back.
 */
export function riskHelpMessage(
  ctx: WordingContext,
  categories: readonly RiskCategory[],
  keyWorker: KeyWorkerAvailability,
  now: Date,
  timeZone: string,
): string {
  const [first = 'suicide', ...others] = categories;
  const who = whoValues(ctx);
  const line = (id: MessageId, values: MessageValues = who) => say(ctx.language, id, values);
  const closing = [line('crisis.toldKeyWorker')];
  if (!keyWorker.atWorkNow && keyWorker.backAt) closing.push(line('crisis.keyWorkerBack', backValues(keyWorker.backAt, now, timeZone, ctx.language)));
  const parts = [line('crisis.opening'), line(`crisis.help.${first}`)];
  for (const category of others) {
    const also = line(`crisis.also.${category}`);
    if (alreadyGiven(also, parts)) continue;
    const candidate = [...parts, also];
    if (countSmsSegments([...candidate, ...closing].join(' ')).segments <= CRISIS_MAX_SEGMENTS) parts.push(also);
  }
  return [...parts, ...closing].join(' ');
}

/** A line adds nothing when every number in it is in the reply already (suicide and self-harm share Samaritans). */
function alreadyGiven(also: string, parts: readonly string[]): boolean {
  const text = parts.join(' ');
  if (parts.includes(also)) return true;
  const numbers = also.match(/\d[\d ]*\d/gu) ?? [];
  return numbers.length > 0 && numbers.every((number) => text.includes(number.trim()));
}

/** "at 9am today", "tomorrow", "on Monday" within the week, else the date ("Tue 4 Mar"). */
function backValues(backAt: Date, now: Date, timeZone: string, language: string): MessageValues {
  const days = calendarDaysBetween(localCalendarDate(now, timeZone), localCalendarDate(backAt, timeZone));
  const backOn = days <= 0 ? 'today' : days === 1 ? 'tomorrow' : days < 7 ? 'weekday' : 'other';
  const names = WEEKDAY_NAMES[languageOf(language)];
  return {
    backOn,
    backTime: formatClockTime(backAt, timeZone, language),
    backWeekday: names[new TZDate(backAt, timeZone).getDay()] ?? '',
    backDate: formatDay(backAt, timeZone, language),
  };
}

function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
