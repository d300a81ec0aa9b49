/** The shapes the dashboard reads from the key-worker API (see /api/openapi.json). web/ knows the API only. */

export type StaffRole = 'key_worker' | 'in_work_team' | 'admin';

export interface Session {
  staff: { id: string; name: string; role: StaffRole; team: string | null };
  csrfToken: string;
  csrfHeader: string;
  expiresAt: string;
  programmeName: string;
  sandbox: boolean;
  timeZone: string;
}

export interface CaseloadEntry {
  id: string;
  firstName: string;
  phone: string;
  channel: 'sms' | 'whatsapp';
  team: string | null;
  keyWorkerName: string | null;
  optedOut: boolean;
  wrongNumber: boolean;
  inWorkSince: string | null;
  nextAppointment: { id: string; title: string; startsAt: string; location: string | null; mandatory: boolean } | null;
  lastReply: { at: string; body: string | null } | null;
  openAlerts: number;
  urgentAlerts: number;
}

export type AlertPriority = 'urgent' | 'high' | 'normal';

export interface Alert {
  id: string;
  participantId: string;
  type: string;
  priority: AlertPriority;
  status: 'open' | 'acknowledged';
  createdAt: string;
  data: Record<string, unknown>;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
  /** When the team's safeguarding contacts are texted if nobody acknowledges it (urgent safeguarding alerts). */
  escalateAt?: string | null;
  escalatedAt?: string | null;
  /** How many contacts were texted when it escalated (0: the team has none). */
  escalationContacts?: number | null;
}

export interface ConfidenceSeries {
  instrumentId: string;
  questionId: string;
  label: string;
  min: number;
  max: number;
  points: Array<{ at: string; score: number }>;
  latest: number | null;
  change: number | null;
}

export interface CheckIn {
  week: number;
  dueAt: string;
  sendAt: string | null;
  status: 'scheduled' | 'sent' | 'dropped' | 'cancelled' | 'skipped' | 'superseded';
  reason: string | null;
  asksStillInWork: boolean;
}

export interface Job {
  id: string;
  startDate: string;
  employer: string | null;
  hoursPerWeek: number | null;
  status: 'active' | 'left' | 'replaced';
  weeksSinceStart: number;
  lastConfirmedInWorkAt?: string | null;
  endedAt?: string | null;
  checkIns?: CheckIn[];
}

export interface ParticipantDetail {
  id: string;
  firstName: string;
  phone: string;
  channel: 'sms' | 'whatsapp';
  language: string;
  keyWorkerId: string | null;
  team: string | null;
  optedOut: boolean;
  wrongNumber: boolean;
  inWorkSince: string | null;
  nextAppointment: { id: string; title: string; startsAt: string } | null;
  openAlerts: Alert[];
  /** Being added with in-work support: shown when present. */
  job?: Job | null;
  confidence?: ConfidenceSeries[];
}

export interface ThreadMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  channel: 'sms' | 'whatsapp';
  body: string | null;
  kind: string;
  status: string;
  errorCode: number | null;
  at: string;
}

export interface RecordEvent {
  id: string;
  type: string;
  at: string;
  appointmentId?: string;
  data: Record<string, unknown>;
}

export interface Appointment {
  id: string;
  participantId: string;
  version: number;
  title: string;
  location: string | null;
  startsAt: string;
  mandatory: boolean;
  status: 'scheduled' | 'cancelled';
  attendance: 'attended' | 'did_not_attend' | null;
  reminders: Array<{ offset: string; dueAt: string; sendAt: string | null; status: string; reason: string | null }>;
}

/** Whose bank holidays a team keeps (GOV.UK's divisions). */
export type BankHolidayRegion = 'england-and-wales' | 'scotland' | 'northern-ireland';

/** The team's reminder policy; fields the server adds later are kept as they are when saving. */
export interface ReminderPolicy {
  defaultOffsets: string[];
  quietHours: { start: string; end: string } | null;
  skipBankHolidays: boolean;
  region?: BankHolidayRegion;
  dnaAlertThreshold: number;
  dnaWindowDays?: number;
  dnaFollowUpDays?: number[];
  welcomeRetryDays?: number;
  referralStallDays?: number;
  checkInWeeks?: number[];
  sustainmentWeeks?: number[];
  checkInTime?: string;
  [other: string]: unknown;
}

export interface PulseInstrument {
  id: string;
  name: string;
  questions: Array<{ id: string; label?: string; text: string; min: number; max: number }>;
}

export type CampaignStatus = 'scheduled' | 'running' | 'paused' | 'cancelled' | 'completed';

export interface CampaignCounts {
  targeted: number;
  pending: number;
  sent: number;
  delivered: number;
  failed: number;
  responded: number;
  optedOut: number;
  skipped: number;
  cancelled: number;
  /** Why people were skipped (opted out, capped…), by reason. */
  skippedBecause?: Record<string, number>;
}

export interface Campaign {
  id: string;
  name: string;
  type: 'check_in' | 'pulse';
  instrumentId: string | null;
  status: CampaignStatus;
  startAt: string;
  ratePerMinute: number;
  createdAt: string;
  counts?: Partial<CampaignCounts>;
}

export interface FieldError {
  path: string;
  message: string;
}
