import type { ApiClient } from '../api-client.js';
import type { Alert } from '../api-types.js';
import { h } from '../dom.js';
import { formatDateTime, formatRelative } from '../format.js';
import { errorsFromProblem, showErrors } from './form-errors.js';
import { button, textareaField } from './form-fields.js';
import { alertTitle, PRIORITY_NAMES, PRIORITY_TAGS, sentenceCase } from './labels.js';
import { safeguardingDetails } from './safeguarding-details.js';

/** Data worth showing beside the alert's own words; ids are for machines. */
const DETAIL_KEYS: Record<string, string> = {
  categories: 'Concern',
  matched: 'Words that raised it',
  reason: 'Reason',
  category: 'Reason',
  preferred: 'Would prefer',
  count: 'How many',
  missed: 'Missed',
  weeks: 'Weeks',
  score: 'Score',
  change: 'Change',
  error: 'Error',
  errorCode: 'Error code',
};

export interface AlertCardOptions {
  api: ApiClient;
  participantName?: string;
  /** Link the name to the participant page (not on that page itself). */
  linkParticipant?: boolean;
  headingLevel?: 'h2' | 'h3';
  onAcknowledged: (alert: Alert) => void;
}

/** One alert: what it is, who it is about, what they said, and (while open) acknowledge with a note. */
export function alertCard(alert: Alert, options: AlertCardOptions): HTMLElement {
  const name = options.participantName ?? 'Participant';
  const title = alertTitle(alert.type);
  const quote = typeof alert.data.text === 'string' ? alert.data.text : typeof alert.data.body === 'string' ? alert.data.body : undefined;
  const details = alert.type === 'safeguarding' ? safeguardingDetails(alert.data) : Object.entries(alert.data).flatMap(([key, value]) => {
    const label = DETAIL_KEYS[key];
    if (!label || value === null || value === undefined) return [];
    if (Array.isArray(value)) {
      const words = value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
      return words.length > 0 ? [[label, sentenceCase(words.join(', '))] as const] : [];
    }
    if (typeof value === 'object') return [];
    return [[label, typeof value === 'string' ? sentenceCase(value) : String(value)] as const];
  });
  const Heading = options.headingLevel ?? 'h2';
  return h(
    'article',
    { class: `app-alert app-alert--${alert.priority}`, 'data-alert-id': alert.id, 'data-alert-type': alert.type, 'aria-labelledby': `alert-${alert.id}-title` },
    h(
      Heading,
      { class: 'govuk-heading-m app-alert__title', id: `alert-${alert.id}-title` },
      h('strong', { class: `govuk-tag ${PRIORITY_TAGS[alert.priority]}` }, PRIORITY_NAMES[alert.priority]),
      ' ',
      title,
      h('span', { class: 'govuk-visually-hidden' }, ` about ${name}`),
    ),
    h(
      'p',
      { class: 'govuk-body govuk-!-margin-bottom-2' },
      options.linkParticipant ? h('a', { class: 'govuk-link', href: `/participants/${alert.participantId}` }, name) : h('strong', null, name),
      ` · raised ${formatRelative(alert.createdAt)} (`,
      h('time', { datetime: alert.createdAt }, formatDateTime(alert.createdAt)),
      ')',
    ),
    escalationNote(alert),
    quote ? h('blockquote', { class: 'app-alert__quote' }, quote) : null,
    details.length > 0
      ? h(
          'dl',
          { class: 'govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-3' },
          details.map(([label, value]) =>
            h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, label), h('dd', { class: 'govuk-summary-list__value' }, value)),
          ),
        )
      : null,
    alert.type === 'safeguarding' && alert.status === 'open'
      ? h(
          'div',
          { class: 'govuk-warning-text' },
          h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
          h(
            'strong',
            { class: 'govuk-warning-text__text' },
            h('span', { class: 'govuk-visually-hidden' }, 'Warning'),
            'They were sent the helplines for this concern (see their conversation). Follow your safeguarding procedure today.',
          ),
        )
      : null,
    alert.status === 'open' ? acknowledgeForm(alert, title, name, options) : acknowledged(alert),
  );
}

function acknowledgeForm(alert: Alert, title: string, name: string, options: AlertCardOptions): HTMLFormElement {
  const note = textareaField({ name: 'note', label: 'Note (optional)', hint: 'What you did or will do. It goes on the case record.', rows: 2 });
  const submit = button('Acknowledge');
  submit.append(h('span', { class: 'govuk-visually-hidden' }, ` ${title} about ${name}`));
  const form = h('form', { novalidate: true, 'data-ack-form': alert.id }, note.group, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const text = note.input.value.trim();
      const updated = await options.api.post<Alert>(`/api/alerts/${alert.id}/ack`, text ? { note: text } : {});
      options.onAcknowledged(updated);
    } catch (error) {
      showErrors(form, errorsFromProblem(error, { note: { field: 'note', label: 'Note' } }));
      submit.disabled = false;
    }
  });
  return form;
}

function acknowledged(alert: Alert): HTMLElement {
  return h(
    'p',
    { class: 'govuk-body' },
    h('strong', { class: 'govuk-tag govuk-tag--green' }, 'Acknowledged'),
    alert.acknowledgedAt ? ` ${formatDateTime(alert.acknowledgedAt)}` : '',
    alert.note ? h('span', { class: 'govuk-!-display-block govuk-!-margin-top-2' }, `Note: ${alert.note}`) : null,
  );
}

/** Whether the team's safeguarding contacts were (or will be) texted because nobody acknowledged it in time. */
function escalationNote(alert: Alert): HTMLElement | null {
  if (alert.escalatedAt) {
    const minutes = alert.escalateAt ? Math.round((Date.parse(alert.escalateAt) - Date.parse(alert.createdAt)) / 60_000) : undefined;
    const contacts = alert.escalationContacts ?? 0;
    const late = minutes === undefined ? 'Nobody acknowledged it in time' : `Nobody acknowledged it within ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
    const outcome =
      contacts > 0
        ? `, so ${contacts} safeguarding ${contacts === 1 ? 'contact was' : 'contacts were'} texted`
        : ', and the team has no safeguarding contacts set, so nobody was texted';
    return h(
      'p',
      { class: 'govuk-body', 'data-escalated': String(contacts) },
      h('strong', { class: 'govuk-tag govuk-tag--orange' }, 'Escalated'),
      ` ${late}${outcome} (`,
      h('time', { datetime: alert.escalatedAt }, formatDateTime(alert.escalatedAt)),
      ').',
    );
  }
  if (alert.status === 'open' && alert.escalateAt) {
    return h('p', { class: 'govuk-body', 'data-escalates': '' }, 'If nobody acknowledges it, the team’s safeguarding contacts are texted at ', h('time', { datetime: alert.escalateAt }, formatDateTime(alert.escalateAt)), '.');
  }
  return null;
}
