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
