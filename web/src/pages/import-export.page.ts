import type { ImportReport } from '../api-types.js';
import { clearErrors, errorsFromProblem, showErrors, type ShownError } from '../components/form-errors.js';
import { button, inputField, radiosField } from '../components/form-fields.js';
import { h, replaceChildren, uniqueId } from '../dom.js';
import { programmeTimeZone } from '../format.js';
import type { Page, PageContext } from '../page.js';

type ImportKind = 'participants' | 'appointments';

const KINDS: Record<ImportKind, { path: string; noun: string; columns: string }> = {
  participants: {
    path: '/api/participants/import',
    noun: 'participants',
    columns: 'first_name and phone (required), last_name, channel, language, consent (yes or no), referred_at, external_ref, key_worker_email',
  },
  appointments: {
    path: '/api/appointments/import',
    noun: 'appointments',
    columns: 'external_ref, appointment_ref, starts_at, title (required), location, mandatory, reminder_offsets, cancelled',
  },
};

/** The longest range an export takes (the server says the same with a 400). */
const MAX_EXPORT_DAYS = 366;

const localDate = (instant: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: programmeTimeZone(), year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

/** Bring a caseload in from the programme's CRM (checked first, then imported), and download the reports. */
export async function importExportPage(context: PageContext): Promise<Page> {
  const role = context.session.staff.role;
  const mayImport = role !== 'in_work_team';
  return {
    title: 'Import and export',
    content: h(
      'div',
      null,
      h('h1', { class: 'govuk-heading-l' }, 'Import and export'),
      mayImport ? importSection(context) : null,
      exportSection(context),
    ),
  };
}

function importSection({ api }: PageContext): HTMLElement {
  const kind = radiosField({
    name: 'kind',
    label: 'What is in the file?',
    value: 'participants',
    options: [
      { value: 'participants', text: 'Participants', hint: KINDS.participants.columns },
      { value: 'appointments', text: 'Appointments', hint: KINDS.appointments.columns },
    ],
  });
  const fileId = uniqueId('file');
  const file = h('input', { class: 'govuk-file-upload', id: fileId, name: 'file', type: 'file', accept: '.csv,text/csv', 'aria-describedby': `${fileId}-hint` });
  const fileGroup = h(
    'div',
    { class: 'govuk-form-group', 'data-field': 'file' },
    h('label', { class: 'govuk-label govuk-label--s', for: fileId }, 'CSV file'),
    h('div', { class: 'govuk-hint', id: `${fileId}-hint` }, 'A header row, then one row each. Saved from Excel or your CRM; up to 10 MB.'),
    file,
  );
  const check = button('Check the file');
  const form = h('form', { novalidate: true, 'data-form': 'import' }, kind.group, fileGroup, check);
  const result = h('div', { 'aria-live': 'polite', 'data-import-result': '' });

  /** The file and kind the preview was made for: "Import" sends exactly these. */
  let checked: { file: File; kind: ImportKind } | undefined;
  const reset = () => {
    checked = undefined;
    replaceChildren(result);
  };
  file.addEventListener('change', reset);
  for (const input of kind.inputs) input.addEventListener('change', reset);

  const send = async (what: { file: File; kind: ImportKind }, dryRun: boolean): Promise<ImportReport | undefined> => {
    try {
      return await api.upload<ImportReport>(`${KINDS[what.kind].path}${dryRun ? '?dryRun=true' : ''}`, what.file, 'text/csv');
    } catch (error) {
      showErrors(form, errorsFromProblem(error).map((e) => ({ ...e, field: e.field || 'file' })));
      return undefined;
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    reset();
    const chosen = file.files?.[0];
    const errors: ShownError[] = [];
    if (!chosen) errors.push({ field: 'file', message: 'Choose a CSV file' });
    if (errors.length > 0) {
      showErrors(form, errors);
      return;
    }
    const what = { file: chosen as File, kind: kind.value() as ImportKind };
    check.disabled = true;
    const report = await send(what, true);
    check.disabled = false;
    if (!report) return;
    checked = what;
    const importButton = button(`Import ${KINDS[what.kind].noun}`, { type: 'button' });
    const nothingToDo = report.created + report.updated === 0;
    importButton.disabled = nothingToDo;
    importButton.addEventListener('click', async () => {
      if (!checked) return;
      importButton.disabled = true;
      const done = await send(checked, false);
      if (!done) {
        importButton.disabled = false;
        return;
      }
      checked = undefined;
      replaceChildren(result, reportView(done, what.kind));
      result.querySelector('h2')?.focus();
    });
    replaceChildren(
      result,
      reportView(report, what.kind),
      nothingToDo ? h('p', { class: 'govuk-body' }, 'There is nothing to import from this file.') : h('p', { class: 'govuk-body' }, 'Nothing has been saved yet.'),
      importButton,
    );
    result.querySelector('h2')?.focus();
  });

  return h('section', { 'aria-labelledby': 'import-heading' }, h('h2', { class: 'govuk-heading-m', id: 'import-heading' }, 'Bring in a CSV file'), form, result);
}

function reportView(report: ImportReport, kind: ImportKind): HTMLElement {
  const noun = KINDS[kind].noun;
  const counts: Array<[string, number]> = report.dryRun
    ? [
        ['Rows read', report.rows],
        ['Would be added', report.created],
        ['Would be updated', report.updated],
        ['Unchanged', report.unchanged],
        ['Would be rejected', report.rejected.length],
      ]
    : [
        ['Rows read', report.rows],
        ['Added', report.created],
        ['Updated', report.updated],
        ['Unchanged', report.unchanged],
        ['Rejected', report.rejected.length],
      ];
  return h(
    'div',
    { 'data-report': report.dryRun ? 'dry-run' : 'imported' },
    h('h2', { class: 'govuk-heading-m', tabindex: '-1' }, report.dryRun ? `Check before importing ${noun}` : `Imported ${noun}`),
    h(
      'table',
      { class: 'govuk-table' },
      h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, report.dryRun ? 'What the import would do' : 'What the import did'),
      h(
        'tbody',
        { class: 'govuk-table__body' },
        counts.map(([label, n]) =>
          h('tr', { class: 'govuk-table__row' }, h('th', { scope: 'row', class: 'govuk-table__header' }, label), h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, String(n))),
        ),
      ),
    ),
    report.unknownColumns.length > 0
      ? h('p', { class: 'govuk-body' }, `Columns we do not use, left out: ${report.unknownColumns.join(', ')}`)
      : null,
    report.rejected.length > 0
      ? h(
          'table',
          { class: 'govuk-table', 'data-problems': '' },
          h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, 'Problems by row (row 1 is the header)'),
          h(
            'thead',
            { class: 'govuk-table__head' },
            h('tr', { class: 'govuk-table__row' }, ['Row', 'Column', 'Problem'].map((text) => h('th', { scope: 'col', class: 'govuk-table__header' }, text))),
          ),
          h(
            'tbody',
            { class: 'govuk-table__body' },
            report.rejected.map((r) =>
              h(
                'tr',
                { class: 'govuk-table__row' },
                h('td', { class: 'govuk-table__cell' }, String(r.row)),
                h('td', { class: 'govuk-table__cell' }, r.field),
                h('td', { class: 'govuk-table__cell' }, r.message),
              ),
            ),
          ),
        )
      : null,
  );
}

function exportSection({ session }: PageContext): HTMLElement {
  const today = new Date();
  const from = inputField({ name: 'from', label: 'From', type: 'date', value: `${localDate(today).slice(0, 8)}01`, widthClass: 'govuk-input--width-10' });
  const to = inputField({ name: 'to', label: 'To (included)', type: 'date', value: localDate(today), widthClass: 'govuk-input--width-10' });
  const team =
    session.staff.role === 'admin'
      ? inputField({ name: 'team', label: 'Team (optional)', hint: 'Leave empty for every team', widthClass: 'govuk-input--width-20' })
      : undefined;
  const caseRecord = button('Download the case record (CSV)', { name: 'report', value: 'case-record' });
  const outcomes = button('Download the outcomes report (CSV)', { name: 'report', value: 'outcomes', variant: 'secondary' });
  const form = h(
    'form',
    { novalidate: true, 'data-form': 'export' },
    h('div', { class: 'app-date-range' }, from.group, to.group),
    team?.group,
    h('div', { class: 'govuk-button-group' }, caseRecord, outcomes),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const report = (event as SubmitEvent).submitter === outcomes ? 'outcomes' : 'case-record';
    const errors: ShownError[] = [];
    const [first, last] = [from.input.value, to.input.value];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(first)) errors.push({ field: 'from', message: 'Enter the first day' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(last)) errors.push({ field: 'to', message: 'Enter the last day' });
    if (errors.length === 0 && first > last) errors.push({ field: 'from', message: 'The first day must be on or before the last day' });
    if (errors.length === 0 && (Date.parse(last) - Date.parse(first)) / 86_400_000 + 1 > MAX_EXPORT_DAYS) {
      errors.push({ field: 'to', message: `Choose at most ${MAX_EXPORT_DAYS} days` });
    }
    showErrors(form, errors);
    if (errors.length > 0) return;
    const query = new URLSearchParams({ from: first, to: last, ...(team?.input.value.trim() && { team: team.input.value.trim() }) });
    // The session cookie goes with it; the browser saves the file and the page stays as it is.
    const link = h('a', { href: `/api/exports/${report}.csv?${query.toString()}`, download: '', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
  });
  return h(
    'section',
    { 'aria-labelledby': 'export-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'export-heading' }, 'Download reports'),
    h(
      'p',
      { class: 'govuk-body' },
      session.staff.role === 'admin' ? 'For a team, or everyone, over up to a year.' : 'For the people you support, over up to a year.',
      ' The case record has one row for everything that happened; the outcomes report one row for each person: attendance, reasons for missed appointments, check-ins, confidence scores, job starts and whether they were still in work at 4, 13 and 26 weeks.',
    ),
    form,
  );
}
