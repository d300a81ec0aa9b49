import { ApiProblem } from '../api-client.js';
import type { Campaign, CampaignCounts, CaseloadEntry, PulseInstrument } from '../api-types.js';
import { errorsFromProblem, showErrors, type ShownError } from '../components/form-errors.js';
import { button, checkboxesField, inputField, radiosField, selectField } from '../components/form-fields.js';
import { tag, type TagColour } from '../components/tags.js';
import { h, replaceChildren } from '../dom.js';
import { formatDateTime, zonedDateTimeToIso } from '../format.js';
import { poll, type Page, type PageContext } from '../page.js';

const REFRESH_MS = 2_000;

const STATUS: Record<Campaign['status'], { text: string; colour: TagColour }> = {
  scheduled: { text: 'Scheduled', colour: 'purple' },
  running: { text: 'Running', colour: 'teal' },
  paused: { text: 'Paused', colour: 'yellow' },
  cancelled: { text: 'Cancelled', colour: 'grey' },
  completed: { text: 'Completed', colour: 'green' },
};

const COUNT_NAMES: Array<[keyof CampaignCounts, string]> = [
  ['targeted', 'People'],
  ['pending', 'Waiting to send'],
  ['sent', 'Sent'],
  ['delivered', 'Delivered'],
  ['responded', 'Replied'],
  ['failed', 'Failed'],
  ['optedOut', 'Opted out'],
  ['skipped', 'Skipped'],
  ['cancelled', 'Cancelled'],
];

const CREATE_FIELDS = {
  name: { field: 'name', label: 'Name' },
  type: { field: 'type', label: 'Type' },
  instrumentId: { field: 'instrumentId', label: 'Questions' },
  participantIds: { field: 'participantIds', label: 'People' },
  filter: { field: 'audience', label: 'Who' },
  'filter.weeksSinceStart': { field: 'weeksMin', label: 'Weeks in work' },
  startAt: { field: 'startDate', label: 'Start' },
  ratePerMinute: { field: 'ratePerMinute', label: 'Messages a minute' },
};

/** In-work check-in and confidence-pulse campaigns: create, watch progress, pause, resume, cancel, export. */
export async function campaignsPage(context: PageContext): Promise<Page> {
  const { api } = context;
  let instruments: PulseInstrument[];
  try {
    instruments = await api.get<PulseInstrument[]>('/api/pulse-instruments');
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) {
      return {
        title: 'Campaigns',
        content: h('div', null, h('h1', { class: 'govuk-heading-l' }, 'Campaigns'), h('p', { class: 'govuk-body' }, 'This server does not run campaigns yet.')),
      };
    }
    throw error;
  }
  const people = await api.get<CaseloadEntry[]>('/api/caseload?show=in_work&sort=name&limit=1000');
  const list = h('div', { 'data-campaigns': '' });
  const status = h('div', { role: 'status' });
  let campaigns: Campaign[] = [];

  // The list carries each campaign's live counts; it is read again every few seconds while any is under way.
  const load = async () => {
    campaigns = await api.get<Campaign[]>('/api/campaigns');
    renderList(campaigns);
  };

  let shown = '';
  const renderList = (campaigns: Campaign[]) => {
    const key = JSON.stringify(campaigns);
    if (key === shown) return;
    shown = key;
    const sorted = [...campaigns].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    replaceChildren(
      list,
      sorted.length > 0
        ? sorted.map((c) => campaignCard(c, instruments, async (action) => {
            try {
              const updated = await api.post<Campaign>(`/api/campaigns/${c.id}/${action}`);
              replaceChildren(status, h('div', { class: 'govuk-inset-text' }, `${c.name}: ${STATUS[updated.status]?.text.toLowerCase() ?? updated.status}.`));
              await load();
            } catch (error) {
              replaceChildren(status, h('p', { class: 'govuk-error-message' }, errorsFromProblem(error)[0]?.message ?? 'That did not work'));
            }
          }))
        : h('p', { class: 'govuk-body' }, 'No campaigns yet.'),
    );
  };

  await load();
  const stop = poll(async () => {
    if (campaigns.some(isLive)) await load();
  }, REFRESH_MS);

  const form = createForm(context, instruments, people, async (created) => {
    replaceChildren(status, h('div', { class: 'govuk-inset-text' }, `Campaign “${created.name}” created. Progress shows below.`));
    await load();
    list.querySelector<HTMLElement>(`[data-campaign-id="${created.id}"] h3`)?.focus();
  });

  return {
    title: 'Campaigns',
    content: h(
      'div',
      null,
      h('h1', { class: 'govuk-heading-l' }, 'Campaigns'),
      h('p', { class: 'govuk-body' }, 'Check in with people in work, or ask confidence questions, at a steady rate. Replies land on each person’s case record.'),
      status,
      h('div', { class: 'govuk-grid-row' }, h('section', { class: 'govuk-grid-column-full', 'aria-labelledby': 'campaign-list-heading' }, h('h2', { class: 'govuk-heading-m', id: 'campaign-list-heading' }, 'Your campaigns'), list)),
      h('section', { class: 'govuk-!-margin-top-6', 'aria-labelledby': 'create-heading' }, h('h2', { class: 'govuk-heading-m', id: 'create-heading' }, 'Start a campaign'), form),
    ),
    dispose: stop,
  };
}

function isLive(c: Campaign): boolean {
  return c.status === 'scheduled' || c.status === 'running';
}

function campaignCard(c: Campaign, instruments: PulseInstrument[], act: (action: 'pause' | 'resume' | 'cancel') => Promise<void>): HTMLElement {
  const counts = c.counts ?? {};
  const targeted = counts.targeted ?? 0;
  const state = STATUS[c.status] ?? { text: c.status, colour: 'grey' as const };
  const instrument = instruments.find((i) => i.id === c.instrumentId);
  const hidden = h('span', { class: 'govuk-visually-hidden' }, ` ${c.name}`);
  const actions = h('div', { class: 'govuk-button-group' });
  const confirm = h('div');
  const act$ = (action: 'pause' | 'resume' | 'cancel', b: HTMLButtonElement) => {
    b.addEventListener('click', async () => {
      b.disabled = true;
      await act(action);
      b.disabled = false;
    });
    return b;
  };
  if (c.status === 'running' || c.status === 'scheduled') actions.append(act$('pause', withHidden(button('Pause', { type: 'button', variant: 'secondary' }), hidden)));
  if (c.status === 'paused') actions.append(act$('resume', withHidden(button('Resume', { type: 'button', variant: 'secondary' }), hidden)));
  if (c.status !== 'cancelled' && c.status !== 'completed') {
    const cancel = withHidden(button('Cancel campaign', { type: 'button', variant: 'warning' }), hidden.cloneNode(true));
    cancel.setAttribute('aria-expanded', 'false');
    cancel.addEventListener('click', () => {
      const open = cancel.getAttribute('aria-expanded') === 'true';
      cancel.setAttribute('aria-expanded', String(!open));
      replaceChildren(
        confirm,
        open
          ? null
          : h(
              'div',
              { class: 'app-inline-form' },
              h('p', { class: 'govuk-body' }, `Nobody still waiting will get a message from “${c.name}”. This cannot be undone.`),
              act$('cancel', button('Yes, cancel it', { type: 'button', variant: 'warning' })),
            ),
      );
    });
    actions.append(cancel);
  }
  actions.append(h('a', { class: 'govuk-link', href: `/api/campaigns/${c.id}/responses.csv`, download: `campaign-${c.id}-responses.csv` }, 'Download responses (CSV)', hidden.cloneNode(true)));

  return h(
    'article',
    { class: 'app-campaign', 'data-campaign-id': c.id, 'data-status': c.status, 'aria-labelledby': `campaign-${c.id}` },
    h('h3', { class: 'govuk-heading-m app-campaign__title', id: `campaign-${c.id}`, tabindex: '-1' }, c.name, ' ', tag(state.text, state.colour)),
    h(
      'p',
      { class: 'govuk-body' },
      c.type === 'pulse' ? `Confidence questions${instrument ? `: ${instrument.name}` : ''}` : 'In-work check-in',
      ` · ${new Date(c.startAt).getTime() > Date.now() ? (c.status === 'cancelled' ? 'was to start' : 'starts') : 'started'} ${formatDateTime(c.startAt)} · up to ${c.ratePerMinute} messages a minute`,
    ),
    progress('Sent', counts.sent ?? 0, targeted, 'sent'),
    progress('Replied', counts.responded ?? 0, targeted, 'responded'),
    skippedBecause(counts.skippedBecause),
    h(
      'dl',
      { class: 'govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-3' },
      COUNT_NAMES.filter(([key]) => counts[key] !== undefined && (counts[key] !== 0 || key === 'targeted')).map(([key, label]) =>
        h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, label), h('dd', { class: 'govuk-summary-list__value', 'data-count': key }, String(counts[key]))),
      ),
    ),
    actions,
    confirm,
  );
}

function skippedBecause(reasons: Record<string, number> | undefined): HTMLElement | null {
  const entries = Object.entries(reasons ?? {}).filter(([, n]) => n > 0);
  if (entries.length === 0) return null;
  return h('p', { class: 'govuk-body-s' }, `Skipped: ${entries.map(([reason, n]) => `${n} ${reason.replace(/_/g, ' ')}`).join(', ')}.`);
}

function withHidden(b: HTMLButtonElement, hidden: Node): HTMLButtonElement {
  b.append(hidden);
  return b;
}

/** A labelled progress bar: a native <progress>, so assistive technology reads its value. */
function progress(label: string, value: number, max: number, kind: 'sent' | 'responded'): HTMLElement {
  const id = `progress-${kind}-${Math.random().toString(36).slice(2)}`;
  const percent = max > 0 ? Math.round((value / max) * 100) : 0;
  return h(
    'div',
    { class: 'app-progress' },
    h('div', { class: 'app-progress__label' }, h('label', { for: id }, label), h('span', null, `${value} of ${max} (${percent}%)`)),
    h('progress', { id, class: `app-progress__bar app-progress__bar--${kind}`, max: Math.max(max, 1), value: Math.min(value, Math.max(max, 1)), 'data-progress': kind }, `${percent}%`),
  );
}

function createForm(context: PageContext, instruments: PulseInstrument[], people: CaseloadEntry[], onCreated: (c: Campaign) => Promise<void>): HTMLFormElement {
  const { api, session } = context;
  const name = inputField({ name: 'name', label: 'Name', hint: 'So you can find it later, for example: Week 4 check-in, March starters', widthClass: 'govuk-!-width-two-thirds' });
  const type = radiosField({
    name: 'type',
    label: 'What should it ask?',
    options: [
      { value: 'check_in', text: 'In-work check-in', hint: 'How are they getting on, and do they want a call?' },
      { value: 'pulse', text: 'Confidence questions', hint: 'A few questions scored on a scale, shown as a chart on each person’s page.' },
    ],
    value: 'check_in',
  });
  const instrument = selectField({
    name: 'instrumentId',
    label: 'Which questions?',
    options: instruments.map((i) => ({ value: i.id, text: `${i.name} (${i.questions.length} ${i.questions.length === 1 ? 'question' : 'questions'})` })),
  });
  const audience = radiosField({
    name: 'audience',
    label: 'Who should get it?',
    options: [
      { value: 'in_work', text: session.staff.team ? `Everyone in work in ${session.staff.team}` : 'Everyone in work' },
      { value: 'weeks', text: 'People a number of weeks into their job' },
      ...(people.length > 0 ? [{ value: 'chosen', text: 'People I choose' }] : []),
    ],
    value: 'in_work',
  });
  const weeksMin = inputField({ name: 'weeksMin', label: 'From week', type: 'number', inputmode: 'numeric', widthClass: 'govuk-input--width-3' });
  const weeksMax = inputField({ name: 'weeksMax', label: 'To week', type: 'number', inputmode: 'numeric', widthClass: 'govuk-input--width-3' });
  const chosen = checkboxesField({ name: 'participantIds', label: 'Choose people', options: people.map((p) => ({ value: p.id, text: p.firstName, hint: p.phone })) });
  const start = radiosField({
    name: 'start',
    label: 'When should it start?',
    options: [
      { value: 'now', text: 'Now' },
      { value: 'later', text: 'Later' },
    ],
    value: 'now',
    inline: true,
  });
  const startDate = inputField({ name: 'startDate', label: 'Date', type: 'date', widthClass: 'govuk-input--width-10' });
  const startTime = inputField({ name: 'startTime', label: 'Time', hint: 'UK time. Quiet hours still apply.', type: 'time', widthClass: 'govuk-input--width-10' });
  const rate = inputField({ name: 'ratePerMinute', label: 'Messages a minute, at most', hint: 'A steady rate keeps replies manageable.', type: 'number', inputmode: 'numeric', value: '60', widthClass: 'govuk-input--width-4' });
  const weeksGroup = h('div', { class: 'govuk-radios__conditional' }, weeksMin.group, weeksMax.group);
  const chosenGroup = h('div', { class: 'govuk-radios__conditional' }, chosen.group);
  const laterGroup = h('div', { class: 'govuk-radios__conditional' }, startDate.group, startTime.group);
  const submit = button('Start campaign');
  const form = h('form', { novalidate: true, 'data-form': 'create-campaign' }, name.group, type.group, instrument.group, audience.group, weeksGroup, chosenGroup, start.group, laterGroup, rate.group, submit);

  const sync = () => {
    instrument.group.hidden = type.value() !== 'pulse' || instruments.length === 0;
    weeksGroup.hidden = audience.value() !== 'weeks';
    chosenGroup.hidden = audience.value() !== 'chosen';
    laterGroup.hidden = start.value() !== 'later';
  };
  for (const input of [...type.inputs, ...audience.inputs, ...start.inputs]) input.addEventListener('change', sync);
  sync();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors: ShownError[] = [];
    if (!name.input.value.trim()) errors.push({ field: 'name', message: 'Enter a name for the campaign' });
    if (type.value() === 'pulse' && instruments.length === 0) errors.push({ field: 'type', message: 'There are no confidence questions on this server' });
    const weeks = (input: HTMLInputElement) => (input.value.trim() === '' ? undefined : Number(input.value));
    const filter =
      audience.value() === 'in_work'
        ? { inWork: true as const, ...(session.staff.team && { team: session.staff.team }) }
        : audience.value() === 'weeks'
          ? {
              inWork: true as const,
              ...(session.staff.team && { team: session.staff.team }),
              weeksSinceStart: { ...(weeks(weeksMin.input) !== undefined && { min: weeks(weeksMin.input) }), ...(weeks(weeksMax.input) !== undefined && { max: weeks(weeksMax.input) }) },
            }
          : undefined;
    if (audience.value() === 'weeks' && weeks(weeksMin.input) === undefined && weeks(weeksMax.input) === undefined) {
      errors.push({ field: 'weeksMin', message: 'Enter the first week, the last week, or both' });
    }
    const participantIds = audience.value() === 'chosen' ? chosen.values() : undefined;
    if (participantIds && participantIds.length === 0) errors.push({ field: 'participantIds', message: 'Choose at least one person' });
    let startAt: string | undefined;
    if (start.value() === 'later') {
      startAt = startDate.input.value && startTime.input.value ? (zonedDateTimeToIso(startDate.input.value, startTime.input.value.slice(0, 5)) ?? undefined) : undefined;
      if (!startAt) errors.push({ field: 'startDate', message: 'Enter the date and time to start' });
    }
    const ratePerMinute = Number(rate.input.value);
    if (!Number.isInteger(ratePerMinute) || ratePerMinute < 1) errors.push({ field: 'ratePerMinute', message: 'Enter a whole number of messages a minute, 1 or more' });
    if (errors.length > 0) {
      showErrors(form, errors);
      return;
    }
    submit.disabled = true;
    try {
      const created = await api.post<Campaign>('/api/campaigns', {
        name: name.input.value.trim(),
        type: type.value(),
        ...(type.value() === 'pulse' && { instrumentId: instrument.input.value }),
        ...(participantIds && { participantIds }),
        ...(filter && { filter }),
        ...(startAt && { startAt }),
        ratePerMinute,
      });
      form.reset();
      sync();
      showErrors(form, []);
      await onCreated(created);
    } catch (error) {
      showErrors(form, errorsFromProblem(error, CREATE_FIELDS));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
