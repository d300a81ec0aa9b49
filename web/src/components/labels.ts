import type { RecordEvent, StaffRole } from '../api-types.js';
import { EVENT_TITLES } from '../../../domain/case-record/event-titles.js';
import { formatDateTime } from '../format.js';

/** Plain-English names for what the API calls things, in the words key workers use. */

export const ROLE_LABELS: Record<StaffRole, string> = {
  key_worker: 'Key worker',
  in_work_team: 'In-work support',
  team_lead: 'Team lead',
  safeguarding_lead: 'Safeguarding lead',
  admin: 'Administrator',
};

/** "Priya Shah (Key worker, North)": a member of staff as menus and the header show them. */
export const staffDescription = (staff: { name: string; role: StaffRole; team: string | null }): string =>
  `${staff.name} (${ROLE_LABELS[staff.role]}${staff.team ? `, ${staff.team}` : ''})`;

export const ALERT_TITLES: Record<string, string> = {
  safeguarding: 'Safeguarding: possible risk of harm',
  dna_threshold: 'Missed several appointments',
  confidence_drop: 'Confidence has dropped',
  at_risk: 'Struggling in work',
  undeliverable: 'Messages cannot be delivered',
  cancel_requested: 'Cannot come to an appointment',
  rearrange_requested: 'Wants to rearrange an appointment',
  not_reached: 'Not reached',
  left_job: 'Has left their job',
  loop_detected: 'Automatic replies from their phone',
  wrong_number: 'Wrong number',
  referral_stalled: 'No first appointment since referral',
  message_for_key_worker: 'Message for you',
};

export const PRIORITY_NAMES = { urgent: 'Urgent', high: 'High', normal: 'Normal' } as const;
export const PRIORITY_TAGS = { urgent: 'govuk-tag--red', high: 'govuk-tag--orange', normal: 'govuk-tag--grey' } as const;

export function alertTitle(type: string): string {
  return ALERT_TITLES[type] ?? sentenceCase(type);
}

/** Delivery status of a message, as the thread shows it. */
export function messageStatusText(direction: 'inbound' | 'outbound', status: string): string {
  if (direction === 'inbound') return status === 'received' ? 'Received, being read by the bot' : 'Received';
  const names: Record<string, string> = {
    queued: 'Waiting to send',
    sending: 'Sending',
    accepted: 'Sent to the network',
    sent: 'Sent',
    delivered: 'Delivered',
    read: 'Read',
    undelivered: 'Not delivered',
    failed: 'Failed',
    suppressed: 'Not sent (held back)',
    unconfirmed: 'Not confirmed: check with the person',
  };
  return names[status] ?? sentenceCase(status);
}


export function eventTitle(event: RecordEvent): string {
  if (event.type === 'alert.raised' && typeof event.data.type === 'string') return `Alert: ${alertTitle(event.data.type)}`;
  if (event.type === 'alert.acknowledged' && typeof event.data.type === 'string') return `Alert acknowledged: ${alertTitle(event.data.type)}`;
  return EVENT_TITLES[event.type] ?? sentenceCase(event.type.replace(/[._]/g, ' '));
}

/** One line of detail for an event, when it has something a person would want to read. */
export function eventDetail(event: RecordEvent): string | undefined {
  const d = event.data;
  const text = (key: string) => (typeof d[key] === 'string' && d[key] ? (d[key] as string) : undefined);
  switch (event.type) {
    case 'message.inbound':
      return text('body') ? `“${text('body')}”` : undefined;
    case 'message.outbound': {
      // How it went when WhatsApp's 24 hours had passed: the approved template, or SMS instead.
      const how = text('whatsappTemplate') ? 'as the approved WhatsApp template' : text('insteadOf') === 'whatsapp' ? 'by SMS instead of WhatsApp' : undefined;
      return [text('body') ? `“${text('body')}”` : undefined, how].filter(Boolean).join(', ') || undefined;
    }
    case 'message.status':
      return text('status') ? messageStatusText('outbound', text('status') as string) : undefined;
    case 'appointment.created':
    case 'appointment.rescheduled': {
      const when = text('startsAt');
      return [text('title'), when ? formatDateTime(when) : undefined, text('location')].filter(Boolean).join(', ') || undefined;
    }
    case 'appointment.cancelled':
      return text('reason');
    case 'appointment.confirmed':
    case 'appointment.cancel_requested':
    case 'appointment.rearrange_requested':
      return text('reply') ? `“${text('reply')}”` : text('reason') ? `“${text('reason')}”` : undefined;
    case 'dna.reason':
      return [text('category') ? sentenceCase(text('category') as string) : undefined, text('text') ? `“${text('text')}”` : undefined]
        .filter(Boolean)
        .join(': ') || undefined;
    case 'alert.acknowledged':
      return text('note') ? `Note: ${text('note')}` : undefined;
    case 'contact.call_ahead': {
      const minutes = typeof d.inMinutes === 'number' ? d.inMinutes : undefined;
      const within = minutes === undefined ? '' : minutes === 1 ? ' within a minute' : ` within ${minutes} minutes`;
      const from = text('numberShown') ?? text('number');
      return `${text('byName') ?? 'Staff'} said they would ring${within}${from ? ` from ${from}` : ''}`;
    }
    default:
      return text('text') ? `“${text('text')}”` : undefined;
  }
}

export function sentenceCase(text: string): string {
  const spaced = text.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** What a safeguarding alert is about, in plain words; `abuse` is how alerts before the risk categories said it. */
export const RISK_CATEGORY_NAMES: Record<string, string> = {
  suicide: 'Suicide or wanting to end their life',
  self_harm: 'Self-harm',
  domestic_abuse: 'Domestic abuse',
  sexual_violence: 'Sexual violence',
  child_at_risk: 'A child at risk',
  exploitation: 'Modern slavery or exploitation',
  homeless_tonight: 'Nowhere safe to sleep tonight',
  violence: 'Violence',
  abuse: 'Abuse',
};

export function riskCategoryName(category: string): string {
  return RISK_CATEGORY_NAMES[category] ?? sentenceCase(category);
}
