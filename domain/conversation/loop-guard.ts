import { localCalendarDate } from '../time/calendar-date.js';

/**
 * Another bot's auto-reply must not start an endless exchange with ours. When the same text has come in this many
 * times within the window, the bot stops answering that person (for the rest of the window) and a key worker is told.
 */
export const LOOP_REPEATS = 20;
export const LOOP_WINDOW_MS = 5 * 60_000;
/** Any texts at all this fast (a flood, whatever it says) also count as a loop. */
export const FLOOD_MESSAGES = 60;

export function isLoop(input: { sameTextInWindow: number; allTextsInWindow: number }): boolean {
  return input.sameTextInWindow >= LOOP_REPEATS || input.allTextsInWindow >= FLOOD_MESSAGES;
}

/** One `loop_detected` alert a person a day, the day on the programme's calendar (midnight where the team is). */
export function loopAlertOnceKey(participantId: string, now: Date, timeZone: string): string {
  return `loop-${participantId}-${localCalendarDate(now, timeZone)}`;
}
