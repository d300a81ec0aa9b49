import { tzOffset } from '@date-fns/tz';

const DAY_MS = 86_400_000;
/** Enough UTC days for every appointment of a few years; the cache starts again past it. */
const MAX_CACHED_DAYS = 4096;
const cache = new Map<string, Map<number, number | null>>();

/**
 * The UTC offset of `timeZone` in ms throughout the UTC day that contains `instant`, or null when it is not the same
 * at the day's first and last millisecond (a clock change that day). A TZDate asks the zone several times for each
 * instant, so planning reminders spent most of its time there; this asks twice a day. A day whose offset is the
 * same at both ends is taken as steady throughout: only a zone changing its clocks twice in one UTC day, and back,
 * would be misread.
 */
export function steadyOffsetMs(timeZone: string, instant: number): number | null {
  const day = Math.floor(instant / DAY_MS);
  let days = cache.get(timeZone);
  if (!days || days.size >= MAX_CACHED_DAYS) cache.set(timeZone, (days = new Map()));
  let offset = days.get(day);
  if (offset === undefined) {
    const first = tzOffset(timeZone, new Date(day * DAY_MS));
    const last = tzOffset(timeZone, new Date((day + 1) * DAY_MS - 1));
    offset = first === last && Number.isFinite(first) ? first * 60_000 : null;
    days.set(day, offset);
  }
  return offset;
}

/**
 * The local wall clock of `instant` as a Date read with its UTC getters (getUTCHours is the local hour), when
 * the zone's offset is steady that day; otherwise undefined, and the caller uses TZDate.
 */
export function steadyWallClock(timeZone: string, instant: number): Date | undefined {
  const offset = steadyOffsetMs(timeZone, instant);
  return offset === null ? undefined : new Date(instant + offset);
}
