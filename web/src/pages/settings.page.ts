import type { BankHolidayRegion, ReminderPolicy } from '../api-types.js';
import { errorsFromProblem, showErrors, type ShownError } from '../components/form-errors.js';
import { button, checkboxField, inputField, selectField } from '../components/form-fields.js';
import { h } from '../dom.js';
import { durationToWords, wordsToDuration } from '../format.js';
import type { Page, PageContext } from '../page.js';

const FIELDS = {
  defaultOffsets: { field: 'defaultOffsets', label: 'Reminders' },
  quietHours: { field: 'quietStart', label: 'Quiet hours' },
  'quietHours.start': { field: 'quietStart', label: 'Quiet hours start' },
  'quietHours.end': { field: 'quietEnd', label: 'Quiet hours end' },
  skipBankHolidays: { field: 'skipBankHolidays', label: 'Bank holidays' },
  region: { field: 'region', label: 'Whose bank holidays' },
  dnaAlertThreshold: { field: 'dnaAlertThreshold', label: 'Missed appointments before an alert' },
  dnaWindowDays: { field: 'dnaWindowDays', label: 'Counted over' },
  dnaFollowUpDays: { field: 'dnaFollowUpDays', label: 'Follow-up days' },
  checkInWeeks: { field: 'checkInWeeks', label: 'Check-in weeks' },
  sustainmentWeeks: { field: 'sustainmentWeeks', label: 'Sustainment weeks' },
  checkInTime: { field: 'checkInTime', label: 'Check-in time' },
  phone: { field: 'phone', label: 'Team phone number' },
};

const numbers = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);

/** The team's reminder policy: when reminders go, quiet hours, bank holidays, the DNA alert, in-work check-ins. */
export async function settingsPage(context: PageContext): Promise<Page> {
  const { api, session } = context;
  const policy = await api.get<ReminderPolicy>('/api/reminder-policy');
  const team = session.staff.team ?? 'staff without a team';

  const offsets = inputField({
    name: 'defaultOffsets',
    label: 'When should reminders go?',
    hint: 'Times before each appointment, separated by commas. For example: 2 days, 2 hours',
    value: policy.defaultOffsets.map(durationToWords).join(', '),
    widthClass: 'govuk-input--width-20',
    bold: true,
  });
  const useQuiet = checkboxField({ name: 'useQuietHours', label: 'Do not send messages at night (quiet hours)', checked: policy.quietHours !== null, hint: 'A message due in quiet hours waits until they end. It is never dropped.' });
  const quietStart = inputField({ name: 'quietStart', label: 'Quiet hours start', type: 'time', value: policy.quietHours?.start ?? '21:00', widthClass: 'govuk-input--width-10' });
  const quietEnd = inputField({ name: 'quietEnd', label: 'Quiet hours end', type: 'time', value: policy.quietHours?.end ?? '08:00', widthClass: 'govuk-input--width-10' });
  const bankHolidays = checkboxField({ name: 'skipBankHolidays', label: 'Do not send reminders on bank holidays', checked: policy.skipBankHolidays });
  const region = selectField({
    name: 'region',
    label: 'Whose bank holidays?',
    hint: 'Where the people you support live. Key workers are also taken to be off on these days.',
    options: [
      { value: 'england-and-wales', text: 'England and Wales' },
      { value: 'scotland', text: 'Scotland' },
      { value: 'northern-ireland', text: 'Northern Ireland' },
    ],
    value: policy.region ?? 'england-and-wales',
  });
  const dnaThreshold = inputField({
    name: 'dnaAlertThreshold',
    label: 'Missed appointments before an alert',
    hint: 'You get a "missed several appointments" alert when someone reaches this many.',
    type: 'number',
    inputmode: 'numeric',
    value: String(policy.dnaAlertThreshold),
    widthClass: 'govuk-input--width-3',
  });
  const optional = {
    dnaWindowDays:
      policy.dnaWindowDays !== undefined
        ? inputField({ name: 'dnaWindowDays', label: 'Counted over how many days', type: 'number', inputmode: 'numeric', value: String(policy.dnaWindowDays), widthClass: 'govuk-input--width-3' })
        : undefined,
    dnaFollowUpDays:
      policy.dnaFollowUpDays !== undefined
        ? inputField({ name: 'dnaFollowUpDays', label: 'Follow-up messages after a missed appointment', hint: 'Days after, separated by commas. 0 is the same day.', value: policy.dnaFollowUpDays.join(', '), widthClass: 'govuk-input--width-10' })
        : undefined,
    checkInWeeks:
      policy.checkInWeeks !== undefined
        ? inputField({ name: 'checkInWeeks', label: 'In-work check-ins', hint: 'Weeks after a job start, separated by commas. For example: 1, 2, 4, 8, 13', value: policy.checkInWeeks.join(', '), widthClass: 'govuk-input--width-20' })
        : undefined,
    sustainmentWeeks:
      policy.sustainmentWeeks !== undefined
        ? inputField({ name: 'sustainmentWeeks', label: 'Sustainment checks', hint: 'Weeks after a job start when we ask if they are still in work. For example: 13, 26', value: policy.sustainmentWeeks.join(', '), widthClass: 'govuk-input--width-10' })
        : undefined,
    checkInTime:
      policy.checkInTime !== undefined
        ? inputField({ name: 'checkInTime', label: 'Time of day check-ins go', type: 'time', value: policy.checkInTime, widthClass: 'govuk-input--width-10' })
        : undefined,
  };

  const teamPhone = inputField({
    name: 'phone',
    label: 'Team phone number',
    hint: 'A "text before I call" gives this number when the person ringing has no work phone of their own. Any UK number.',
    type: 'tel',
    autocomplete: 'off',
    value: policy.phone ?? '',
    widthClass: 'govuk-input--width-20',
  });
  const submit = button('Save settings');
  const inWorkGroups = [optional.checkInWeeks, optional.sustainmentWeeks, optional.checkInTime].filter((f) => f !== undefined);
  const form = h(
    'form',
    { novalidate: true, 'data-form': 'settings' },
    h('fieldset', { class: 'govuk-fieldset' }, h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' }, h('h2', { class: 'govuk-fieldset__heading' }, 'Appointment reminders')), offsets.group, useQuiet.group, quietStart.group, quietEnd.group, bankHolidays.group, region.group),
    h(
      'fieldset',
      { class: 'govuk-fieldset' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' }, h('h2', { class: 'govuk-fieldset__heading' }, 'Missed appointments')),
      dnaThreshold.group,
      optional.dnaWindowDays?.group,
      optional.dnaFollowUpDays?.group,
    ),
    inWorkGroups.length > 0
      ? h('fieldset', { class: 'govuk-fieldset' }, h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' }, h('h2', { class: 'govuk-fieldset__heading' }, 'In-work support')), inWorkGroups.map((f) => f.group))
      : null,
    h('fieldset', { class: 'govuk-fieldset' }, h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' }, h('h2', { class: 'govuk-fieldset__heading' }, 'Calls')), teamPhone.group),
    submit,
  );

  const syncQuiet = () => {
    quietStart.input.disabled = !useQuiet.input.checked;
    quietEnd.input.disabled = !useQuiet.input.checked;
  };
  useQuiet.input.addEventListener('change', syncQuiet);
  syncQuiet();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors: ShownError[] = [];
    const parsedOffsets = offsets.input.value.split(/[,;]/).map((p) => p.trim()).filter(Boolean).map(wordsToDuration);
    if (parsedOffsets.length === 0 || parsedOffsets.some((o) => o === null)) {
      errors.push({ field: 'defaultOffsets', message: 'Write reminders as times before the appointment, for example: 2 days, 2 hours' });
    }
    const whole = (input: HTMLInputElement, field: string, label: string): number | undefined => {
      const n = Number(input.value);
      if (!/^\d+$/.test(input.value.trim())) {
        errors.push({ field, message: `${label} must be a whole number` });
        return undefined;
      }
      return n;
    };
    const list = (input: HTMLInputElement | undefined, field: string, label: string): number[] | undefined => {
      if (!input) return undefined;
      const parts = numbers(input.value);
      if (parts.some((p) => !/^\d+$/.test(p))) {
        errors.push({ field, message: `${label} must be whole numbers separated by commas` });
        return undefined;
      }
      return parts.map(Number);
    };
    const body: ReminderPolicy = {
      ...policy,
      defaultOffsets: parsedOffsets.filter((o): o is string => o !== null),
      quietHours: useQuiet.input.checked ? { start: quietStart.input.value, end: quietEnd.input.value } : null,
      skipBankHolidays: bankHolidays.input.checked,
      region: region.input.value as BankHolidayRegion,
      dnaAlertThreshold: whole(dnaThreshold.input, 'dnaAlertThreshold', 'Missed appointments before an alert') ?? policy.dnaAlertThreshold,
      phone: teamPhone.input.value.trim() || null,
    };
    if (optional.dnaWindowDays) body.dnaWindowDays = whole(optional.dnaWindowDays.input, 'dnaWindowDays', 'Days') ?? policy.dnaWindowDays;
    const followUps = list(optional.dnaFollowUpDays?.input, 'dnaFollowUpDays', 'Follow-up days');
    if (followUps) body.dnaFollowUpDays = followUps;
    const checkIns = list(optional.checkInWeeks?.input, 'checkInWeeks', 'Check-in weeks');
    if (checkIns) body.checkInWeeks = checkIns;
    const sustainment = list(optional.sustainmentWeeks?.input, 'sustainmentWeeks', 'Sustainment weeks');
    if (sustainment) body.sustainmentWeeks = sustainment;
    if (optional.checkInTime) body.checkInTime = optional.checkInTime.input.value;
    if (errors.length > 0) {
      showErrors(form, errors);
      return;
    }
    submit.disabled = true;
    try {
      await api.put('/api/reminder-policy', body);
      context.flash('Settings saved. New bookings use them; reminders already planned keep theirs.');
      context.navigate('/settings', { replace: true });
    } catch (error) {
      showErrors(form, errorsFromProblem(error, FIELDS));
      submit.disabled = false;
    }
  });

  return {
    title: 'Team settings',
    content: h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-two-thirds' },
        h('span', { class: 'govuk-caption-l' }, `For ${team}`),
        h('h1', { class: 'govuk-heading-l' }, 'Team settings'),
        h('p', { class: 'govuk-body' }, 'These apply to everyone in your team. Times are UK time.'),
        form,
      ),
    ),
  };
}
