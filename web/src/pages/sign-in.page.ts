import type { ApiClient } from '../api-client.js';
import type { Session, SignInMethods } from '../api-types.js';
import { button, inputField } from '../components/form-fields.js';
import { errorsFromProblem, showErrors } from '../components/form-errors.js';
import { h } from '../dom.js';
import type { Page } from '../page.js';

/** Sign in with the staff token an administrator gave you (or the admin token `npm start` prints). */
export async function signInPage(options: { api: ApiClient; sessionEnded: boolean; onSignedIn: (session: Session) => void }): Promise<Page> {
  const token = inputField({
    name: 'token',
    label: 'Staff token',
    hint: 'The token your administrator gave you when your account was set up. It starts with ebt_ (the first administrator uses the admin token).',
    type: 'password',
    autocomplete: 'current-password',
    spellcheck: false,
    bold: true,
  });
  const submit = button('Sign in');
  // Organisation sign-in is offered when the server has it set up; without the answer, token sign-in still works.
  const methods = await options.api.get<SignInMethods>('/api/sign-in-methods').catch(() => undefined);
  const organisation =
    methods?.organisation && methods.organisationStartUrl
      ? h(
          'div',
          { 'data-sign-in': 'organisation' },
          h('a', { class: 'govuk-button', role: 'button', draggable: 'false', href: methods.organisationStartUrl }, 'Sign in with your organisation account'),
          h('p', { class: 'govuk-body' }, 'Or sign in with the staff token your administrator gave you:'),
        )
      : null;
  const form = h('form', { novalidate: true, 'data-form': 'sign-in' }, token.group, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!token.input.value.trim()) {
      showErrors(form, [{ field: 'token', message: 'Enter your staff token' }]);
      return;
    }
    submit.disabled = true;
    try {
      const session = await options.api.request<Session>('POST', '/api/session', { token: token.input.value }, { quietOn401: true });
      options.onSignedIn(session);
    } catch (error) {
      showErrors(form, errorsFromProblem(error, { token: { field: 'token', label: 'Staff token' } }).map((e) => (e.field ? e : { ...e, field: 'token' })));
      submit.disabled = false;
    }
  });
  return {
    title: 'Sign in',
    content: h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-two-thirds' },
        h('h1', { class: 'govuk-heading-l' }, 'Sign in to the engagement bot'),
        options.sessionEnded
          ? h('div', { class: 'govuk-inset-text' }, 'Your session has ended, so you have been signed out. Sign in again to carry on.')
          : null,
        h('p', { class: 'govuk-body' }, 'See your caseload, read what came back from participants and deal with alerts.'),
        organisation,
        form,
        h(
          'p',
          { class: 'govuk-body-s' },
          'You stay signed in while you use the dashboard, for up to 12 hours. After 2 hours without use you will need to sign in again.',
        ),
      ),
    ),
  };
}
