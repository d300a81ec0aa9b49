import type { StaffCreated, StaffMember, StaffRole, StaffToken } from '../api-types.js';
import { errorsFromProblem, showErrors, type FieldMap } from '../components/form-errors.js';
import { button, checkboxField, inputField, selectField } from '../components/form-fields.js';
import { ROLE_LABELS, staffDescription } from '../components/labels.js';
import { h, replaceChildren } from '../dom.js';
import type { Page, PageContext } from '../page.js';

const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as StaffRole[]).map((value) => ({ value, text: ROLE_LABELS[value] }));

const FIELDS: FieldMap = {
  name: { field: 'name', label: 'Name' },
  role: { field: 'role', label: 'Role' },
  team: { field: 'team', label: 'Team' },
  email: { field: 'email', label: 'Work email' },
  phone: { field: 'phone', label: 'Work phone' },
  reassignTo: { field: 'reassignTo', label: 'Hand their caseload to' },
};

const PHONE_HINT = 'A UK number, landline or mobile. Participants are rung from it; a safeguarding lead’s mobile is texted escalations.';

/** A token shown once, to copy now: only its hash is kept. */
function tokenPanel(name: string, token: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-panel govuk-panel--confirmation app-token-panel', 'data-token-for': name, role: 'status' },
    h('h2', { class: 'govuk-panel__title' }, `Token for ${name}`),
    h('div', { class: 'govuk-panel__body' }, h('code', { class: 'app-token', 'data-token': '' }, token)),
    h('p', { class: 'govuk-body govuk-!-margin-top-3 govuk-!-margin-bottom-0 app-token-panel__note' }, 'Copy it now and give it to them safely. It is not shown again.'),
  );
}

/** Staff accounts, for admins: who has access, in which role and team; add, change, switch off, new token. */
export async function staffPage(context: PageContext): Promise<Page> {
  const { api } = context;
  const notice = h('div', { 'data-staff-notice': '' });
  const listHolder = h('div', { 'data-staff-list': '' });
  const editHolder = h('div', { 'data-staff-edit': '' });
  let members = await api.get<StaffMember[]>('/api/staff');

  const refresh = async () => {
    members = await api.get<StaffMember[]>('/api/staff');
    replaceChildren(listHolder, staffTable());
  };
  const say = (...children: Array<Node | string>) => {
    replaceChildren(notice, ...children);
    notice.scrollIntoView({ block: 'start' });
  };

  const staffTable = () =>
    h(
      'table',
      { class: 'govuk-table' },
      h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, `${members.filter((m) => m.active).length} active`),
      h(
        'thead',
        { class: 'govuk-table__head' },
        h('tr', { class: 'govuk-table__row' }, ['Name', 'Role', 'Team', 'Work phone', 'Status', 'Actions'].map((t) => h('th', { scope: 'col', class: 'govuk-table__header' }, t))),
      ),
      h(
        'tbody',
        { class: 'govuk-table__body' },
        members.map((m) =>
          h(
            'tr',
            { class: 'govuk-table__row', 'data-staff-id': m.id },
            h('th', { scope: 'row', class: 'govuk-table__header' }, m.name, m.email ? h('span', { class: 'govuk-hint govuk-!-margin-bottom-0 app-staff-email' }, m.email) : null),
            h('td', { class: 'govuk-table__cell' }, ROLE_LABELS[m.role]),
            h('td', { class: 'govuk-table__cell' }, m.team ?? '—'),
            h('td', { class: 'govuk-table__cell' }, m.phone ?? '—'),
            h('td', { class: 'govuk-table__cell' }, m.active ? h('strong', { class: 'govuk-tag govuk-tag--green' }, 'Active') : h('strong', { class: 'govuk-tag govuk-tag--grey' }, 'Switched off')),
            h(
              'td',
              { class: 'govuk-table__cell' },
              m.active && !m.bootstrap
                ? h(
                    'div',
                    { class: 'govuk-button-group govuk-!-margin-bottom-0' },
                    h('button', { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', on: { click: () => openEdit(m) } }, 'Change', h('span', { class: 'govuk-visually-hidden' }, ` ${m.name}`)),
                    h('button', { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', on: { click: () => void rotate(m) } }, 'New token', h('span', { class: 'govuk-visually-hidden' }, ` for ${m.name}`)),
                  )
                : m.bootstrap
                  ? h('span', { class: 'govuk-hint govuk-!-margin-bottom-0' }, 'Set by ADMIN_TOKEN')
                  : null,
            ),
          ),
        ),
      ),
    );

  const rotate = async (member: StaffMember) => {
    if (!window.confirm(`Give ${member.name} a new token? Their current token and sessions stop at once.`)) return;
    try {
      const issued = await api.post<StaffToken>(`/api/staff/${member.id}/token`);
      say(tokenPanel(member.name, issued.token));
    } catch (error) {
      say(h('p', { class: 'govuk-error-message' }, errorsFromProblem(error)[0]?.message ?? 'The token could not be issued'));
    }
  };

  const openEdit = (member: StaffMember) => {
    const name = inputField({ name: 'name', label: 'Name', value: member.name, widthClass: 'govuk-input--width-20' });
    const role = selectField({ name: 'role', label: 'Role', options: ROLE_OPTIONS, value: member.role });
    const team = inputField({ name: 'team', label: 'Team', hint: 'Naming a new team creates it. Leave empty for no team.', value: member.team ?? '', widthClass: 'govuk-input--width-20' });
    const phone = inputField({ name: 'phone', label: 'Work phone', hint: PHONE_HINT, type: 'tel', autocomplete: 'off', value: member.phone ?? '', widthClass: 'govuk-input--width-20' });
    const switchOff = checkboxField({ name: 'switchOff', label: `Switch ${member.name} off`, hint: 'For someone who has left: their token and every session stop at once.' });
    const others = members.filter((m) => m.active && m.id !== member.id && (m.role === 'key_worker' || m.role === 'in_work_team'));
    const reassignTo = selectField({
      name: 'reassignTo',
      label: 'Hand their caseload to',
      hint: 'Each of their participants is told by text who looks after them now.',
      options: [{ value: '', text: 'Nobody (keep it with them)' }, ...others.map((m) => ({ value: m.id, text: staffDescription(m) }))],
    });
    const submit = button('Save changes');
    const cancel = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', on: { click: () => replaceChildren(editHolder) } }, 'Cancel');
    const form = h(
      'form',
      { novalidate: true, 'data-form': 'change-staff', 'aria-labelledby': 'change-staff-title' },
      h('h2', { class: 'govuk-heading-m', id: 'change-staff-title' }, `Change ${member.name}`),
      name.group,
      role.group,
      team.group,
      phone.group,
      switchOff.group,
      reassignTo.group,
      h('div', { class: 'govuk-button-group' }, submit, cancel),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body: Record<string, unknown> = {};
      if (name.input.value.trim() !== member.name) body.name = name.input.value;
      if (role.input.value !== member.role) body.role = role.input.value;
      const newTeam = team.input.value.trim() === '' ? null : team.input.value;
      if (newTeam !== member.team) body.team = newTeam;
      const newPhone = phone.input.value.trim() === '' ? null : phone.input.value;
      if (newPhone !== member.phone) body.phone = newPhone;
      if (switchOff.input.checked) body.active = false;
      if (reassignTo.input.value) body.reassignTo = reassignTo.input.value;
      if (Object.keys(body).length === 0) {
        replaceChildren(editHolder);
        return;
      }
      submit.disabled = true;
      try {
        const changed = await api.patch<StaffMember & { reassigned: number }>(`/api/staff/${member.id}`, body);
        replaceChildren(editHolder);
        await refresh();
        const handed = changed.reassigned > 0 ? ` ${changed.reassigned} ${changed.reassigned === 1 ? 'participant was' : 'participants were'} handed over.` : '';
        say(h('p', { class: 'govuk-body govuk-!-font-weight-bold', 'data-staff-saved': '' }, `${changed.name} ${changed.active ? 'saved' : 'switched off'}.${handed}`));
      } catch (error) {
        showErrors(form, errorsFromProblem(error, FIELDS));
        submit.disabled = false;
      }
    });
    replaceChildren(editHolder, form);
    name.input.focus();
  };

  const addForm = () => {
    const name = inputField({ name: 'name', label: 'Name', widthClass: 'govuk-input--width-20', autocomplete: 'off' });
    const role = selectField({ name: 'role', label: 'Role', options: ROLE_OPTIONS, value: 'key_worker' });
    const team = inputField({ name: 'team', label: 'Team (optional)', hint: 'Naming a new team creates it.', widthClass: 'govuk-input--width-20' });
    const email = inputField({ name: 'email', label: 'Work email (optional)', hint: 'Used to sign in with the organisation’s account and to name key workers in imports.', widthClass: 'govuk-input--width-30', autocomplete: 'off', spellcheck: false });
    const phone = inputField({ name: 'phone', label: 'Work phone (optional)', hint: PHONE_HINT, type: 'tel', widthClass: 'govuk-input--width-20', autocomplete: 'off' });
    const submit = button('Add member of staff');
    const form = h('form', { novalidate: true, 'data-form': 'add-staff' }, name.group, role.group, team.group, email.group, phone.group, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {
        name: name.input.value,
        role: role.input.value,
        ...(team.input.value.trim() && { team: team.input.value }),
        ...(email.input.value.trim() && { email: email.input.value.trim() }),
        ...(phone.input.value.trim() && { phone: phone.input.value }),
      };
      submit.disabled = true;
      try {
        const created = await api.post<StaffCreated>('/api/staff', body);
        form.reset();
        showErrors(form, []);
        await refresh();
        say(tokenPanel(created.name, created.token));
      } catch (error) {
        showErrors(form, errorsFromProblem(error, FIELDS));
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  };

  replaceChildren(listHolder, staffTable());
  return {
    title: 'Staff',
    content: h(
      'div',
      null,
      h('h1', { class: 'govuk-heading-l' }, 'Staff'),
      h('p', { class: 'govuk-body' }, 'Who can use the dashboard and the API, in which role and team. Someone who leaves should be switched off the same day.'),
      notice,
      listHolder,
      editHolder,
      h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' }, h('h2', { class: 'govuk-heading-m' }, 'Add a member of staff'), addForm())),
    ),
  };
}
