import { addDays } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { parseCalendarDate } from '../time/calendar-date.js';

/** The weeks after a job start that employment programmes count as sustained work (the outcomes report's columns). */
export const SUSTAINMENT_MILESTONE_WEEKS = [4, 13, 26] as const;

/**
 * Whether someone was in work N weeks after their job start, as far as the record shows:
 * - `confirmed`: they answered a check-in about this job on or after that day (an answer means they were still there);
 * - `unconfirmed`: the job was on record (not left) on that day, but no answer came from them on or after it;
 * - `left`: they had left this job before that day;
 * - `not_yet`: that day had not come by the end of the report.
 */
export type SustainmentAtWeek = 'confirmed' | 'unconfirmed' | 'left' | 'not_yet';

export interface JobForSustainment {
  /** The job's first day, `YYYY-MM-DD` on the programme's calendar. */
  startDate: string;
  /** When they left it (null: still in it). */
  leftAt: Date | null;
  /** Their latest check-in answer about this job before `asOf` (other than saying they left). */
  lastAnswerAt: Date | null;
}

export function sustainmentAtWeek(job: JobForSustainment, week: number, asOf: Date, timeZone: string): SustainmentAtWeek {
  const start = parseCalendarDate(job.startDate);
  if (!start) throw new Error(`not a calendar date: ${job.startDate}`);
  const milestone = new Date(addDays(new TZDate(start.year, start.month - 1, start.day, timeZone), 7 * week).getTime());
  if (job.leftAt && job.leftAt < milestone) return 'left';
  if (milestone > asOf) return 'not_yet';
  return job.lastAnswerAt && job.lastAnswerAt >= milestone ? 'confirmed' : 'unconfirmed';
}
