import { DEFAULT_BANK_HOLIDAY_REGION, type BankHolidayRegion } from '../time/bank-holiday-regions.js';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from '../time/key-worker-availability.js';

/** An upcoming appointment as a reply dialog may know it: facts only. */
export interface UpcomingAppointment {
  id: string;
  version: number;
  title: string;
  location: string | null;
  startsAt: Date;
  mandatory: boolean;
  /** When the latest reminder about it was sent, if any. */
  lastRemindedAt: Date | null;
}

/** A team's reminder policy (CONTRACT.md `GET`/`PUT /api/reminder-policy`). */
export interface ReminderPolicy {
  /** ISO 8601 durations before the appointment, e.g. ["P2D", "PT2H"]. */
  defaultOffsets: string[];
  /** Local clock times "HH:mm"; null means no quiet hours. */
  quietHours: { start: string; end: string } | null;
  skipBankHolidays: boolean;
  /** Whose bank holidays count (skipped sends, key workers' days off): where the team's participants live. */
  region: BankHolidayRegion;
  /** DNAs within `dnaWindowDays` that raise a `dna_threshold` alert. */
  dnaAlertThreshold: number;
  /** The rolling window DNAs are counted in. */
  dnaWindowDays: number;
  /** Days after a did-not-attend on which the follow-up messages go (0 = straight away). */
  dnaFollowUpDays: number[];
  /** Days after the welcome with no reply before one gentle second try. */
  welcomeRetryDays: number;
  /** Days from referral by which a first appointment should be booked, else `referral_stalled`. */
  referralStallDays: number;
  /** Weeks after a job start on which in-work check-ins go (job leaving peaks in the first month). */
  checkInWeeks: number[];
  /** Check-in weeks that first ask "are you still in work?": the programme's sustainment evidence points. */
  sustainmentWeeks: number[];
  /** Local clock time ("HH:mm") check-ins go at: after most working days end. */
  checkInTime: string;
  /** When the team's key workers are at work: out of these hours a crisis reply says when they are back. */
  workingHours: WorkingHours;
  /** The team's phone (E.164): a call-ahead text gives it when the member of staff ringing has no work phone. */
  phone: string | null;
}

/** What a team sends: the follow-up and check-in settings may be left out and keep their defaults. */
type DefaultedFields =
  | 'region'
  | 'dnaWindowDays'
  | 'dnaFollowUpDays'
  | 'welcomeRetryDays'
  | 'referralStallDays'
  | 'checkInWeeks'
  | 'sustainmentWeeks'
  | 'checkInTime'
  | 'workingHours'
  | 'phone';
export type ReminderPolicyInput = Omit<ReminderPolicy, DefaultedFields> & Partial<Pick<ReminderPolicy, DefaultedFields>>;

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  defaultOffsets: ['P2D', 'PT2H'],
  quietHours: { start: '21:00', end: '08:00' },
  skipBankHolidays: true,
  region: DEFAULT_BANK_HOLIDAY_REGION,
  dnaAlertThreshold: 3,
  dnaWindowDays: 90,
  dnaFollowUpDays: [0, 3, 7],
  welcomeRetryDays: 2,
  referralStallDays: 10,
  checkInWeeks: [1, 2, 4, 8, 13, 26],
  sustainmentWeeks: [13, 26, 52],
  checkInTime: '17:30',
  workingHours: DEFAULT_WORKING_HOURS,
  phone: null,
};

/** One reminder worked out for an appointment. */
export type PlannedReminder =
  | {
      /** The offset it was asked for, or `now` for offsets already past when booked (collapsed into one). */
      offset: string;
      /** Appointment time minus the offset. */
      dueAt: Date;
      /** When it goes: dueAt moved out of quiet hours and bank holidays, or now. */
      sendAt: Date;
      status: 'scheduled';
      /** Why sendAt differs from dueAt, if it does. */
      moved?: 'quiet_hours' | 'bank_holiday' | 'collapsed';
    }
  | {
      offset: string;
      dueAt: Date;
      sendAt: null;
      status: 'dropped';
      reason: 'too_late' | 'merged' | 'appointment_passed';
    };
