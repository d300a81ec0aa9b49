import type { ApiClient } from '../api-client.js';
import type { Job } from '../api-types.js';
import { h, replaceChildren } from '../dom.js';
import { formatDate, formatDateTime, localDateAndTime } from '../format.js';
import { errorsFromProblem, showErrors, type ShownError } from './form-errors.js';
import { button, inputField, textareaField } from './form-fields.js';
import { tag } from './tags.js';

export interface JobPanelOptions {
  api: ApiClient;
  participantId: string;
  participantName: string;
  onChanged: (message: string) => void;
}

/** Their job: when it started, how many weeks in, the check-ins planned; record a start, or that they left. */
export function jobPanel(options: JobPanelOptions): { element: HTMLElement; update: (job: Job | null | undefined) => void } {
  const element = h('section', { 'aria-labelledby': 'job-heading', 'data-job': '' });
  let shown = '';
  const update = (job: Job | null | undefined) => {
    // An API without in-work support has no `job` at all: then there is nothing to show or record.
    if (job === undefined) return replaceChildren(element);
    const key = JSON.stringify(job);
    if (key === shown) return;
    shown = key;
    const current = job && job.status === 'active' ? job : null;
    replaceChildren(
      element,
      h('h2', { class: 'govuk-heading-m', id: 'job-heading' }, 'Job'),
      current ? currentJob(current, options) : [job ? h('p', { class: 'govuk-body' }, `Left a job at ${job.employer ?? 'an employer'} (started ${formatDate(job.startDate)}).`) : h('p', { class: 'govuk-body app-muted' }, 'Not in work.'), jobStartForm(options)],
    );
  };
  return { element, update };
}

function currentJob(job: Job, options: JobPanelOptions): HTMLElement[] {
  const rows: Array<[string, string]> = [
    ['Employer', job.employer ?? 'Not given'],
    ['Started', formatDate(job.startDate)],
    ['Weeks in work', String(job.weeksSinceStart)],
    ['Hours a week', job.hoursPerWeek === null ? 'Not given' : String(job.hoursPerWeek)],
    ...(job.lastConfirmedInWorkAt ? [['Last said still in work', formatDateTime(job.lastConfirmedInWorkAt)] as [string, string]] : []),
  ];
  const upcoming = (job.checkIns ?? []).filter((c) => c.status === 'scheduled');
  const left = h('div');
  const leave = button('They have left this job', { type: 'button', variant: 'secondary' });
  leave.setAttribute('aria-expanded', 'false');
  leave.addEventListener('click', () => {
    const open = leave.getAttribute('aria-expanded') === 'true';
    leave.setAttribute('aria-expanded', String(!open));
    replaceChildren(left, open ? null : jobEndForm(options));
  });
  return [
    h('p', { class: 'app-tag-list' }, tag('In work', 'green')),
    h(
      'dl',
      { class: 'govuk-summary-list' },
      rows.map(([key, value]) => h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, key), h('dd', { class: 'govuk-summary-list__value' }, value))),
    ),
    upcoming.length > 0
      ? h(
          'div',
          null,
          h('h3', { class: 'govuk-heading-s' }, 'Check-ins planned'),
          h(
            'ul',
            { class: 'govuk-list' },
            upcoming.map((c) => h('li', null, `Week ${c.week}: ${formatDateTime(c.sendAt ?? c.dueAt)}${c.asksStillInWork ? ' (asks if still in work)' : ''}`)),
          ),
        )
      : h('p', { class: 'govuk-body' }, 'No more check-ins planned.'),
    leave,
    left,
  ];
}

function jobStartForm(options: JobPanelOptions): HTMLElement {
  const today = localDateAndTime(new Date().toISOString())[0];
  const start = inputField({ name: 'startDate', label: 'Start date', type: 'date', value: today, widthClass: 'govuk-input--width-10' });
  const employer = inputField({ name: 'employer', label: 'Employer (optional)', widthClass: 'govuk-!-width-full' });
  const hours = inputField({ name: 'hoursPerWeek', label: 'Hours a week (optional)', type: 'number', inputmode: 'numeric', widthClass: 'govuk-input--width-4' });
  const submit = button('Record job start');
  const form = h('form', { novalidate: true, 'data-form': 'job-start' }, start.group, employer.group, hours.group, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors: ShownError[] = [];
    if (!start.input.value) errors.push({ field: 'startDate', message: 'Enter the date they start or started' });
    const hoursValue = hours.input.value.trim() === '' ? undefined : Number(hours.input.value);
    if (hoursValue !== undefined && !(hoursValue > 0)) errors.push({ field: 'hoursPerWeek', message: 'Hours a week must be a number above 0' });
    if (errors.length > 0) return showErrors(form, errors);
    submit.disabled = true;
    try {
      await options.api.post(`/api/participants/${options.participantId}/job-start`, {
        startDate: start.input.value,
        ...(employer.input.value.trim() && { employer: employer.input.value.trim() }),
        ...(hoursValue !== undefined && { hoursPerWeek: hoursValue }),
      });
      options.onChanged(`Job start recorded for ${options.participantName}. In-work check-ins are planned from it.`);
    } catch (error) {
      showErrors(
        form,
        errorsFromProblem(error, {
          startDate: { field: 'startDate', label: 'Start date' },
          employer: { field: 'employer', label: 'Employer' },
          hoursPerWeek: { field: 'hoursPerWeek', label: 'Hours a week' },
        }),
      );
      submit.disabled = false;
    }
  });
  return h(
    'details',
    { class: 'govuk-details' },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'Record a job start')),
    h('div', { class: 'govuk-details__text' }, form),
  );
}

function jobEndForm(options: JobPanelOptions): HTMLFormElement {
  const reason = textareaField({ name: 'reason', label: 'What happened? (optional)', rows: 2 });
  const submit = button('Record that they left', { variant: 'warning' });
  const form = h('form', { class: 'app-inline-form', novalidate: true, 'data-form': 'job-end' }, h('p', { class: 'govuk-body' }, 'No more in-work check-ins will be sent for this job.'), reason.group, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const text = reason.input.value.trim();
      await options.api.post(`/api/participants/${options.participantId}/job-end`, text ? { reason: text } : {});
      options.onChanged(`Recorded: ${options.participantName} has left their job.`);
    } catch (error) {
      showErrors(form, errorsFromProblem(error, { reason: { field: 'reason', label: 'What happened' } }));
      submit.disabled = false;
    }
  });
  return form;
}
