import type { ApiClient } from '../api-client.js';
import type { Appointment } from '../api-types.js';
import { h, replaceChildren } from '../dom.js';
import { durationToWords, formatDateTime, localDateAndTime, wordsToDuration, zonedDateTimeToIso } from '../format.js';
import { errorsFromProblem, showErrors, type FieldMap, type ShownError } from './form-errors.js';
import { button, inputField, radiosField, textareaField } from './form-fields.js';
import { tag } from './tags.js';

const APPOINTMENT_FIELDS: FieldMap = {
  title: { field: 'title', label: 'What the appointment is' },
  startsAt: { field: 'date', label: 'The date and time' },
  location: { field: 'location', label: 'Where' },
  mandatory: { field: 'mandatory', label: 'Mandatory' },
  reminderOffsets: { field: 'reminders', label: 'Reminders' },
  reason: { field: 'reason', label: 'Reason' },
};

const ATTENDANCE_FROM_MS = 12 * 3600_000;

export interface AppointmentsOptions {
  api: ApiClient;
  participantId: string;
  participantName: string;
  /** Called after any change, so the page can refresh the record and announce what happened. */
  onChanged: (message: string) => void;
}

/** Book, change, cancel, and record attendance: everything about one person's appointments. */
export function appointmentsSection(options: AppointmentsOptions): { element: HTMLElement; update: (appointments: Appointment[]) => void } {
  const list = h('div', { 'data-appointments': '' });
  const update = (appointments: Appointment[]) => {
    const now = Date.now();
    const upcoming = appointments.filter((a) => new Date(a.startsAt).getTime() >= now && a.status === 'scheduled');
    const rest = appointments.filter((a) => !upcoming.includes(a)).reverse();
    replaceChildren(
      list,
      h('h3', { class: 'govuk-heading-s' }, 'Coming up'),
      upcoming.length > 0 ? upcoming.map((a) => appointmentCard(a, options)) : h('p', { class: 'govuk-body app-muted' }, 'Nothing booked.'),
      rest.length > 0 ? [h('h3', { class: 'govuk-heading-s' }, 'Past and cancelled'), rest.map((a) => appointmentCard(a, options))] : null,
    );
  };
  const element = h(
    'section',
    { 'aria-labelledby': 'appointments-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'appointments-heading' }, 'Appointments'),
    list,
    bookForm(options),
  );
  return { element, update };
}

function appointmentCard(a: Appointment, options: AppointmentsOptions): HTMLElement {
  const past = new Date(a.startsAt).getTime() < Date.now();
  // Attendance is recorded on the day: from 12 hours before the start, and any time after.
  const canRecordAttendance = a.status === 'scheduled' && a.attendance === null && new Date(a.startsAt).getTime() - Date.now() < ATTENDANCE_FROM_MS;
  const actions = h('div', { class: 'govuk-button-group govuk-!-margin-bottom-0' });
  const forms = h('div');
  const label = `${a.title}, ${formatDateTime(a.startsAt)}`;
  const hidden = (text: string) => h('span', { class: 'govuk-visually-hidden' }, ` ${text}`);

  if (canRecordAttendance) {
    const attended = button('Attended', { type: 'button', variant: 'secondary' });
    attended.append(hidden(label));
    const missed = button('Did not attend', { type: 'button', variant: 'secondary' });
    missed.append(hidden(label));
    const record = (outcome: 'attended' | 'did_not_attend') => async () => {
      attended.disabled = missed.disabled = true;
      try {
        await options.api.post(`/api/appointments/${a.id}/attendance`, { outcome });
        options.onChanged(outcome === 'attended' ? `Recorded: ${options.participantName} attended.` : `Recorded: ${options.participantName} did not attend. The bot will ask what got in the way.`);
      } catch (error) {
        attended.disabled = missed.disabled = false;
        replaceChildren(forms, problem(error));
      }
    };
    attended.addEventListener('click', record('attended'));
    missed.addEventListener('click', record('did_not_attend'));
    actions.append(attended, missed);
  }
  if (a.status === 'scheduled' && !past) {
    const change = button('Change', { type: 'button', variant: 'secondary' });
    change.append(hidden(label));
    change.setAttribute('aria-expanded', 'false');
    change.addEventListener('click', () => toggle(change, forms, () => rescheduleForm(a, options)));
    const cancel = button('Cancel appointment', { type: 'button', variant: 'warning' });
    cancel.append(hidden(label));
    cancel.setAttribute('aria-expanded', 'false');
    cancel.addEventListener('click', () => toggle(cancel, forms, () => cancelForm(a, options)));
    actions.append(change, cancel);
  }

  const reminders = a.reminders.filter((r) => r.status !== 'superseded');
  return h(
    'div',
    { class: `app-appointment${past || a.status === 'cancelled' ? ' app-appointment--past' : ''}`, 'data-appointment-id': a.id },
    h('h4', { class: 'govuk-heading-s app-appointment__title' }, a.title),
    h(
      'p',
      { class: 'govuk-body govuk-!-margin-bottom-2' },
      h('time', { datetime: a.startsAt }, formatDateTime(a.startsAt)),
      a.location ? ` · ${a.location}` : '',
      ' · ',
      a.mandatory ? 'Mandatory' : 'Voluntary',
    ),
    h(
      'p',
      { class: 'app-tag-list govuk-!-margin-bottom-2' },
      a.status === 'cancelled' ? tag('Cancelled', 'grey') : null,
      a.attendance === 'attended' ? tag('Attended', 'green') : null,
      a.attendance === 'did_not_attend' ? tag('Did not attend', 'red') : null,
      a.status === 'scheduled' && a.attendance === null ? tag(past ? 'Attendance not recorded' : 'Booked', past ? 'yellow' : 'teal') : null,
    ),
    reminders.length > 0
      ? h(
          'p',
          { class: 'govuk-body-s govuk-!-margin-bottom-2' },
          'Reminders: ',
          reminders
            .map((r) => `${r.offset === 'now' ? 'When booked' : `${durationToWords(r.offset)} before`} (${r.status === 'scheduled' && r.sendAt ? `at ${formatDateTime(r.sendAt)}` : r.status}${r.reason ? `, ${r.reason.replace(/_/g, ' ')}` : ''})`)
            .join('; '),
        )
      : null,
    actions,
    forms,
  );
}

/** Shows one inline form at a time under an appointment; the same button hides it again. */
function toggle(trigger: HTMLButtonElement, container: HTMLElement, make: () => HTMLFormElement): void {
  const open = trigger.getAttribute('aria-expanded') === 'true';
  for (const other of trigger.parentElement?.querySelectorAll('[aria-expanded]') ?? []) other.setAttribute('aria-expanded', 'false');
  if (open) {
    replaceChildren(container);
    return;
  }
  const form = make();
  replaceChildren(container, form);
  trigger.setAttribute('aria-expanded', 'true');
  form.querySelector<HTMLElement>('input, textarea')?.focus();
}

function problem(error: unknown): HTMLElement {
  const [first] = errorsFromProblem(error);
  return h('p', { class: 'govuk-error-message' }, h('span', { class: 'govuk-visually-hidden' }, 'Error: '), first?.message ?? 'Something went wrong');
}

function whenFields(prefix: string, startsAt?: string) {
  const [date, time] = startsAt ? localDateAndTime(startsAt) : ['', ''];
  const dateField = inputField({ name: 'date', label: 'Date', type: 'date', value: date, widthClass: 'govuk-input--width-10' });
  const timeField = inputField({ name: 'time', label: 'Time', hint: 'UK time, 24-hour clock', type: 'time', value: time, widthClass: 'govuk-input--width-10' });
  dateField.input.dataset.role = `${prefix}-date`;
  timeField.input.dataset.role = `${prefix}-time`;
  return { dateField, timeField };
}

function readWhen(dateField: { input: HTMLInputElement }, timeField: { input: HTMLInputElement }, errors: ShownError[]): string | undefined {
  if (!dateField.input.value) errors.push({ field: 'date', message: 'Enter the date' });
  if (!timeField.input.value) errors.push({ field: 'time', message: 'Enter the time' });
  if (!dateField.input.value || !timeField.input.value) return undefined;
  const iso = zonedDateTimeToIso(dateField.input.value, timeField.input.value.slice(0, 5));
  if (!iso) errors.push({ field: 'date', message: 'Enter a real date and time' });
  else if (new Date(iso).getTime() <= Date.now()) errors.push({ field: 'date', message: 'The appointment must be in the future' });
  return iso ?? undefined;
}

function bookForm(options: AppointmentsOptions): HTMLElement {
  const title = inputField({ name: 'title', label: 'What is the appointment?', hint: 'For example, Review with your work coach', widthClass: 'govuk-!-width-two-thirds' });
  const { dateField, timeField } = whenFields('book');
  const location = inputField({ name: 'location', label: 'Where (optional)', hint: 'For example, Jobcentre, 12 High Street', widthClass: 'govuk-!-width-two-thirds' });
  const mandatory = radiosField({
    name: 'mandatory',
    label: 'Do they have to come?',
    hint: 'Reminders are worded differently. Neither mentions sanctions.',
    options: [
      { value: 'no', text: 'No, it is voluntary' },
      { value: 'yes', text: 'Yes, it is mandatory' },
    ],
    value: 'no',
  });
  const reminders = inputField({
    name: 'reminders',
    label: 'Reminders (optional)',
    hint: 'Leave empty for your team’s usual reminders, or list times before, for example: 2 days, 2 hours',
    widthClass: 'govuk-input--width-20',
  });
  const submit = button('Book appointment');
  const form = h('form', { novalidate: true, 'data-form': 'book-appointment' }, title.group, dateField.group, timeField.group, location.group, mandatory.group, reminders.group, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors: ShownError[] = [];
    if (!title.input.value.trim()) errors.push({ field: 'title', message: 'Enter what the appointment is' });
    const startsAt = readWhen(dateField, timeField, errors);
    const offsets = parseOffsets(reminders.input.value, errors);
    if (errors.length > 0 || !startsAt) {
      showErrors(form, errors);
      return;
    }
    submit.disabled = true;
    const what = title.input.value.trim();
    try {
      await options.api.post(`/api/participants/${options.participantId}/appointments`, {
        title: what,
        startsAt,
        ...(location.input.value.trim() && { location: location.input.value.trim() }),
        mandatory: mandatory.value() === 'yes',
        ...(offsets && { reminderOffsets: offsets }),
      });
      form.reset();
      options.onChanged(`Booked: ${what} on ${formatDateTime(startsAt)}. Reminders are scheduled.`);
    } catch (error) {
      showErrors(form, errorsFromProblem(error, APPOINTMENT_FIELDS));
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'govuk-!-margin-top-6', 'aria-labelledby': 'book-heading' }, h('h3', { class: 'govuk-heading-s', id: 'book-heading' }, 'Book an appointment'), form);
}

function parseOffsets(text: string, errors: ShownError[]): string[] | undefined {
  if (!text.trim()) return undefined;
  const parts = text.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
  const offsets = parts.map(wordsToDuration);
  if (offsets.some((o) => o === null)) {
    errors.push({ field: 'reminders', message: 'Write reminders as times before the appointment, for example: 2 days, 2 hours' });
    return undefined;
  }
  return offsets as string[];
}

function rescheduleForm(a: Appointment, options: AppointmentsOptions): HTMLFormElement {
  const { dateField, timeField } = whenFields('change', a.startsAt);
  const location = inputField({ name: 'location', label: 'Where', value: a.location ?? '', widthClass: 'govuk-!-width-two-thirds' });
  const submit = button('Save changes');
  const form = h(
    'form',
    { class: 'app-inline-form', novalidate: true, 'data-form': 'reschedule', 'aria-label': `Change ${a.title}` },
    h('p', { class: 'govuk-body' }, `${options.participantName} will be told about the change. Reminders for the old time will not be sent.`),
    dateField.group,
    timeField.group,
    location.group,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors: ShownError[] = [];
    const startsAt = readWhen(dateField, timeField, errors);
    if (errors.length > 0 || !startsAt) {
      showErrors(form, errors);
      return;
    }
    const newLocation = location.input.value.trim();
    const changes = {
      ...(startsAt !== a.startsAt && new Date(startsAt).getTime() !== new Date(a.startsAt).getTime() && { startsAt }),
      ...((newLocation || null) !== a.location && { location: newLocation || null }),
    };
    if (Object.keys(changes).length === 0) {
      showErrors(form, [{ field: 'date', message: 'Change the date, time or place, or close this form' }]);
      return;
    }
    submit.disabled = true;
    try {
      await options.api.patch(`/api/appointments/${a.id}`, changes);
      options.onChanged(`Changed: ${a.title} is now ${formatDateTime(startsAt)}. ${options.participantName} will be told.`);
    } catch (error) {
      showErrors(form, errorsFromProblem(error, APPOINTMENT_FIELDS));
      submit.disabled = false;
    }
  });
  return form;
}

function cancelForm(a: Appointment, options: AppointmentsOptions): HTMLFormElement {
  const reason = textareaField({ name: 'reason', label: 'Reason (optional)', hint: 'Kept on the case record.', rows: 2 });
  const submit = button('Cancel this appointment', { variant: 'warning' });
  const form = h(
    'form',
    { class: 'app-inline-form', novalidate: true, 'data-form': 'cancel', 'aria-label': `Cancel ${a.title}` },
    h('p', { class: 'govuk-body' }, `${options.participantName} will be told it is cancelled. No more reminders will be sent for it.`),
    reason.group,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const text = reason.input.value.trim();
      await options.api.post(`/api/appointments/${a.id}/cancel`, text ? { reason: text } : {});
      options.onChanged(`Cancelled: ${a.title} on ${formatDateTime(a.startsAt)}. ${options.participantName} will be told.`);
    } catch (error) {
      showErrors(form, errorsFromProblem(error, APPOINTMENT_FIELDS));
      submit.disabled = false;
    }
  });
  return form;
}
