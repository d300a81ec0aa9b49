import { ApiProblem, type ApiClient } from '../api-client.js';
import type { CallAheadSent } from '../api-types.js';
import { h } from '../dom.js';
import { clearErrors, showErrors } from './form-errors.js';
import { button, selectField } from './form-fields.js';

export interface CallAheadOptions {
  api: ApiClient;
  participantId: string;
  participantName: string;
  onSent: (message: string) => void;
}

const MINUTES = [2, 5, 10, 15, 30, 60];

/**
 * "Text before I call": people rarely answer a number they don't know, so the key worker texts first, naming
 * themselves and the number they will ring from. A refusal (opted out, wrong number, quiet hours…) is said plainly.
 */
export function callAheadForm(options: CallAheadOptions): HTMLFormElement {
  const when = selectField({
    name: 'inMinutes',
    label: 'When will you ring?',
    options: MINUTES.map((m) => ({ value: String(m), text: m === 60 ? 'Within the hour' : `In the next ${m} minutes` })),
    value: '5',
  });
  const submit = button('Text before I call', { variant: 'secondary' });
  const form = h(
    'form',
    { novalidate: true, 'data-form': 'call-ahead', 'aria-label': 'Text before I call' },
    h('p', { class: 'govuk-body' }, `Ringing ${options.participantName}? Send one text first, so they know who is calling and from which number.`),
    when.group,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    submit.disabled = true;
    try {
      const sent = await options.api.post<CallAheadSent>(`/api/participants/${options.participantId}/call-ahead`, { inMinutes: Number(when.input.value) });
      options.onSent(`Text sent to ${options.participantName}: “${sent.text}”`);
    } catch (error) {
      showErrors(form, [{ field: error instanceof ApiProblem && error.status === 400 ? 'inMinutes' : '', message: refusalInWords(error, options.participantName) }]);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** Why no text went, in the words a key worker would use, with what they can do about it. */
function refusalInWords(error: unknown, name: string): string {
  if (!(error instanceof ApiProblem)) return error instanceof Error ? error.message : 'Something went wrong';
  switch (error.code) {
    case 'opted_out':
      return `No text sent: ${name} has opted out of messages. You can still ring them.`;
    case 'wrong_number':
      return `No text sent: someone at this number said it is not ${name}'s. Change the number first.`;
    case 'no_consent':
      return `No text sent: ${name} has not agreed to be texted. You can still ring them.`;
    case 'quiet_hours': {
      const hours = /(\d\d:\d\d) to (\d\d:\d\d)/.exec(error.message);
      const span = hours ? ` (${hours[1]} to ${hours[2]})` : '';
      return `No text sent: it is quiet hours for ${name}${span}. Whether to ring now is your call.`;
    }
    case 'no_phone':
      return 'No text sent: there is no number to give them. Ask an admin to add your work phone, or add your team’s phone in Team settings.';
    case 'already_sent':
      return `No text sent: ${name} had one from you less than a minute ago.`;
    case 'erased':
      return `No text sent: ${name}'s details have been erased.`;
    default:
      return error.message;
  }
}
