import { ApiProblem } from '../api-client.js';
import type { Alert, Appointment, ParticipantDetail, RecordEvent, ThreadMessage } from '../api-types.js';
import { alertCard } from '../components/alert-card.js';
import { appointmentsSection } from '../components/appointments.js';
import { callAheadForm } from '../components/call-ahead.js';
import { confidenceChart } from '../components/confidence-chart.js';
import { jobPanel } from '../components/job-panel.js';
import { chatThread, timeline } from '../components/conversation.js';
import { sandboxReplyForm } from '../components/sandbox-reply.js';
import { participantTags } from '../components/tags.js';
import { h, replaceChildren } from '../dom.js';
import { poll, type Page, type PageContext } from '../page.js';
import { notFoundPage } from './not-found.page.js';

/** How often the thread, record and alerts refresh while the page is open. */
const REFRESH_MS = 2_500;

/**
 * One person: the conversation beside the case-record timeline, open alerts, appointments, their job and how their
 * confidence has moved.
 */
export async function participantPage(context: PageContext): Promise<Page> {
  const { api, session, params } = context;
  const id = params.id as string;
  let detail: ParticipantDetail;
  try {
    detail = await api.get<ParticipantDetail>(`/api/participants/${id}`);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) return notFoundPage(context, 'No one with this link is in your caseload.');
    throw error;
  }
  const name = detail.firstName || 'Erased participant';
  const thread = chatThread(`Conversation with ${name}`);
  const record = timeline();
  const alerts = h('div', { 'data-participant-alerts': '' });
  const status = h('div', { role: 'status', class: 'govuk-!-margin-bottom-4', 'data-page-status': '' });
  const header = h('div');
  const confidence = h('div');

  const announce = (message: string) => {
    replaceChildren(status, h('div', { class: 'govuk-inset-text govuk-!-margin-top-0' }, message));
  };
  const appointments = appointmentsSection({
    api,
    participantId: id,
    participantName: name,
    onChanged: (message) => {
      announce(message);
      void refresh(true);
    },
  });

  const renderAlerts = (open: Alert[]) => {
    replaceChildren(
      alerts,
      open.length > 0
        ? [
            h('h2', { class: 'govuk-heading-m' }, `Open alerts (${open.length})`),
            open.map((alert) =>
              alertCard(alert, {
                api,
                participantName: name,
                headingLevel: 'h3',
                onAcknowledged: () => {
                  announce('Alert acknowledged. It is on the case record.');
                  context.refreshNavigation();
                  void refresh(true);
                },
              }),
            ),
          ]
        : null,
    );
  };
  const renderHeader = (d: ParticipantDetail) => {
    replaceChildren(
      header,
      h('span', { class: 'govuk-caption-l' }, `${d.phone} · ${d.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'}${d.team ? ` · ${d.team}` : ''}`),
      h('h1', { class: 'govuk-heading-l govuk-!-margin-bottom-2' }, name),
      h('p', { class: 'app-tag-list govuk-!-margin-bottom-4' }, participantTags(d)),
      d.optedOut ? h('div', { class: 'govuk-inset-text' }, `${name} has opted out: no messages go to them until they text START.`) : null,
      d.wrongNumber ? h('div', { class: 'govuk-inset-text' }, 'Someone at this number said it is not theirs. Nothing is sent until the number is changed.') : null,
    );
  };
  const callAhead = callAheadForm({
    api,
    participantId: id,
    participantName: name,
    onSent: (message) => {
      announce(message);
      void refresh(false);
    },
  });
  const job = jobPanel({
    api,
    participantId: id,
    participantName: name,
    onChanged: (message) => {
      announce(message);
      void refresh(true);
    },
  });
  let confidenceShown = '';
  const renderConfidence = (d: ParticipantDetail) => {
    const series = (d.confidence ?? []).filter((s) => s.points.length > 0);
    const key = JSON.stringify(series);
    if (key === confidenceShown) return;
    confidenceShown = key;
    replaceChildren(
      confidence,
      series.length > 0
        ? [h('h2', { class: 'govuk-heading-m' }, 'Confidence over time'), series.map((s, i) => confidenceChart(s, `confidence-${i}`))]
        : null,
    );
  };

  let alertsShown = '';
  const refresh = async (all = false) => {
    const [messages, events, latest, appts] = await Promise.all([
      api.get<ThreadMessage[]>(`/api/participants/${id}/messages`),
      api.get<{ events: RecordEvent[] }>(`/api/participants/${id}/record`),
      api.get<ParticipantDetail>(`/api/participants/${id}`),
      all ? api.get<Appointment[]>(`/api/participants/${id}/appointments`) : Promise.resolve(undefined),
    ]);
    thread.update(messages, name);
    record.update(events.events);
    const alertsKey = latest.openAlerts.map((a) => a.id).join(',');
    if (alertsKey !== alertsShown) {
      alertsShown = alertsKey;
      renderAlerts(latest.openAlerts);
    }
    renderConfidence(latest);
    if (appts) appointments.update(appts);
    if (all) {
      renderHeader(latest);
      job.update(latest.job);
    }
  };

  renderHeader(detail);
  await refresh(true);
  const stop = poll(() => refresh(false), REFRESH_MS);

  const conversationColumn = h(
    'section',
    { class: 'govuk-grid-column-one-half', 'aria-labelledby': 'conversation-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'conversation-heading' }, 'Conversation'),
    thread.element,
    session.sandbox
      ? sandboxReplyForm({ api, participant: { firstName: name, phone: detail.phone, channel: detail.channel }, onSent: () => void refresh(false) })
      : null,
  );
  const recordColumn = h(
    'section',
    { class: 'govuk-grid-column-one-half', 'aria-labelledby': 'record-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'record-heading' }, 'Case record'),
    h('p', { class: 'govuk-body-s app-muted' }, 'Newest first.'),
    record.element,
  );

  return {
    title: name,
    content: h(
      'div',
      null,
      h('a', { class: 'govuk-back-link govuk-!-margin-top-0', href: '/caseload' }, 'Back to caseload'),
      header,
      status,
      callAhead,
      alerts,
      h('div', { class: 'govuk-grid-row' }, conversationColumn, recordColumn),
      h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-one-half' }, appointments.element), h('div', { class: 'govuk-grid-column-one-half' }, job.element, confidence)),
    ),
    dispose: stop,
  };
}
