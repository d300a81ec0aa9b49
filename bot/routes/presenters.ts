import { weeksSinceStart } from '../../domain/in-work/check-in-schedule.js';
import { scoreTrend } from '../../domain/in-work/confidence.js';
import { PULSE_INSTRUMENTS } from '../../domain/in-work/pulse-instruments.js';
import type { CampaignCounts } from '../../store/campaign.repository.js';
import type { StoredSafeguardingPolicy } from '../../store/safeguarding-policy.repository.js';
import type {
  AlertRow,
  AppointmentRow,
  CampaignRow,
  CheckInRow,
  EventRow,
  JobStartRow,
  MessageRow,
  ParticipantRow,
  ReminderRow,
} from '../../store/schema.js';
import { campaignStatus } from '../../domain/campaigns/campaign-status.js';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

const DAY_MS = 24 * 3600_000;

export function participantJson(row: ParticipantRow, now: Date) {
  return {
    id: row.id,
    firstName: row.first_name ?? '',
    lastName: row.last_name,
    externalRef: row.external_ref,
    phone: row.phone ?? '',
    channel: row.channel,
    language: row.language,
    keyWorkerId: row.key_worker_id,
    team: row.team,
    referredAt: iso(row.referred_at),
    daysSinceReferral: row.referred_at ? Math.max(0, Math.floor((now.getTime() - row.referred_at.getTime()) / DAY_MS)) : null,
    wrongNumber: row.wrong_number_at !== null,
    inWorkAdviserId: row.in_work_adviser_id,
    optedOut: row.opted_out,
    mutedStreams: row.muted_streams,
    consent: { contact: row.consent_contact, basis: row.consent_basis, at: iso(row.consent_at) },
    inWorkSince: row.in_work_since,
    createdAt: row.created_at.toISOString(),
  };
}

export function alertJson(row: AlertRow) {
  return {
    id: row.id,
    participantId: row.participant_id,
    type: row.type,
    priority: row.priority,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    data: row.data,
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    note: row.note,
    escalateAt: iso(row.escalate_at),
    escalatedAt: iso(row.escalated_at),
    escalationContacts: row.escalation_contacts,
  };
}

export function safeguardingPolicyJson(policy: StoredSafeguardingPolicy) {
  return {
    team: policy.team,
    escalateAfterMinutes: policy.escalateAfterMinutes,
    contacts: policy.contacts.map((c) => ({ name: c.name, phone: c.phone })),
    updatedAt: iso(policy.updatedAt),
    updatedBy: policy.updatedBy,
  };
}

export function eventJson(row: EventRow) {
  return {
    id: row.id,
    type: row.type,
    at: row.at.toISOString(),
    ...(row.appointment_id && { appointmentId: row.appointment_id }),
    data: row.data,
  };
}

export function outboxJson(row: MessageRow) {
  return {
    id: row.id,
    participantId: row.participant_id,
    channel: row.channel,
    to: row.phone,
    body: row.body,
    kind: row.kind,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}

export function appointmentJson(row: AppointmentRow, reminders: ReminderRow[]) {
  return {
    id: row.id,
    participantId: row.participant_id,
    version: row.version,
    title: row.title,
    location: row.location,
    startsAt: row.starts_at.toISOString(),
    mandatory: row.mandatory,
    status: row.status,
    attendance: row.attendance,
    reminderOffsets: row.reminder_offsets,
    reminders: reminders
      .filter((r) => r.version === row.version)
      .map((r) => ({ offset: r.offset, dueAt: r.due_at.toISOString(), sendAt: iso(r.send_at), status: r.status, reason: r.reason })),
  };
}

export function jobJson(row: JobStartRow, checkIns: CheckInRow[], now: Date, timeZone: string) {
  return {
    id: row.id,
    participantId: row.participant_id,
    startDate: row.start_date,
    employer: row.employer,
    hoursPerWeek: row.hours_per_week,
    status: row.status,
    weeksSinceStart: Math.max(0, weeksSinceStart(row.start_date, now, timeZone)),
    lastConfirmedInWorkAt: iso(row.last_confirmed_at),
    endedAt: iso(row.ended_at),
    checkIns: checkIns.map((c) => ({
      week: c.week,
      dueAt: c.due_at.toISOString(),
      sendAt: iso(c.send_at),
      status: c.status,
      reason: c.reason,
      asksStillInWork: c.asks_still_in_work,
    })),
  };
}

/** Pulse scores grouped by question, in the order the instruments list them, each with its latest change. */
export function confidenceJson(scores: ReadonlyArray<{ instrumentId: string; questionId: string; score: number; at: Date }>) {
  return PULSE_INSTRUMENTS.flatMap((instrument) =>
    instrument.questions.flatMap((question) => {
      const points = scores.filter((s) => s.instrumentId === instrument.id && s.questionId === question.id);
      if (points.length === 0) return [];
      return [
        {
          instrumentId: instrument.id,
          questionId: question.id,
          label: question.label,
          min: question.min,
          max: question.max,
          points: points.map((p) => ({ at: p.at.toISOString(), score: p.score })),
          ...scoreTrend(points),
        },
      ];
    }),
  );
}

export function campaignJson(row: CampaignRow, counts: CampaignCounts, now: Date) {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    instrumentId: row.instrument_id,
    team: row.team,
    status: campaignStatus({ status: row.status, startAt: row.start_at }, counts, now),
    startAt: row.start_at.toISOString(),
    ratePerMinute: row.rate_per_minute,
    createdAt: row.created_at.toISOString(),
    audience: row.audience,
    counts,
  };
}
