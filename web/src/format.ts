/** Times as staff read them, in the programme's time zone (PROGRAMME_TIMEZONE, from the session): "Tue 4 Mar, 10:30am". */

let zone: string | undefined;

export function useTimeZone(timeZone: string): void {
  zone = timeZone;
}

/** Known once signed in; nothing shows a time before then, and guessing the browser's zone would mislead. */
export function programmeTimeZone(): string {
  if (zone === undefined) throw new Error('the programme time zone comes with the session: sign in first');
  return zone;
}

function parts(date: Date): Record<string, string> {
  const formatted = new Intl.DateTimeFormat('en-GB', {
    timeZone: programmeTimeZone(),
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  }).formatToParts(date);
  return Object.fromEntries(formatted.map((p) => [p.type, p.value]));
}

/** "Tue 4 Mar, 10:30am" (with the year when it is not this year). */
export function formatDateTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const p = parts(date);
  const year = p.year !== parts(now).year ? ` ${p.year}` : '';
  const minutes = p.minute === '00' ? '' : `:${p.minute}`;
  return `${p.weekday} ${p.day} ${p.month}${year}, ${p.hour}${minutes}${(p.dayPeriod ?? '').toLowerCase().replace(/\s|\./g, '')}`;
}

/** "Tue 4 Mar 2026" for a calendar date (YYYY-MM-DD). */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).formatToParts(date).map((x) => [x.type, x.value]),
  );
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** "5 minutes ago", "in 2 days". */
export function formatRelative(iso: string, now = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** The programme-zone calendar date and clock time of an instant: ["2026-03-04", "10:30"]. */
export function localDateAndTime(iso: string): [string, string] {
  const formatted = new Intl.DateTimeFormat('en-CA', {
    timeZone: programmeTimeZone(),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = Object.fromEntries(formatted.map((x) => [x.type, x.value]));
  return [`${p.year}-${p.month}-${p.day}`, `${p.hour}:${p.minute}`];
}

/**
 * The instant a date and clock time in the programme's zone name, as ISO 8601 with its offset. Worked out with
 * Intl (the browser's zone data), so it is right either side of the clocks changing whatever the browser's own zone.
 */
export function zonedDateTimeToIso(date: string, time: string): string | null {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const timeMatch = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dateMatch || !timeMatch) return null;
  const [y, mo, d] = [Number(dateMatch[1]), Number(dateMatch[2]), Number(dateMatch[3])];
  const [hh, mm] = [Number(timeMatch[1]), Number(timeMatch[2])];
  const wall = Date.UTC(y, mo - 1, d, hh, mm);
  // Guess the offset at that wall time, then correct once for an offset that differs at the instant found.
  let instant = wall - offsetMinutesAt(wall) * 60_000;
  instant = wall - offsetMinutesAt(instant) * 60_000;
  const offset = offsetMinutesAt(instant);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function offsetMinutesAt(instant: number): number {
  const formatted = new Intl.DateTimeFormat('en-GB', {
    timeZone: programmeTimeZone(),
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const p = Object.fromEntries(formatted.map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0);
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

const PLURAL = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "P1DT2H" → "1 day 2 hours". */
export function durationToWords(iso: string): string {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (!match) return iso;
  const [, w, d, hr, mi] = match.map((v) => (v === undefined ? 0 : Number(v)));
  const words = [
    w ? PLURAL(w as number, 'week') : '',
    d ? PLURAL(d as number, 'day') : '',
    hr ? PLURAL(hr as number, 'hour') : '',
    mi ? PLURAL(mi as number, 'minute') : '',
  ].filter(Boolean);
  return words.join(' ') || iso;
}

/** "1 day 2 hours" (or "P1DT2H") → "P1DT2H"; null when it is not a duration. */
export function wordsToDuration(text: string): string | null {
  const trimmed = text.trim();
  if (/^P[0-9WDTHM]+$/i.test(trimmed)) return trimmed.toUpperCase();
  const pattern = /(\d+)\s*(weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m)\b/gi;
  const totals = { weeks: 0, days: 0, hours: 0, minutes: 0 };
  let consumed = '';
  for (const match of trimmed.matchAll(pattern)) {
    const n = Number(match[1]);
    const unit = (match[2] ?? '').toLowerCase();
    if (unit.startsWith('w')) totals.weeks += n;
    else if (unit.startsWith('d')) totals.days += n;
    else if (unit.startsWith('h')) totals.hours += n;
    else totals.minutes += n;
    consumed += match[0];
  }
  const leftover = trimmed.replace(pattern, '').replace(/\band\b|[\s,]/gi, '');
  if (!consumed || leftover) return null;
  const date = `${totals.weeks ? `${totals.weeks}W` : ''}${totals.days ? `${totals.days}D` : ''}`;
  const time = `${totals.hours ? `${totals.hours}H` : ''}${totals.minutes ? `${totals.minutes}M` : ''}`;
  if (!date && !time) return null;
  return `P${date}${time ? `T${time}` : ''}`;
}
