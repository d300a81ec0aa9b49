import type { ApiClient } from '../api-client.js';
import { h } from '../dom.js';
import { errorsFromProblem, showErrors } from './form-errors.js';
import { button, inputField } from './form-fields.js';

/**
 * Sandbox mode only: type what the participant would text, and it goes through the same path as a real text
 * (`POST /api/sandbox/inbound`); the bot's answer then shows on the thread.
 */
export function sandboxReplyForm(options: {
  api: ApiClient;
  participant: { firstName: string; phone: string; channel: 'sms' | 'whatsapp' };
  onSent: () => void;
}): HTMLFormElement {
  const { participant } = options;
  const text = inputField({
    name: 'body',
    label: `Reply as ${participant.firstName}`,
    hint: 'Try YES, "can’t make it", HELP or STOP. Nothing is sent to anyone: this is the sandbox.',
    autocomplete: 'off',
    bold: true,
  });
  const submit = button(`Send as ${participant.firstName}`, { variant: 'secondary' });
  const form = h('form', { class: 'app-inline-form', novalidate: true, 'data-form': 'sandbox-reply' }, text.group, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.input.value.trim()) {
      showErrors(form, [{ field: 'body', message: `Enter what ${participant.firstName} texts` }]);
      return;
    }
    submit.disabled = true;
    try {
      await options.api.post('/api/sandbox/inbound', {
        from: participant.channel === 'whatsapp' ? `whatsapp:${participant.phone}` : participant.phone,
        body: text.input.value,
      });
      text.input.value = '';
      showErrors(form, []);
      options.onSent();
    } catch (error) {
      showErrors(form, errorsFromProblem(error, { body: { field: 'body', label: 'The reply' } }));
    } finally {
      submit.disabled = false;
      text.input.focus();
    }
  });
  return form;
}
