import { z } from 'zod';
import { ALERT_TYPES, EVENT_TYPES } from '../../domain/case-record.types.js';
import { CHANNELS } from '../../domain/channel.js';
import { isIsoDuration, nominalMinutes, parseIsoDuration } from '../../domain/iso-duration.js';
import { MIN_LEAD_MINUTES } from '../../domain/reminder-schedule.js';
import { isClockTime } from '../../domain/quiet-hours.js';

/** Streams a participant can mute one by one (STOP stops them all). */
export const STREAMS = ['reminders', 'dna_follow_up', 'check_ins', 'campaigns', 'pulses'] as const;

const trimmed = (max: number) => z.string().trim().min(1).max(max);
// Text shown back to staff: control characters would only hide things.
const plainText = (max: number) => trimmed(max).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
const isoDateTime = z.iso.datetime({ offset: true });
const language = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code such as en or cy');

export const staffRoleSchema = z.enum(['key_worker', 'in_work_team', 'admin']);

export const createStaffBody = z.strictObject({
  name: plainText(100),
  role: staffRoleSchema,
  team: plainText(60).optional(),
});

export const staffCreated = z.object({
  id: z.uuid(),
  name: z.string(),
  role: staffRoleSchema,
  team: z.string().nullable(),
  token: z.string().describe('Shown once; only its hash is kept'),
});

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
});

export const participantSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
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

export const participantDetail = participantSchema.extend({
  nextAppointment: z
    .object({ id: z.uuid(), title: z.string(), location: z.string().nullable(), startsAt: isoDateTime, mandatory: z.boolean() })
    .nullable(),
  openAlerts: z.array(alertSchema),
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

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const isoDuration = z.string().refine(isIsoDuration, 'must be an ISO 8601 duration such as P2D or PT2H (at most 60 days)');
const clockTime = z.string().refine(isClockTime, 'must be a 24-hour time such as 21:00');
// A reminder closer than MIN_LEAD to the appointment would never be sent, so such an offset is refused up front.
const reminderOffset = isoDuration.refine(
  (text) => nominalMinutes(parseIsoDuration(text) ?? { weeks: 0, days: 0, hours: 0, minutes: 0 }) >= MIN_LEAD_MINUTES,
  `must be at least ${MIN_LEAD_MINUTES} minutes before the appointment`,
);
const offsets = z.array(reminderOffset).min(1).max(6);

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

export const reminderPolicySchema = z.strictObject({
  defaultOffsets: offsets,
  quietHours: z.strictObject({ start: clockTime, end: clockTime }).refine((q) => q.start !== q.end, 'start and end must differ').nullable(),
  skipBankHolidays: z.boolean(),
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
});
