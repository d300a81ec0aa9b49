import type { Alert, CaseloadEntry } from '../api-types.js';
import { alertCard } from '../components/alert-card.js';
import { h, replaceChildren } from '../dom.js';
import { poll, type Page, type PageContext } from '../page.js';

const REFRESH_MS = 10_000;

/** Alerts inbox, urgent first: safeguarding at the top, where nobody can miss it. Acknowledge each with a note. */
export async function alertsPage(context: PageContext): Promise<Page> {
  const { api, query } = context;
  const status = query.get('status') === 'acknowledged' ? 'acknowledged' : 'open';
  const list = h('div', { 'data-alerts': status });
  const announcement = h('div', { role: 'status' });
  let names = new Map<string, string>();
  let shown = '';

  const load = async () => {
    const [alerts, caseload] = await Promise.all([
      api.get<Alert[]>(`/api/alerts?status=${status}`),
      api.get<CaseloadEntry[]>(`/api/caseload?sort=name&limit=1000${status === 'open' ? '&show=alerts' : ''}`),
    ]);
    names = new Map(caseload.map((p) => [p.id, p.firstName]));
    // The API answers urgent first, then high, then oldest first; acknowledged ones newest first reads better.
    const ordered = status === 'open' ? alerts : [...alerts].sort((a, b) => (b.acknowledgedAt ?? '').localeCompare(a.acknowledgedAt ?? ''));
    const key = ordered.map((a) => `${a.id}:${a.status}:${a.escalatedAt ?? ''}`).join(',');
    if (key === shown) return;
    shown = key;
    render(ordered);
  };

  const render = (alerts: Alert[]) => {
    const urgent = alerts.filter((a) => a.priority === 'urgent');
    const others = alerts.filter((a) => a.priority !== 'urgent');
    const card = (alert: Alert) =>
      alertCard(alert, {
        api,
        participantName: names.get(alert.participantId) ?? 'Participant',
        linkParticipant: true,
        headingLevel: 'h3',
        onAcknowledged: (updated) => {
          replaceChildren(
            announcement,
            h('div', { class: 'govuk-inset-text' }, `Acknowledged: ${names.get(updated.participantId) ?? 'the participant'}’s alert. It is on their case record.`),
          );
          context.refreshNavigation();
          void load().then(() => list.querySelector<HTMLElement>('h2, h3')?.focus());
        },
      });
    if (alerts.length === 0) {
      replaceChildren(list, h('p', { class: 'govuk-body' }, status === 'open' ? 'No open alerts. Nothing needs you right now.' : 'No acknowledged alerts yet.'));
      return;
    }
    replaceChildren(
      list,
      urgent.length > 0 && status === 'open'
        ? h(
            'section',
            { class: 'app-urgent-summary', 'aria-labelledby': 'urgent-heading', 'data-urgent': '' },
            h('h2', { class: 'govuk-heading-m app-urgent-summary__title', id: 'urgent-heading', tabindex: '-1' }, `Urgent: ${urgent.length} safeguarding ${urgent.length === 1 ? 'alert' : 'alerts'}`),
            h('p', { class: 'govuk-body' }, 'Someone may be at risk of harm. Deal with these first.'),
            urgent.map(card),
          )
        : null,
      others.length > 0 || status !== 'open'
        ? h(
            'section',
            { 'aria-labelledby': 'other-heading' },
            h('h2', { class: 'govuk-heading-m', id: 'other-heading', tabindex: '-1' }, status === 'open' ? (urgent.length > 0 ? 'Other alerts' : 'Open alerts') : 'Acknowledged alerts'),
            (status === 'open' ? others : alerts).map(card),
          )
        : null,
    );
  };

  await load();
  showLinkedAlert(query.get('alert'), list, announcement);
  const stop = poll(load, REFRESH_MS);
  const tab = (value: 'open' | 'acknowledged', text: string) =>
    h(
      'li',
      { class: 'govuk-!-display-inline-block govuk-!-margin-right-4' },
      value === status
        ? h('strong', { 'aria-current': 'page' }, text)
        : h('a', { class: 'govuk-link', href: value === 'open' ? '/alerts' : '/alerts?status=acknowledged' }, text),
    );
  return {
    title: status === 'open' ? 'Alerts' : 'Acknowledged alerts',
    content: h(
      'div',
      null,
      h('h1', { class: 'govuk-heading-l' }, 'Alerts'),
      h('nav', { 'aria-label': 'Which alerts' }, h('ul', { class: 'govuk-list govuk-body' }, tab('open', 'Open'), tab('acknowledged', 'Acknowledged'))),
      announcement,
      list,
    ),
    dispose: stop,
  };
}

/**
 * A link to one alert (`/alerts?alert={id}`, as in the text to a safeguarding contact): once the page is showing,
 * its card is brought into view with focus on its heading; if it is not open in this caseload, the page says so.
 */
function showLinkedAlert(alertId: string | null, list: HTMLElement, announcement: HTMLElement): void {
  if (!alertId) return;
  const card = [...list.querySelectorAll<HTMLElement>('[data-alert-id]')].find((element) => element.dataset.alertId === alertId);
  if (!card) {
    replaceChildren(
      announcement,
      h('div', { class: 'govuk-inset-text', 'data-linked-alert-missing': '' }, 'The alert in your link is not open in your caseload: it may have been acknowledged already, or it is in someone else’s caseload.'),
    );
    return;
  }
  setTimeout(() => {
    const heading = card.querySelector<HTMLElement>('h2, h3');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
    card.scrollIntoView({ block: 'start' });
  }, 0);
}
