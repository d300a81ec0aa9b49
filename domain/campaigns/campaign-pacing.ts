import { nextAllowedTime, type SendWindowPolicy } from '../time/quiet-hours.js';

/** The most messages a minute a campaign may ask for (Twilio's default long-code limit is about one a second). */
export const MAX_CAMPAIGN_RATE_PER_MINUTE = 6000;
export const DEFAULT_CAMPAIGN_RATE_PER_MINUTE = 60;

/** Milliseconds between two messages of a campaign sent at `ratePerMinute`. */
export function campaignIntervalMs(ratePerMinute: number): number {
  if (!(ratePerMinute > 0)) throw new RangeError(`rate must be positive, got ${ratePerMinute}`);
  return 60_000 / ratePerMinute;
}

/**
 * Campaigns are planned this much slower than asked: timers and queues make a message now and then go a little early
 * or late, and headroom keeps such jitter from ever taking a minute over the rate (measured by `npm run bench`).
 */
export const PACING_HEADROOM = 0.02;

/** Milliseconds between two planned slots: the interval plus headroom, in whole milliseconds (never rounded down). */
export function slotSpacingMs(ratePerMinute: number): number {
  return Math.ceil(campaignIntervalMs(ratePerMinute) * (1 + PACING_HEADROOM));
}

/**
 * When each of `count` campaign messages goes: one every slot spacing from `from`, and never in quiet hours or on a
 * bank holiday (a slot that would fall there waits for the window to open, and the ones after it follow on).
 * Slots are at least one interval apart, so no minute ever holds more than the rate allows.
 */
export function paceSlots(input: { from: Date; after?: Date; count: number; ratePerMinute: number; policy: SendWindowPolicy; timeZone: string }): Date[] {
  // A Date holds whole milliseconds and drops a fraction (60 000 / 7 is 8 571.43 ms): the spacing is rounded up, never
  // down, or a minute could hold one message more than the rate.
  const interval = slotSpacingMs(input.ratePerMinute);
  const slots: Date[] = [];
  // `after`: the last slot already planned (a re-plan appends after it, keeping the spacing).
  let previous = input.after?.getTime();
  let allowedUntil = -Infinity;
  for (let i = 0; i < input.count; i += 1) {
    let at = previous === undefined ? input.from.getTime() : Math.max(input.from.getTime(), previous + interval);
    // Checking every slot against the calendar is the slow part; a slot the minute after an allowed one is allowed
    // unless it reaches the next quiet hour, so only slots past the last checked window are checked again.
    if (at > allowedUntil) {
      const allowed = nextAllowedTime(new Date(at), input.policy, input.timeZone).getTime();
      if (allowed !== at) {
        at = allowed;
      }
      allowedUntil = endOfAllowedStretch(at, input.policy, input.timeZone);
    }
    slots.push(new Date(at));
    previous = at;
  }
  return slots;
}

/**
 * The first time at or after `from`, allowed by the window, that is at least one slot spacing away from every slot
 * already planned: a message put off (late, in quiet hours, mid-conversation, over the cap) joins the plan where
 * there is room, so the campaign's rate holds without pushing it behind everything planned after it.
 */
export function firstFreeSlot(input: { from: Date; planned: readonly Date[]; ratePerMinute: number; policy: SendWindowPolicy; timeZone: string }): Date {
  const spacing = slotSpacingMs(input.ratePerMinute);
  const taken = input.planned.map((slot) => slot.getTime()).sort((a, b) => a - b);
  let at = nextAllowedTime(input.from, input.policy, input.timeZone).getTime();
  for (const slot of taken) {
    if (slot <= at - spacing) continue;
    if (slot >= at + spacing) break;
    at = nextAllowedTime(new Date(slot + spacing), input.policy, input.timeZone).getTime();
  }
  return new Date(at);
}

/** How far either side of a late message its campaign's other messages count against the rate: a minute. */
export const ROOM_WINDOW_MS = 60_000;

/**
 * Whether one more message fits when `others` of the campaign's messages (sent or planned) stand within
 * ROOM_WINDOW_MS either side of it: it and they are no more than `ratePerMinute`, so every minute-long window through
 * it (each lies inside those two minutes) keeps to the rate.
 */
export function roomFor(others: number, ratePerMinute: number): boolean {
  return others + 1 <= ratePerMinute;
}

/** roomFor at `at`, counting the sorted `taken` times. */
export function roomInMinuteAround(at: number, taken: readonly number[], ratePerMinute: number): boolean {
  return roomFor(countBetween(taken, at - ROOM_WINDOW_MS, at + ROOM_WINDOW_MS), ratePerMinute);
}

/**
 * The first time at or after `from`, allowed by the window, with room in the minute around it (roomInMinuteAround):
 * where a late message goes when sending it now would put more than the rate into a minute.
 */
export function firstTimeWithRoom(input: { from: Date; taken: readonly Date[]; ratePerMinute: number; policy: SendWindowPolicy; timeZone: string }): Date {
  const taken = input.taken.map((d) => d.getTime()).sort((a, b) => a - b);
  let at = nextAllowedTime(input.from, input.policy, input.timeZone).getTime();
  while (!roomInMinuteAround(at, taken, input.ratePerMinute)) {
    // The count only falls when the earliest message in the window leaves it, a minute after it.
    const earliest = taken[firstAfter(taken, at - ROOM_WINDOW_MS)] as number;
    at = nextAllowedTime(new Date(earliest + ROOM_WINDOW_MS), input.policy, input.timeZone).getTime();
  }
  return new Date(at);
}

/** How many of the sorted `times` lie strictly between `after` and `before`. */
function countBetween(times: readonly number[], after: number, before: number): number {
  return firstAtOrAfter(times, before) - firstAfter(times, after);
}

function firstAfter(times: readonly number[], t: number): number {
  return firstAtOrAfter(times, t + 1);
}

/** Index of the first of the sorted `times` at or after `t` (times.length if none): a binary search. */
function firstAtOrAfter(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last instant of the stretch starting at `at` known to be allowed, looking at most an hour ahead. */
function endOfAllowedStretch(at: number, policy: SendWindowPolicy, timeZone: string): number {
  // Quiet hours and bank holidays start on a minute, so checking minute by minute for an hour is exact and cheap.
  let last = at;
  for (let minute = 1; minute <= 60; minute += 1) {
    const probe = Math.floor(at / 60_000) * 60_000 + minute * 60_000;
    if (nextAllowedTime(new Date(probe), policy, timeZone).getTime() !== probe) return probe - 1;
    last = probe;
  }
  return last;
}
