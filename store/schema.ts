import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { JsonObject, JsonValue } from '../domain/case-record/case-record.types.js';
import type { ExperimentMessage, ExperimentStatus } from '../domain/campaigns/experiment.types.js';
import type { StaffRole } from '../domain/caseload.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T extends JsonValue = JsonObject> = ColumnType<T, string | T, string | T>;

export interface StaffTable {
  id: Generated<string>;
  name: string;
  role: StaffRole;
  team: string | null;
  token_lookup: string;
  token_hash: string;
  /** Work email, unique whatever its case; CSV imports name key workers by it. */
  email: string | null;
  /** Work phone: the number a call-ahead text says they will ring from. E.164. */
  phone: string | null;
  /** Switched off (left the provider): no token or session of theirs works. */
  deactivated_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ParticipantsTable {
  id: Generated<string>;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  /** The programme CRM's own id for this person (unique among people on record): an import finds them by it. */
  external_ref: string | null;
  channel: 'sms' | 'whatsapp';
  language: Generated<string>;
  key_worker_id: string | null;
  team: string | null;
  referred_at: NullableTimestamp;
  consent_contact: boolean;
  consent_basis: string | null;
  consent_at: NullableTimestamp;
  opted_out: Generated<boolean>;
  opted_out_at: NullableTimestamp;
  muted_streams: ColumnType<string[], string | undefined, string>;
  /** The current job's start date (`YYYY-MM-DD`), kept after they leave so the in-work team still sees them. */
  in_work_since: ColumnType<string | null, string | null | undefined, string | null>;
  /** Someone at this number said it is not the participant's: nothing more goes to it until the phone changes. */
  wrong_number_at: NullableTimestamp;
  in_work_adviser_id: string | null;
  /** The in-work adviser already introduced to the participant (by a handover message or a check-in). */
  introduced_adviser_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  erased_at: NullableTimestamp;
}

export type MessageDirection = 'inbound' | 'outbound';
/** Inbound: received → processed. Outbound: queued → sending → sent/delivered/… or suppressed/failed. */
export type MessageStatus = string;

export interface MessagesTable {
  id: Generated<string>;
  seq: Generated<string>;
  participant_id: string | null;
  direction: MessageDirection;
  channel: 'sms' | 'whatsapp';
  phone: string | null;
  body: string | null;
  kind: Generated<string>;
  source_key: string;
  twilio_sid: string | null;
  status: MessageStatus;
  error_code: number | null;
  error_message: string | null;
  attempts: Generated<number>;
  fallback_of: string | null;
  /** `whatsapp` on an SMS that went because WhatsApp's 24 hours had passed; null otherwise. */
  instead_of: Generated<'whatsapp' | null>;
  /** A participant's text, or one to a member of staff (a safeguarding escalation: participant_id is then null). */
  recipient: Generated<MessageRecipient>;
  /** When the current send attempt was claimed (the workers' clock); null before the first claim. */
  claimed_at: NullableTimestamp;
  /** Lookups in Twilio of a send cut mid-call that failed (Twilio away). */
  reconcile_lookups: Generated<number>;
  /** Times a cut send Twilio did not have was sent again (at most once). */
  reconcile_resends: Generated<number>;
  /** The current attempt went as an approved WhatsApp template (its text cannot be matched in Twilio's list). */
  sent_as_template: Generated<boolean>;
  /** When it became a dead letter: a turn that kept failing, or a send that gave up after its retries. */
  parked_at: NullableTimestamp;
  /** Inbound: when the webhook acknowledged it (the web role's clock), the time of its `message.inbound` event. */
  received_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MessageRecipient = 'participant' | 'staff';

export interface CaseRecordEventsTable {
  id: Generated<string>;
  participant_id: string;
  type: string;
  at: Timestamp;
  appointment_id: string | null;
  data: Json;
  source_key: string;
  /** The writing transaction's id (xid8, as text): events are read and delivered in (xid, id) order. */
  xid: Generated<string>;
}

export interface AlertsTable {
  id: Generated<string>;
  participant_id: string;
  type: string;
  priority: string;
  status: Generated<'open' | 'acknowledged'>;
  data: Json;
  source_key: string;
  created_at: Timestamp;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: string | null;
  note: string | null;
  /** When the team's safeguarding contacts are texted if nobody has acknowledged it (urgent safeguarding only). */
  escalate_at: NullableTimestamp;
  escalated_at: NullableTimestamp;
  /** How many contacts were texted when it escalated (0: the team had none). */
  escalation_contacts: number | null;
}

/** A team's safeguarding escalation: how long an urgent alert may wait, and whom to text then. */
export interface SafeguardingPoliciesTable {
  team: string;
  escalate_after_minutes: number;
  contacts: Json<Array<{ name: string; phone: string }>>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface PendingWritebacksTable {
  id: Generated<string>;
  seq: Generated<string>;
  source_key: string;
  participant_id: string;
  payload: Json;
  created_at: Timestamp;
  applied_at: NullableTimestamp;
}

export interface BotStateTable {
  key: string;
  data: Json;
  etag: string;
  participant_id: string | null;
  updated_at: Timestamp;
}

export interface AppointmentsTable {
  id: Generated<string>;
  participant_id: string;
  version: Generated<number>;
  title: string;
  location: string | null;
  starts_at: Timestamp;
  mandatory: boolean;
  reminder_offsets: ColumnType<string[] | null, string | null | undefined, string | null>;
  status: Generated<'scheduled' | 'cancelled'>;
  cancel_reason: string | null;
  attendance: 'attended' | 'did_not_attend' | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The programme CRM's id for the appointment (CSV import): unique per participant. */
  external_ref: string | null;
}

export type ReminderStatus = 'scheduled' | 'sent' | 'dropped' | 'superseded' | 'cancelled' | 'skipped';

export interface RemindersTable {
  id: Generated<string>;
  appointment_id: string;
  participant_id: string;
  version: number;
  offset: string;
  due_at: Timestamp;
  send_at: NullableTimestamp;
  status: ReminderStatus;
  reason: string | null;
  job_id: string;
  message_id: string | null;
  sent_at: NullableTimestamp;
}

export interface TeamPoliciesTable {
  team: string;
  policy: Json;
  updated_by: string | null;
  updated_at: Timestamp;
}

export type FollowUpStatus = 'active' | 'replied' | 'stopped' | 'not_reached';

export interface FollowUpsTable {
  id: Generated<string>;
  participant_id: string;
  appointment_id: string | null;
  kind: Generated<'dna' | 'welcome'>;
  status: Generated<FollowUpStatus>;
  days: ColumnType<number[], string, string>;
  step: Generated<number>;
  started_at: Timestamp;
  next_at: NullableTimestamp;
  reason_recorded_at: NullableTimestamp;
  ended_reason: string | null;
  updated_at: Timestamp;
}

/** A calendar date, `YYYY-MM-DD` (store/database.ts reads `date` columns as text, not as Date at local midnight). */
type CalendarDate = ColumnType<string, string, string>;

export type JobStartStatus = 'active' | 'left' | 'replaced';

export interface JobStartsTable {
  id: Generated<string>;
  participant_id: string;
  start_date: CalendarDate;
  employer: string | null;
  hours_per_week: number | null;
  status: Generated<JobStartStatus>;
  ended_at: NullableTimestamp;
  ended_reason: string | null;
  last_confirmed_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type CheckInStatus = 'scheduled' | 'sent' | 'dropped' | 'cancelled' | 'skipped' | 'superseded';

export interface CheckInsTable {
  id: Generated<string>;
  job_start_id: string;
  participant_id: string;
  week: number;
  due_at: Timestamp;
  send_at: NullableTimestamp;
  status: CheckInStatus;
  reason: string | null;
  asks_still_in_work: boolean;
  session_id: string | null;
  sent_at: NullableTimestamp;
  updated_at: Timestamp;
}

export type CampaignStatus = 'active' | 'paused' | 'cancelled' | 'completed';

export interface CampaignsTable {
  id: Generated<string>;
  name: string;
  type: 'check_in' | 'pulse';
  instrument_id: string | null;
  team: string | null;
  audience: Json;
  status: Generated<CampaignStatus>;
  start_at: Timestamp;
  rate_per_minute: number;
  epoch: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: NullableTimestamp;
}

export type RecipientStatus = 'pending' | 'sent' | 'skipped' | 'cancelled';

export interface CampaignRecipientsTable {
  campaign_id: string;
  participant_id: string;
  slot: number;
  epoch: Generated<number>;
  due_at: Timestamp;
  status: Generated<RecipientStatus>;
  reason: string | null;
  defers: Generated<number>;
  message_id: string | null;
  session_id: string | null;
  sent_at: NullableTimestamp;
  updated_at: Timestamp;
}

export type SessionStatus = 'open' | 'completed' | 'expired' | 'stopped';

export interface QuestionSessionsTable {
  id: Generated<string>;
  participant_id: string;
  kind: 'check_in' | 'pulse';
  instrument_id: string | null;
  check_in_id: string | null;
  campaign_id: string | null;
  job_start_id: string | null;
  week: number | null;
  step: string;
  step_index: Generated<number>;
  retries: Generated<number>;
  asked_at: Timestamp;
  status: Generated<SessionStatus>;
  answers: Json;
  responded_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  staff_id: string;
  method: string;
  route: string;
  subject_id: string | null;
  status: number;
  /** The caller's address, as TRUST_PROXY decides it (a load balancer's own address is not the caller's). */
  client_address: string | null;
  request_id: string | null;
}

/** The programme's CRM (one row, id `default`): where case-record events are posted and how they are signed. */
export interface CaseRecordSinksTable {
  id: string;
  url: string;
  /** Signs deliveries; never logged, never returned. */
  secret: string;
  /** null: every event type. */
  event_types: ColumnType<string[] | null, string | null, string | null>;
  enabled: boolean;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type CaseRecordDeliveryStatus = 'pending' | 'delivered' | 'parked' | 'skipped';

/** The outbox: one row per case-record event and sink (filled by a trigger on case_record_events). */
export interface CaseRecordDeliveriesTable {
  sink_id: string;
  event_id: string;
  participant_id: string;
  xid: string;
  status: Generated<CaseRecordDeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: NullableTimestamp;
  first_failed_at: NullableTimestamp;
  leased_until: NullableTimestamp;
  last_status: number | null;
  last_error: string | null;
  delivered_at: NullableTimestamp;
  parked_at: NullableTimestamp;
  created_at: Timestamp;
}

/** A wording experiment: `team` null (made by an admin) covers every participant. */
export interface ExperimentsTable {
  id: Generated<string>;
  name: string;
  message: ExperimentMessage;
  /** The variant ids compared, in order (the first two are the ones the report compares). */
  variants: ColumnType<string[], string, string>;
  team: string | null;
  status: Generated<ExperimentStatus>;
  created_by: string | null;
  created_at: Timestamp;
  stopped_at: NullableTimestamp;
}

/** Which variant a participant was given in an experiment: chosen at random once, then kept. */
export interface ExperimentAssignmentsTable {
  experiment_id: string;
  participant_id: string;
  variant: string;
  assigned_at: Timestamp;
}

export interface Database {
  staff: StaffTable;
  participants: ParticipantsTable;
  messages: MessagesTable;
  case_record_events: CaseRecordEventsTable;
  alerts: AlertsTable;
  pending_writebacks: PendingWritebacksTable;
  bot_state: BotStateTable;
  appointments: AppointmentsTable;
  reminders: RemindersTable;
  team_policies: TeamPoliciesTable;
  safeguarding_policies: SafeguardingPoliciesTable;
  follow_ups: FollowUpsTable;
  audit_log: AuditLogTable;
  case_record_sinks: CaseRecordSinksTable;
  case_record_deliveries: CaseRecordDeliveriesTable;
  job_starts: JobStartsTable;
  check_ins: CheckInsTable;
  campaigns: CampaignsTable;
  campaign_recipients: CampaignRecipientsTable;
  question_sessions: QuestionSessionsTable;
  experiments: ExperimentsTable;
  experiment_assignments: ExperimentAssignmentsTable;
}

export type StaffRow = Selectable<StaffTable>;
export type ParticipantRow = Selectable<ParticipantsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type EventRow = Selectable<CaseRecordEventsTable>;
export type AlertRow = Selectable<AlertsTable>;
export type SafeguardingPolicyRow = Selectable<SafeguardingPoliciesTable>;
export type AppointmentRow = Selectable<AppointmentsTable>;
export type ReminderRow = Selectable<RemindersTable>;
export type FollowUpRow = Selectable<FollowUpsTable>;
export type JobStartRow = Selectable<JobStartsTable>;
export type CheckInRow = Selectable<CheckInsTable>;
export type CampaignRow = Selectable<CampaignsTable>;
export type CampaignRecipientRow = Selectable<CampaignRecipientsTable>;
export type QuestionSessionRow = Selectable<QuestionSessionsTable>;
export type CaseRecordSinkRow = Selectable<CaseRecordSinksTable>;
export type CaseRecordDeliveryRow = Selectable<CaseRecordDeliveriesTable>;
export type ExperimentRow = Selectable<ExperimentsTable>;
export type ExperimentAssignmentRow = Selectable<ExperimentAssignmentsTable>;
