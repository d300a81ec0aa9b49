import type { CaseloadEntry } from '../api-types.js';
import { errorsFromProblem, showErrors } from '../components/form-errors.js';
import { button, checkboxField, inputField, radiosField, selectField } from '../components/form-fields.js';
import { participantTags, tag } from '../components/tags.js';
import { h, replaceChildren } from '../dom.js';
import { formatDateTime, formatRelative } from '../format.js';
import type { Page, PageContext } from '../page.js';

const SHOW = [
  { value: 'all', text: 'Everyone' },
  { value: 'alerts', text: 'With open alerts' },
  { value: 'no_appointment', text: 'No appointment booked' },
  { value: 'in_work', text: 'In work' },
  { value: 'opted_out', text: 'Opted out' },
];
const SORT = [
  { value: 'attention', text: 'Needs attention first' },
  { value: 'name', text: 'Name' },
  { value: 'next_appointment', text: 'Next appointment' },
];

/** The caseload: each person's next appointment, last reply, open alerts and opt-out state; search and filter. */
export async function caseloadPage(context: PageContext): Promise<Page> {
  const { api, query } = context;
  const search = inputField({ name: 'q', label: 'Search by name or number', type: 'search', value: query.get('q') ?? '', widthClass: 'govuk-input--width-20', spellcheck: false });
  const show = selectField({ name: 'show', label: 'Show', options: SHOW, value: query.get('show') ?? 'all' });
  const sort = selectField({ name: 'sort', label: 'Sort by', options: SORT, value: query.get('sort') ?? 'attention' });
  const apply = button('Search', { variant: 'secondary' });
  const filters = h('form', { class: 'app-filters', role: 'search', 'aria-label': 'Caseload', novalidate: true }, search.group, show.group, sort.group, h('div', { class: 'govuk-form-group' }, apply));
  const status = h('p', { class: 'govuk-body', role: 'status', 'data-caseload-status': '' });
  const results = h('div', { 'data-caseload': '' });

  const load = async () => {
    const params = new URLSearchParams();
    if (search.input.value.trim()) params.set('q', search.input.value.trim());
    if (show.input.value !== 'all') params.set('show', show.input.value);
    if (sort.input.value !== 'attention') params.set('sort', sort.input.value);
    history.replaceState(history.state, '', `/caseload${params.size > 0 ? `?${params}` : ''}${location.hash}`);
    const entries = await api.get<CaseloadEntry[]>(`/api/caseload?${params}`);
    status.textContent = `${entries.length} ${entries.length === 1 ? 'person' : 'people'}${params.has('q') || params.has('show') ? ' match' : ' in your caseload'}`;
    replaceChildren(results, entries.length > 0 ? caseloadTable(entries) : h('p', { class: 'govuk-body' }, params.size > 0 ? 'No one matches. Try a different search or filter.' : 'No one is in your caseload yet. Add someone below.'));
  };
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  show.input.addEventListener('change', () => void load());
  sort.input.addEventListener('change', () => void load());
  let typing: ReturnType<typeof setTimeout> | undefined;
  search.input.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => void load(), 300);
  });
  await load();

  return {
    title: 'Caseload',
    content: h(
      'div',
      null,
      h('h1', { class: 'govuk-heading-l' }, 'Caseload'),
      filters,
      status,
      results,
      addParticipant(context),
    ),
    dispose: () => clearTimeout(typing),
  };
}

function caseloadTable(entries: CaseloadEntry[]): HTMLElement {
  return h(
    'table',
    { class: 'govuk-table app-responsive-table' },
    h('caption', { class: 'govuk-table__caption govuk-visually-hidden' }, 'Participants'),
    h(
      'thead',
      { class: 'govuk-table__head' },
      h(
        'tr',
        { class: 'govuk-table__row' },
        ['Name', 'Next appointment', 'Last reply', 'Open alerts'].map((text) => h('th', { scope: 'col', class: 'govuk-table__header' }, text)),
      ),
    ),
    h(
      'tbody',
      { class: 'govuk-table__body' },
      entries.map((e) =>
        h(
          'tr',
          { class: 'govuk-table__row', 'data-participant-id': e.id },
          h(
            'td',
            { class: 'govuk-table__cell' },
            h('a', { class: 'govuk-link govuk-!-font-weight-bold', href: `/participants/${e.id}` }, e.firstName || 'Erased'),
            h('span', { class: 'govuk-!-display-block app-muted' }, `${e.phone} · ${e.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'}`),
            h('span', { class: 'app-tag-list' }, participantTags(e)),
          ),
          h(
            'td',
            { class: 'govuk-table__cell', 'data-label': 'Next appointment' },
            e.nextAppointment
              ? [h('span', { class: 'govuk-!-display-block' }, formatDateTime(e.nextAppointment.startsAt)), h('span', { class: 'app-muted' }, e.nextAppointment.title)]
              : h('span', { class: 'app-muted' }, 'None booked'),
          ),
          h(
            'td',
            { class: 'govuk-table__cell', 'data-label': 'Last reply' },
            e.lastReply
              ? [
                  h('span', { class: 'govuk-!-display-block' }, formatRelative(e.lastReply.at)),
                  e.lastReply.body ? h('span', { class: 'app-muted' }, `“${excerpt(e.lastReply.body)}”`) : null,
                ]
              : h('span', { class: 'app-muted' }, 'No reply yet'),
          ),
          h(
            'td',
            { class: 'govuk-table__cell', 'data-label': 'Open alerts' },
            e.urgentAlerts > 0 ? tag(`${e.urgentAlerts} urgent`, 'red') : null,
            e.openAlerts - e.urgentAlerts > 0 ? [' ', tag(`${e.openAlerts - e.urgentAlerts} open`, 'orange')] : null,
            e.openAlerts === 0 ? h('span', { class: 'app-muted' }, 'None') : null,
          ),
        ),
      ),
    ),
  );
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text;
}

/** Add someone who has agreed to be texted (no consent, no participant: there is no cold outreach). */
function addParticipant({ api, navigate, flash }: PageContext): HTMLElement {
  const name = inputField({ name: 'firstName', label: 'First name', autocomplete: 'off', widthClass: 'govuk-input--width-20', spellcheck: false });
  const phone = inputField({ name: 'phone', label: 'Mobile number', hint: 'For example, 07700 900123', type: 'tel', autocomplete: 'off', widthClass: 'govuk-input--width-20' });
  const channel = radiosField({
    name: 'channel',
    label: 'How do they want to get messages?',
    options: [
      { value: 'sms', text: 'Text message (SMS)' },
      { value: 'whatsapp', text: 'WhatsApp' },
    ],
    value: 'sms',
    inline: true,
  });
  const language = radiosField({
    name: 'language',
    label: 'Which language should messages be in?',
    options: [
      { value: 'en', text: 'English' },
      { value: 'cy', text: 'Cymraeg (Welsh)' },
    ],
    value: 'en',
    inline: true,
  });
  const consent = checkboxField({ name: 'consent', label: 'They have agreed to be contacted by text message' });
  const confirmed = checkboxField({
    name: 'contactConfirmed',
    label: 'I have already checked this number with them in person',
    hint: 'If you have not, they get a welcome message asking them to reply YES.',
  });
  const submit = button('Add participant');
  const form = h('form', { novalidate: true, 'data-form': 'add-participant' }, name.group, phone.group, channel.group, language.group, consent.group, confirmed.group, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors = [
      ...(name.input.value.trim() ? [] : [{ field: 'firstName', message: 'Enter their first name' }]),
      ...(phone.input.value.trim() ? [] : [{ field: 'phone', message: 'Enter their mobile number' }]),
      ...(consent.input.checked ? [] : [{ field: 'consent', message: 'Only add people who have agreed to be contacted by text' }]),
    ];
    if (errors.length > 0) {
      showErrors(form, errors);
      return;
    }
    submit.disabled = true;
    try {
      const created = await api.post<{ id: string; firstName: string }>('/api/participants', {
        firstName: name.input.value.trim(),
        phone: phone.input.value.trim(),
        channel: channel.value(),
        language: language.value(),
        consent: { contact: true },
        contactConfirmed: confirmed.input.checked,
      });
      flash(`${created.firstName} has been added.`);
      navigate(`/participants/${created.id}`);
    } catch (error) {
      showErrors(
        form,
        errorsFromProblem(error, {
          firstName: { field: 'firstName', label: 'First name' },
          phone: { field: 'phone', label: 'The mobile number' },
          channel: { field: 'channel', label: 'Channel' },
          language: { field: 'language', label: 'Language' },
        }),
      );
      submit.disabled = false;
    }
  });
  return h(
    'details',
    { class: 'govuk-details govuk-!-margin-top-6' },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'Add a participant')),
    h('div', { class: 'govuk-details__text' }, form),
  );
}
