import type { RecordEvent, ThreadMessage } from '../api-types.js';
import { h, replaceChildren } from '../dom.js';
import { formatDateTime } from '../format.js';
import { eventDetail, eventTitle, messageStatusText } from './labels.js';

/**
 * The conversation as a chat thread: what they texted on the left, what we sent on the right, each with its time
 * and delivery status. A `log` region, so a screen reader hears new messages as they arrive.
 */
export function chatThread(label: string): { element: HTMLElement; update: (messages: ThreadMessage[], name: string) => void } {
  const list = h('ol', { class: 'app-thread__list' });
  const region = h('div', { class: 'app-thread', role: 'log', 'aria-label': label, tabindex: '0', 'data-thread': '' }, list);
  let shown = '';
  const update = (messages: ThreadMessage[], name: string) => {
    const key = JSON.stringify(messages.map((m) => [m.id, m.status, m.body]));
    if (key === shown) return;
    shown = key;
    if (messages.length === 0) {
      replaceChildren(list, h('li', { class: 'govuk-body app-muted' }, 'No messages yet.'));
      return;
    }
    replaceChildren(
      list,
      messages.map((m) => {
        const incoming = m.direction === 'inbound';
        return h(
          'li',
          { class: `app-message ${incoming ? 'app-message--in' : 'app-message--out'}`, 'data-direction': m.direction, 'data-status': m.status },
          h('span', { class: 'govuk-visually-hidden' }, incoming ? `${name} said: ` : 'We said: '),
          h('p', { class: 'app-message__body' }, m.body ?? '(message removed)'),
          h(
            'p',
            { class: 'app-message__meta' },
            `${formatDateTime(m.at)} · ${m.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} · `,
            h('span', { 'data-delivery': '' }, messageStatusText(m.direction, m.status)),
            m.errorCode ? ` (error ${m.errorCode})` : '',
          ),
        );
      }),
    );
    region.scrollTop = region.scrollHeight;
  };
  return { element: region, update };
}

/** Events shown before "Show all": the recent past is what a key worker reads first. */
const TIMELINE_FIRST = 15;

/** The case record, newest first: every event on one line with its time. */
export function timeline(): { element: HTMLElement; update: (events: RecordEvent[]) => void } {
  const list = h('ol', { class: 'app-timeline', 'data-timeline': '', id: 'case-record-events' });
  const more = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', 'aria-controls': 'case-record-events', hidden: true });
  const element = h('div', null, list, more);
  let all = false;
  let latest: RecordEvent[] = [];
  let shown = '';
  more.addEventListener('click', () => {
    all = !all;
    shown = '';
    update(latest);
  });
  const update = (events: RecordEvent[]) => {
    latest = events;
    // Delivery updates are on the thread already; the record keeps them, the timeline does not repeat them.
    const everything = events.filter((e) => e.type !== 'message.status').reverse();
    const visible = all ? everything : everything.slice(0, TIMELINE_FIRST);
    const key = `${everything.length}:${visible.map((e) => e.id).join(',')}`;
    if (key === shown) return;
    shown = key;
    more.hidden = everything.length <= TIMELINE_FIRST;
    more.textContent = all ? 'Show only the latest' : `Show all ${everything.length} events`;
    if (visible.length === 0) {
      replaceChildren(list, h('li', { class: 'govuk-body app-muted' }, 'Nothing on the record yet.'));
      return;
    }
    replaceChildren(
      list,
      visible.map((e) => {
        const detail = eventDetail(e);
        return h(
          'li',
          { class: 'app-timeline__item', 'data-event-type': e.type },
          h('p', { class: 'app-timeline__title' }, eventTitle(e)),
          detail ? h('p', { class: 'app-timeline__detail' }, detail) : null,
          h('p', { class: 'app-timeline__time' }, h('time', { datetime: e.at }, formatDateTime(e.at))),
        );
      }),
    );
  };
  return { element, update };
}
