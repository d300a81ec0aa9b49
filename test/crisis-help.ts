import type { KeyWorkerAvailability } from '../domain/time/key-worker-availability.js';
import { riskHelpMessage } from '../domain/wording/risk-help-wording.js';
import { screenForRisk } from '../domain/safeguarding/screen.js';
import type { WordingContext } from '../domain/wording/wording.js';

/** What dialog tests expect after a risk-of-harm text when no working hours are given (the key worker is at work). */
const AT_WORK: KeyWorkerAvailability = { atWorkNow: true };

/** The help sent for what the screen finds in `text`, in working hours. */
export function crisisHelpFor(ctx: WordingContext, text: string): string {
  return riskHelpMessage(ctx, screenForRisk(text).categories, AT_WORK, new Date(0), 'Europe/London');
}
