import type { AlertRow, AppointmentRow, EventRow, MessageRow, ParticipantRow, ReminderRow } from '../../store/schema.js';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

const DAY_MS = 24 * 3600_000;

export function participantJson(row: ParticipantRow, now: Date) {
  return {
    id: row.id,
    firstName: row.first_name ?? '',
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
    inWorkSince: row.in_work_since ? row.in_work_since.toISOString().slice(0, 10) : null,
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
