import type { PlannedReminder } from './appointment.types.js';
import { nominalMinutes, parseIsoDuration, subtractDuration, type IsoDuration } from '../time/iso-duration.js';
import { nextAllowedSendTime, type SendWindowPolicy } from '../time/quiet-hours.js';

/**
 * The least time a reminder must leave before the appointment. Less than this and it is dropped as
 * `too_late`: "your appointment is in 5 minutes" helps nobody get there and reads like a telling-off.
 * It applies to every reminder (moved out of quiet hours or a bank holiday, collapsed at booking, or on
 * time), as the firing job applies it again at send time; an offset shorter than this is therefore always
 * dropped, and the API may as well refuse one.
 * @defaultValue 15 minutes
 */
export const MIN_LEAD_MINUTES = 15;

/** `MIN_LEAD_MINUTES` in milliseconds, for comparing instants. */
export const MIN_LEAD_MS = MIN_LEAD_MINUTES * 60_000;

/** The offset recorded for offsets already past at booking, collapsed into one reminder sent as soon as allowed. */
export const COLLAPSED_OFFSET = 'now';

export interface ReminderPlanRequest {
  startsAt: Date;
  /** ISO 8601 durations before `startsAt` ("P2D", "PT2H"); duplicates (also "P1W" and "P7D") count once. */
  offsets: readonly string[];
  policy: SendWindowPolicy;
  now: Date;
  /** The programme's zone (PROGRAMME_TIMEZONE): days, quiet hours and bank holidays are on its local clock. */
  timeZone: string;
}

type Scheduled = Extract<PlannedReminder, { status: 'scheduled' }>;
type Dropped = Extract<PlannedReminder, { status: 'dropped' }>;

/**
 * Works out when each reminder for one appointment goes, or why it does not.
 * - dueAt is `startsAt` minus the offset, calendar-aware in `timeZone` (P1D keeps the wall-clock time).
 * - sendAt is the next allowed time at or after dueAt (quiet hours, bank holidays); if that leaves less than
 *   `MIN_LEAD_MINUTES` before the appointment, the reminder is dropped as `too_late` (never sent after it).
 * - Offsets whose dueAt is not after `now` collapse into one reminder, offset `now`, due now and sent at the
 *   next allowed time, if that still leaves `MIN_LEAD_MINUTES`.
 * - If the appointment is not ahead of `now`, every offset is dropped as `appointment_passed`.
 * - Two reminders with the same sendAt are one message: the one due earlier (the larger offset, and `now`
 *   before any offset still ahead) is kept and the other dropped as `merged`.
 * Scheduled reminders come first, by sendAt; dropped ones after them, by dueAt.
 * Throws a RangeError on an offset that is not a valid duration (validate with `isIsoDuration` at the edge).
 */
export function planReminders(request: ReminderPlanRequest): PlannedReminder[] {
  const { startsAt, policy, now, timeZone } = request;
  const offsets = distinctOffsets(request.offsets).map(({ offset, duration }) => ({
    offset,
    duration,
    dueAt: subtractDuration(startsAt, duration, timeZone),
  }));

  if (startsAt.getTime() <= now.getTime()) {
    return sortPlan(offsets.map(({ offset, dueAt }) => dropped(offset, dueAt, 'appointment_passed')));
  }

  const plan: PlannedReminder[] = [];
  const lateOnes = offsets.filter(({ dueAt }) => dueAt.getTime() <= now.getTime());
  if (lateOnes.length > 0) {
    const { at } = nextAllowedSendTime(now, policy, timeZone);
    plan.push(
      leavesLead(at, startsAt)
        ? { offset: COLLAPSED_OFFSET, dueAt: now, sendAt: at, status: 'scheduled', moved: 'collapsed' }
        : dropped(COLLAPSED_OFFSET, now, 'too_late'),
    );
  }
  for (const { offset, dueAt } of offsets) {
    if (dueAt.getTime() <= now.getTime()) continue;
    const { at, moved } = nextAllowedSendTime(dueAt, policy, timeZone);
    if (!leavesLead(at, startsAt)) {
      plan.push(dropped(offset, dueAt, 'too_late'));
    } else {
      plan.push(moved === null ? { offset, dueAt, sendAt: at, status: 'scheduled' } : { offset, dueAt, sendAt: at, status: 'scheduled', moved });
    }
  }
  return sortPlan(mergeSameSendTime(plan));
}

/** Parsed offsets, each value once (the first spelling wins): P1W and P7D are the same seven calendar days. */
function distinctOffsets(offsets: readonly string[]): { offset: string; duration: IsoDuration }[] {
  const seen = new Map<string, { offset: string; duration: IsoDuration }>();
  for (const offset of offsets) {
    const duration = parseIsoDuration(offset);
    if (duration === null) throw new RangeError(`not a reminder offset: ${JSON.stringify(offset)}`);
    // Calendar days and clock minutes are kept apart: P1D and PT24H differ across a clock change.
    const key = `${duration.weeks * 7 + duration.days}d${duration.hours * 60 + duration.minutes}m`;
    if (!seen.has(key)) seen.set(key, { offset, duration });
  }
  return [...seen.values()].sort((a, b) => nominalMinutes(b.duration) - nominalMinutes(a.duration));
}

/** At least `MIN_LEAD_MS` before the appointment (so never at or after it). */
function leavesLead(sendAt: Date, startsAt: Date): boolean {
  return startsAt.getTime() - sendAt.getTime() >= MIN_LEAD_MS;
}

function dropped(offset: string, dueAt: Date, reason: Dropped['reason']): Dropped {
  return { offset, dueAt, sendAt: null, status: 'dropped', reason };
}

function mergeSameSendTime(plan: PlannedReminder[]): PlannedReminder[] {
  const keptBySendTime = new Map<number, Scheduled>();
  for (const reminder of plan) {
    if (reminder.status !== 'scheduled') continue;
    const kept = keptBySendTime.get(reminder.sendAt.getTime());
    // `plan` lists the collapsed reminder first, then offsets largest first, so the first one seen is kept
    // unless a later one is due earlier (possible only when calendar days and hours disagree across a clock change).
    if (!kept || reminder.dueAt.getTime() < kept.dueAt.getTime()) keptBySendTime.set(reminder.sendAt.getTime(), reminder);
  }
  const kept = new Set<PlannedReminder>(keptBySendTime.values());
  return plan.map((reminder) =>
    reminder.status === 'scheduled' && !kept.has(reminder) ? dropped(reminder.offset, reminder.dueAt, 'merged') : reminder,
  );
}

function sortPlan(plan: PlannedReminder[]): PlannedReminder[] {
  const rank = (reminder: PlannedReminder) => (reminder.sendAt ?? reminder.dueAt).getTime();
  return [...plan].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'scheduled' ? -1 : 1;
    return rank(a) - rank(b) || a.dueAt.getTime() - b.dueAt.getTime();
  });
}
