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
