import type { CaseloadEntry, ThreadMessage } from '../api-types.js';
import { chatThread } from '../components/conversation.js';
import { selectField } from '../components/form-fields.js';
import { sandboxReplyForm } from '../components/sandbox-reply.js';
import { h, replaceChildren } from '../dom.js';
import { poll, type Page, type PageContext } from '../page.js';

const REFRESH_MS = 2_000;

/**
 * Sandbox mode only: be the participant. Pick someone, text as them, and watch the bot answer, with no Twilio
 * account: every reply lands in the sandbox outbox instead of on a phone.
 */
export async function sandboxPage(context: PageContext): Promise<Page> {
  const { api, query } = context;
  const people = await api.get<CaseloadEntry[]>('/api/caseload?sort=name&limit=1000');
  const intro = h(
    'div',
    null,
    h('h1', { class: 'govuk-heading-l' }, 'Sandbox'),
    h(
      'p',
      { class: 'govuk-body' },
      'Try the whole service without a phone or a Twilio account. Choose someone from your caseload, reply as them, and see what the bot answers. Nothing is sent to anyone.',
    ),
    h(
      'p',
      { class: 'govuk-body' },
      'Book them an appointment first (on their page) to see reminders, then reply YES, "can’t make it" or "rearrange". HELP and STOP work too.',
    ),
  );
  if (people.length === 0) {
    return {
      title: 'Sandbox',
      content: h('div', null, intro, h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/caseload' }, 'Add a participant to your caseload'), ' to start.')),
    };
  }
  const chosen = people.find((p) => p.id === query.get('participant')) ?? (people[0] as CaseloadEntry);
  const picker = selectField({
    name: 'participant',
    label: 'Reply as',
    options: people.map((p) => ({ value: p.id, text: `${p.firstName} (${p.phone})` })),
    value: chosen.id,
  });
  picker.input.addEventListener('change', () => context.navigate(`/sandbox?participant=${picker.input.value}`, { replace: true }));

  const thread = chatThread(`Conversation with ${chosen.firstName}`);
  const refresh = async () => thread.update(await api.get<ThreadMessage[]>(`/api/participants/${chosen.id}/messages`), chosen.firstName);
  await refresh();
  const stop = poll(refresh, REFRESH_MS);
  const panel = h('div');
  replaceChildren(
    panel,
    h('h2', { class: 'govuk-heading-m' }, `Conversation with ${chosen.firstName}`),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: `/participants/${chosen.id}` }, `Open ${chosen.firstName}’s page`), ' to see the case record and book appointments.'),
    thread.element,
    sandboxReplyForm({ api, participant: chosen, onSent: () => void refresh() }),
  );
  return {
    title: 'Sandbox',
    content: h(
      'div',
      { class: 'govuk-grid-row' },
      h('div', { class: 'govuk-grid-column-two-thirds' }, intro, h('form', { novalidate: true, 'aria-label': 'Choose who to be' }, picker.group), panel),
    ),
    dispose: stop,
  };
}
