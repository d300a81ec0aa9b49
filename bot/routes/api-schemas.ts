import { z } from 'zod';
import { ALERT_TYPES, EVENT_TYPES } from '../../domain/case-record/case-record.types.js';
import { CHANNELS } from '../../domain/channel.js';
import { isIsoDuration, nominalMinutes, parseIsoDuration } from '../../domain/time/iso-duration.js';
import { MIN_LEAD_MINUTES } from '../../domain/appointments/reminder-schedule.js';
import { MAX_CAMPAIGN_RATE_PER_MINUTE } from '../../domain/campaigns/campaign-pacing.js';
import { isCalendarDate } from '../../domain/time/calendar-date.js';
import { isClockTime } from '../../domain/time/quiet-hours.js';
import { normaliseMobile, normaliseUkPhone } from '../../domain/phone.js';
import { ESCALATE_AFTER_MINUTES, MAX_ESCALATION_CONTACTS } from '../../domain/safeguarding-escalation.js';
import { WEEKDAYS } from '../../domain/time/key-worker-availability.js';
import { STAFF_ROLES } from '../../domain/caseload.js';
import { CALL_AHEAD_MINUTES } from '../../domain/wording/call-ahead-wording.js';
import { BANK_HOLIDAY_REGIONS } from '../../domain/time/bank-holiday-regions.js';

import { STREAMS } from '../../domain/sending/reachability.js';

export { STREAMS };

const trimmed = (max: number) => z.string().trim().min(1).max(max);
// Text shown back to staff: control characters would only hide things.
const plainText = (max: number) => trimmed(max).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
const isoDateTime = z.iso.datetime({ offset: true });
const language = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code such as en or cy');

export const staffRoleSchema = z.enum(STAFF_ROLES);

const workPhone = z.string().max(40).describe('Work phone, a UK number (national or +44 form), stored as E.164: the number participants are rung from');

export const createStaffBody = z.strictObject({
  name: plainText(100),
  role: staffRoleSchema,
  team: plainText(60).optional(),
  email: z.email().max(254).optional().describe('Work email, unique; CSV imports name key workers by it'),
  phone: workPhone.optional(),
});

export const staffCreated = z.object({
  id: z.uuid(),
  name: z.string(),
  role: staffRoleSchema,
  team: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  token: z.string().describe('Shown once; only its hash is kept'),
});

export const staffMemberSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: staffRoleSchema,
  team: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  deactivatedAt: z.string().nullable(),
  bootstrap: z.boolean().describe('The ADMIN_TOKEN administrator: cannot be switched off, demoted or given another token here'),
});

export const patchStaffBody = z
  .strictObject({
    name: plainText(100).optional(),
    role: staffRoleSchema.optional(),
    team: plainText(60).nullable().optional().describe('A team not seen before is created by naming it; null: no team'),
    phone: workPhone.nullable().optional(),
    active: z.boolean().optional().describe('false: every token and session of theirs stops at once; true: back, with no token until one is issued'),
    reassignTo: z.uuid().optional().describe('Hand their open caseload to this member of staff; each participant gets the handover text'),
    handoverReason: plainText(200).optional().describe('Said to each participant handed over'),
  })
  .refine((body) => Object.keys(body).length > 0, 'change at least one thing');

export const staffPatched = staffMemberSchema.extend({
  reassigned: z.number().int().describe('Participants handed over by this change'),
});

export const staffToken = z.object({ token: z.string().describe('Shown once; the previous token stopped working') });

export const createParticipantBody = z.strictObject({
  firstName: plainText(60),
  phone: z.string().max(40),
  channel: z.enum(CHANNELS),
  language: language.optional(),
  keyWorkerId: z.uuid().optional(),
  referredAt: isoDateTime.optional(),
  consent: z.strictObject({
    contact: z.literal(true, 'must be true: we only text people who agreed to it'),
    basis: plainText(200).optional(),
  }),
  contactConfirmed: z
    .boolean()
    .optional()
    .describe('true when the key worker has already confirmed the number with the person: no welcome text is sent'),
});

export const patchParticipantBody = z
  .strictObject({
    phone: z.string().max(40),
    channel: z.enum(CHANNELS),
    language,
    keyWorkerId: z.uuid(),
    inWorkAdviserId: z.uuid(),
    handoverReason: plainText(200).describe('Why the key worker or adviser changed, for the introduction'),
    mutedStreams: z.array(z.enum(STREAMS)).max(STREAMS.length),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'at least one field is required');

export const alertSchema = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  type: z.enum(ALERT_TYPES),
  priority: z.enum(['urgent', 'high', 'normal']),
  status: z.enum(['open', 'acknowledged']),
  createdAt: isoDateTime,
  data: z.record(z.string(), z.unknown()),
  acknowledgedAt: isoDateTime.nullable(),
  acknowledgedBy: z.uuid().nullable(),
  note: z.string().nullable(),
  escalateAt: isoDateTime.nullable().describe("When the team's safeguarding contacts are texted if nobody acknowledges it (urgent safeguarding alerts)"),
  escalatedAt: isoDateTime.nullable().describe('When it was escalated: nobody had acknowledged it in time'),
  escalationContacts: z.number().int().nullable().describe('How many safeguarding contacts were texted (0: the team has none set)'),
});

export const participantSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string().nullable(),
  externalRef: z.string().nullable().describe("The programme CRM's own id for this person (set by a CSV import)"),
  phone: z.string().describe('E.164'),
  channel: z.enum(CHANNELS),
  language: z.string(),
  keyWorkerId: z.uuid().nullable(),
  team: z.string().nullable(),
  referredAt: isoDateTime.nullable(),
  daysSinceReferral: z.number().int().nullable(),
  wrongNumber: z.boolean().describe('Someone at this number said it is not theirs; nothing is sent until the phone changes'),
  inWorkAdviserId: z.uuid().nullable(),
  optedOut: z.boolean(),
  mutedStreams: z.array(z.enum(STREAMS)),
  consent: z.object({ contact: z.boolean(), basis: z.string().nullable(), at: isoDateTime.nullable() }),
  inWorkSince: z.string().nullable(),
  createdAt: isoDateTime,
});


export const eventSchema = z.object({
  id: z.string(),
  type: z.enum(EVENT_TYPES),
  at: isoDateTime,
  appointmentId: z.uuid().optional(),
  data: z.record(z.string(), z.unknown()),
});

export const alertsQuery = z.strictObject({
  status: z.enum(['open', 'acknowledged']).optional(),
  participantId: z.uuid().optional(),
});

export const ackBody = z.strictObject({ note: plainText(2000).optional() });

export const sandboxInboundBody = z.strictObject({
  from: z.string().max(60).describe('E.164, UK national, or whatsapp:+44…'),
  body: z
    .string()
    .max(5000)
    .transform((body) => body.replaceAll('\u0000', '')),
});

export const outboxQuery = z.strictObject({ participantId: z.uuid().optional() });

export const outboxEntry = z.object({
  id: z.uuid(),
  participantId: z.uuid().nullable(),
  channel: z.enum(CHANNELS),
  to: z.string().nullable(),
  body: z.string().nullable(),
  kind: z.string(),
  status: z.string(),
  createdAt: isoDateTime,
});

/** One field a request got wrong: its path in the body or query, and what is wrong with it. */
export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** `fields` on a 400; other errors may say more (e.g. the conflicting experiment's id). */
    details: z.looseObject({ fields: z.array(fieldErrorSchema).optional() }).optional(),
    requestId: z.string().optional().describe('The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request'),
  }),
});

const isoDuration = z.string().refine(isIsoDuration, 'must be an ISO 8601 duration such as P2D or PT2H (at most 60 days)');
const clockTime = z.string().refine(isClockTime, 'must be a 24-hour time such as 21:00');
// A reminder closer than MIN_LEAD to the appointment would never be sent, so such an offset is refused up front.
const reminderOffset = isoDuration.refine(
  (text) => nominalMinutes(parseIsoDuration(text) ?? { weeks: 0, days: 0, hours: 0, minutes: 0 }) >= MIN_LEAD_MINUTES,
  `must be at least ${MIN_LEAD_MINUTES} minutes before the appointment`,
);
const offsets = z.array(reminderOffset).min(1).max(6);
/** Weeks after a job start: in-work support lasts 6 to 12 months, so up to 52. */
const increasingWeeks = z
  .array(z.number().int().min(1).max(52))
  .max(12)
  .refine((weeks) => weeks.every((w, i) => i === 0 || w > (weeks[i - 1] as number)), 'must be in increasing order');

export const createAppointmentBody = z.strictObject({
  startsAt: isoDateTime,
  title: plainText(80),
  location: plainText(120).optional(),
  mandatory: z.boolean(),
  reminderOffsets: offsets.optional(),
});

export const MAX_BULK_APPOINTMENTS = 500;
export const bulkAppointmentsBody = z.strictObject({
  appointments: z
    .array(createAppointmentBody.extend({ participantId: z.uuid() }))
    .min(1)
    .max(MAX_BULK_APPOINTMENTS),
});

export const patchAppointmentBody = z
  .strictObject({
    startsAt: isoDateTime,
    title: plainText(80),
    location: plainText(120).nullable(),
    mandatory: z.boolean(),
    reminderOffsets: offsets.nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'at least one field is required');

export const cancelAppointmentBody = z.strictObject({ reason: plainText(500).optional() });
export const attendanceBody = z.strictObject({ outcome: z.enum(['attended', 'did_not_attend']) });

export const reminderSchema = z.object({
  offset: z.string(),
  dueAt: isoDateTime,
  sendAt: isoDateTime.nullable(),
  status: z.enum(['scheduled', 'sent', 'dropped', 'superseded', 'cancelled', 'skipped']),
  reason: z.string().nullable(),
});

export const appointmentSchema = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  version: z.number().int(),
  title: z.string(),
  location: z.string().nullable(),
  startsAt: isoDateTime,
  mandatory: z.boolean(),
  status: z.enum(['scheduled', 'cancelled']),
  attendance: z.enum(['attended', 'did_not_attend']).nullable(),
  reminderOffsets: z.array(z.string()).nullable(),
  reminders: z.array(reminderSchema),
});

/** Any UK number (landline or mobile) a participant can be rung from, stored as E.164. */
const ukPhone = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const result = normaliseUkPhone(value);
    if (result.ok) return result.e164;
    ctx.addIssue({ code: 'custom', message: result.reason });
    return z.NEVER;
  })
  .pipe(z.string());

export const reminderPolicySchema = z.strictObject({
  defaultOffsets: offsets,
  quietHours: z.strictObject({ start: clockTime, end: clockTime }).refine((q) => q.start !== q.end, 'start and end must differ').nullable(),
  skipBankHolidays: z.boolean(),
  region: z
    .enum(BANK_HOLIDAY_REGIONS)
    .optional()
    .describe("Whose bank holidays count, for skipped sends and key workers' days off: where the team's participants live (default england-and-wales)"),
  dnaAlertThreshold: z.number().int().min(1).max(50),
  dnaWindowDays: z.number().int().min(7).max(730).optional(),
  dnaFollowUpDays: z
    .array(z.number().int().min(0).max(28))
    .min(1)
    .max(5)
    .refine((days) => days.every((d, i) => i === 0 || d > (days[i - 1] as number)), 'must be in increasing order')
    .optional(),
  welcomeRetryDays: z.number().int().min(1).max(14).optional(),
  referralStallDays: z.number().int().min(1).max(15).optional(),
  checkInWeeks: increasingWeeks.min(1).optional(),
  sustainmentWeeks: increasingWeeks.optional(),
  checkInTime: clockTime.optional(),
  workingHours: z
    .strictObject({
      days: z.array(z.enum(WEEKDAYS)).min(1).max(7).refine((days) => new Set(days).size === days.length, 'each day once'),
      start: clockTime,
      end: clockTime,
      onBankHolidays: z.boolean(),
    })
    .refine((hours) => hours.start < hours.end, { message: 'end must be later than start', path: ['end'] })
    .optional()
    .describe('When key workers are at work (default Mon–Fri 09:00–17:00, not on bank holidays); out of hours a crisis reply says when they are back'),
  phone: ukPhone
    .nullable()
    .optional()
    .describe("The team's phone number (any UK number; answered as E.164): a call-ahead text gives it when the member of staff ringing has no work phone"),
});

/** A UK mobile, stored as E.164: the failing contact's `phone` is named in the 400. */
const ukMobile = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const result = normaliseMobile(value);
    if (result.ok) return result.e164;
    ctx.addIssue({ code: 'custom', message: result.reason });
    return z.NEVER;
  });

export const safeguardingPolicyBody = z.strictObject({
  escalateAfterMinutes: z
    .number()
    .int()
    .min(ESCALATE_AFTER_MINUTES.min)
    .max(ESCALATE_AFTER_MINUTES.max)
    .default(ESCALATE_AFTER_MINUTES.default)
    .describe('Minutes an urgent safeguarding alert may wait for an acknowledgement before the contacts are texted'),
  contacts: z
    .array(z.strictObject({ name: plainText(100), phone: ukMobile.describe('A UK mobile number; stored as E.164') }))
    .max(MAX_ESCALATION_CONTACTS)
    .superRefine((contacts, ctx) => {
      contacts.forEach((contact, index) => {
        if (contacts.findIndex((other) => other.phone === contact.phone) < index) {
          ctx.addIssue({ code: 'custom', path: [index, 'phone'], message: 'is already in the list' });
        }
      });
    })
    .describe('Each is texted once for every alert that escalates'),
});

export const safeguardingPolicyQuery = z.strictObject({
  team: plainText(60).optional().describe("Admin: the team whose policy this is (others may only name their own); the caller's team when left out"),
});

export const safeguardingPolicySchema = z.object({
  team: z.string().nullable(),
  escalateAfterMinutes: z.number().int(),
  contacts: z.array(z.object({ name: z.string(), phone: z.string().describe('E.164') })),
  updatedAt: isoDateTime.nullable().describe('null: the team has not set its own, and these are the defaults'),
  updatedBy: z.uuid().nullable(),
});

const calendarDate = z.string().refine(isCalendarDate, 'must be a date such as 2026-03-02');

export const jobStartBody = z.strictObject({
  startDate: calendarDate,
  employer: plainText(120).optional(),
  hoursPerWeek: z.number().min(0.5).max(80).optional(),
  inWorkAdviserId: z.uuid().optional().describe('The in-work adviser who will look after them; their first check-in introduces them by name'),
});

export const checkInSchema = z.object({
  week: z.number().int(),
  dueAt: isoDateTime,
  sendAt: isoDateTime.nullable(),
  status: z.enum(['scheduled', 'sent', 'dropped', 'cancelled', 'skipped', 'superseded']),
  reason: z.string().nullable(),
  asksStillInWork: z.boolean(),
});

export const jobSchema = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  startDate: z.string(),
  employer: z.string().nullable(),
  hoursPerWeek: z.number().nullable(),
  status: z.enum(['active', 'left', 'replaced']),
  weeksSinceStart: z.number().int(),
  lastConfirmedInWorkAt: isoDateTime.nullable().describe('The last "yes, still in work" answer: sustainment evidence'),
  endedAt: isoDateTime.nullable(),
  checkIns: z.array(checkInSchema),
});

export const jobEndBody = z.strictObject({ reason: plainText(300).optional() });

export const confidenceTrendSchema = z.object({
  instrumentId: z.string(),
  questionId: z.string(),
  label: z.string(),
  min: z.number().int(),
  max: z.number().int(),
  points: z.array(z.object({ at: isoDateTime, score: z.number().int() })),
  latest: z.number().int().nullable(),
  change: z.number().int().nullable().describe('The latest score minus the one before'),
});

export const instrumentSchema = z.object({
  id: z.string(),
  name: z.string(),
  questions: z.array(z.object({ id: z.string(), label: z.string(), text: z.string(), min: z.number().int(), max: z.number().int() })),
});

export const campaignFilter = z.strictObject({
  inWork: z.literal(true).optional().describe('Only people with a current job start'),
  team: plainText(60).optional(),
  weeksSinceStart: z
    .strictObject({ min: z.number().int().min(0).max(520).optional(), max: z.number().int().min(0).max(520).optional() })
    .refine((w) => w.min === undefined || w.max === undefined || w.min <= w.max, 'min must not be above max')
    .optional(),
});

export const MAX_CAMPAIGN_AUDIENCE = 100_000;

export const createCampaignBody = z
  .strictObject({
    name: plainText(120),
    type: z.enum(['check_in', 'pulse']),
    instrumentId: z.string().max(60).optional().describe('For a pulse; job-confidence when left out'),
    participantIds: z.array(z.uuid()).min(1).max(MAX_CAMPAIGN_AUDIENCE).optional(),
    filter: campaignFilter.optional(),
    startAt: isoDateTime.optional().describe('When the first message goes; now when left out'),
    ratePerMinute: z.number().int().min(1).max(MAX_CAMPAIGN_RATE_PER_MINUTE).optional().describe('Messages a minute at most; 60 when left out'),
  })
  .refine((b) => b.participantIds !== undefined || b.filter !== undefined, { message: 'give participantIds or a filter', path: ['participantIds'] })
  .refine((b) => b.type === 'pulse' || b.instrumentId === undefined, { message: 'only a pulse has an instrument', path: ['instrumentId'] });

export const campaignCountsSchema = z.object({
  targeted: z.number().int(),
  pending: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  responded: z.number().int(),
  optedOut: z.number().int(),
  skipped: z.number().int(),
  cancelled: z.number().int(),
  skippedBecause: z.record(z.string(), z.number().int()),
});

export const campaignSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(['check_in', 'pulse']),
  instrumentId: z.string().nullable(),
  team: z.string().nullable(),
  status: z.enum(['scheduled', 'running', 'paused', 'cancelled', 'completed']),
  startAt: isoDateTime,
  ratePerMinute: z.number().int(),
  createdAt: isoDateTime,
  audience: z.record(z.string(), z.unknown()),
  counts: campaignCountsSchema.describe('pending + sent + skipped + cancelled = targeted; delivered, failed and responded are parts of sent'),
});

export const participantDetail = participantSchema.extend({
  nextAppointment: z
    .object({ id: z.uuid(), title: z.string(), location: z.string().nullable(), startsAt: isoDateTime, mandatory: z.boolean() })
    .nullable(),
  openAlerts: z.array(alertSchema),
  job: jobSchema.nullable().describe('The latest job start, with its check-ins'),
  confidence: z.array(confidenceTrendSchema).describe('Pulse scores over time, one series a question'),
});

export const importQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .describe('true: check every row and report what would happen, writing and sending nothing'),
});

export const importReport = z.object({
  dryRun: z.boolean(),
  rows: z.number().int().describe('Data rows read (blank lines not counted)'),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(
    z.object({
      row: z.number().int().describe('As a spreadsheet numbers it: the header is row 1'),
      field: z.string(),
      message: z.string(),
    }),
  ),
  unknownColumns: z.array(z.string()).describe('Headers that are none of ours: ignored'),
});

export const callAheadBody = z.strictObject({
  inMinutes: z
    .number()
    .int()
    .min(CALL_AHEAD_MINUTES.min)
    .max(CALL_AHEAD_MINUTES.max)
    .default(CALL_AHEAD_MINUTES.default)
    .describe('How soon the call will come, in minutes (the text says "in the next 5 minutes")'),
});

export const callAheadAnswer = z.object({
  messageId: z.uuid().describe('The text, queued to send through the normal outbound path'),
  text: z.string().describe('What the participant will read, in their language'),
  number: z.string().describe('The number the call will come from, E.164'),
  numberShown: z.string().describe('The same number as the text gives it ("0161 496 0000")'),
  numberFrom: z.enum(['work_phone', 'team_phone']).describe("The caller's own work phone, or their team's phone"),
  inMinutes: z.number().int(),
});
