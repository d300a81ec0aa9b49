/** Case-record event and alert vocabularies (CONTRACT.md). Extend, never rename. */
export const EVENT_TYPES = [
  'message.inbound',
  'message.outbound',
  'message.status',
  'reminder.sent',
  'appointment.created',
  'appointment.rescheduled',
  'appointment.cancelled',
  'appointment.confirmed',
  'appointment.cancel_requested',
  'appointment.rearrange_requested',
  'appointment.attended',
  'appointment.did_not_attend',
  'dna.reason',
  'checkin.response',
  'pulse.response',
  'consent.opted_out',
  'consent.opted_in',
  'alert.raised',
  'alert.acknowledged',
  'alert.escalated',
  'contact.welcome_sent',
  'contact.confirmed',
  'contact.wrong_number',
  'contact.not_reached',
  'contact.call_ahead',
  'participant.handover',
  'participant.created',
  'participant.updated',
  'participant.erased',
  'job.started',
  'job.left',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const ALERT_TYPES = [
  'safeguarding',
  'dna_threshold',
  'confidence_drop',
  'at_risk',
  'undeliverable',
  'cancel_requested',
  'rearrange_requested',
  'not_reached',
  'left_job',
  'loop_detected',
  'wrong_number',
  'referral_stalled',
  'message_for_key_worker',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const ALERT_PRIORITIES = ['urgent', 'high', 'normal'] as const;
export type AlertPriority = (typeof ALERT_PRIORITIES)[number];

/** Safeguarding comes first; everything else a key worker should see soon. */
export function priorityOf(type: AlertType): AlertPriority {
  if (type === 'safeguarding') return 'urgent';
  if (type === 'at_risk' || type === 'confidence_drop' || type === 'undeliverable' || type === 'wrong_number') {
    return 'high';
  }
  return 'normal';
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An event a dialog or worker wants on the case record. `key` makes it unique within its source. */
export interface EventDraft {
  type: EventType;
  key: string;
  appointmentId?: string;
  data: JsonObject;
}

export interface AlertDraft {
  type: AlertType;
  key: string;
  data: JsonObject;
  /** Raise at most once for this key across all sources (e.g. one loop alert a person a day). */
  onceKey?: string;
}
