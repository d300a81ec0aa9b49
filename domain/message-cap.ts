import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';

/** Messages counted against the daily cap: the ones we start (replies to the person's own texts never are). */
export const CAPPED_KINDS = ['reminder', 'campaign', 'check_in'] as const;

/** The start of the local day containing `instant` (midnight in the programme's zone). */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  return new Date(startOfDay(new TZDate(instant.getTime(), timeZone)).getTime());
}

export function startOfNextLocalDay(instant: Date, timeZone: string): Date {
  return new Date(startOfDay(addDays(new TZDate(instant.getTime(), timeZone), 1)).getTime());
}

export type CapDecision = { kind: 'send' } | { kind: 'defer'; until: Date };

/**
 * The per-person daily cap across streams. A reminder over the cap waits for the next day's first allowed time if
 * that is still in time for the appointment; if not, it goes now: a reminder that arrives too late is worse than
 * one message over the cap.
 */
export function capDecision(input: {
  sentToday: number;
  cap: number;
  /** The first allowed sending time of the next local day. */
  nextDayAllowedAt: Date;
  /** The latest moment a reminder is still useful (appointment minus the minimum lead). */
  latestUsefulAt: Date;
}): CapDecision {
  if (input.sentToday < input.cap) return { kind: 'send' };
  if (input.nextDayAllowedAt < input.latestUsefulAt) return { kind: 'defer', until: input.nextDayAllowedAt };
  return { kind: 'send' };
}
