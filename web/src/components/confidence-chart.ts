import type { ConfidenceSeries } from '../api-types.js';
import { h, svg } from '../dom.js';
import { formatDateTime } from '../format.js';

const WIDTH = 480;
const HEIGHT = 200;
const PAD = { top: 12, right: 16, bottom: 32, left: 36 };

/**
 * One confidence question's scores over time as a small line chart, with the same numbers in a table for anyone
 * who cannot see the chart (the SVG is then hidden from screen readers, which read the table instead).
 */
export function confidenceChart(series: ConfidenceSeries, headingId: string): HTMLElement {
  const points = [...series.points].sort((a, b) => a.at.localeCompare(b.at));
  const times = points.map((p) => new Date(p.at).getTime());
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? first;
  const span = last - first || 1;
  const range = series.max - series.min || 1;
  const x = (t: number) => PAD.left + (points.length === 1 ? (WIDTH - PAD.left - PAD.right) / 2 : ((t - first) / span) * (WIDTH - PAD.left - PAD.right));
  const y = (score: number) => PAD.top + (1 - (score - series.min) / range) * (HEIGHT - PAD.top - PAD.bottom);
  const ticks = [series.min, Math.round((series.min + series.max) / 2), series.max];

  const chart = svg(
    'svg',
    { class: 'app-chart__svg', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, 'aria-hidden': 'true', focusable: 'false', 'data-chart': series.questionId },
    ticks.map((tick) => [
      svg('line', { class: 'app-chart__grid', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(tick), y2: y(tick) }),
      svg('text', { class: 'app-chart__label', x: PAD.left - 8, y: y(tick) + 5, 'text-anchor': 'end' }, String(tick)),
    ]),
    svg('line', { class: 'app-chart__axis', x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: HEIGHT - PAD.bottom }),
    svg('line', { class: 'app-chart__axis', x1: PAD.left, x2: WIDTH - PAD.right, y1: HEIGHT - PAD.bottom, y2: HEIGHT - PAD.bottom }),
    points.length > 1
      ? svg('polyline', { class: 'app-chart__line', points: points.map((p, i) => `${x(times[i] as number)},${y(p.score)}`).join(' ') })
      : null,
    points.map((p, i) => svg('circle', { class: 'app-chart__point', cx: x(times[i] as number), cy: y(p.score), r: 5 })),
    points.length > 0
      ? [
          svg('text', { class: 'app-chart__label', x: PAD.left, y: HEIGHT - 8, 'text-anchor': 'start' }, shortDate(points[0]?.at ?? '')),
          points.length > 1
            ? svg('text', { class: 'app-chart__label', x: WIDTH - PAD.right, y: HEIGHT - 8, 'text-anchor': 'end' }, shortDate(points.at(-1)?.at ?? ''))
            : null,
        ]
      : null,
  );

  const change = series.change;
  const summary =
    series.latest === null
      ? 'No answers yet.'
      : `Latest ${series.latest} out of ${series.max}${change === null || change === 0 ? '' : `, ${change > 0 ? 'up' : 'down'} ${Math.abs(change)} since the answer before`}.`;

  return h(
    'figure',
    { class: 'app-chart', 'aria-labelledby': headingId, 'data-confidence': series.questionId },
    h('h3', { class: 'govuk-heading-s govuk-!-margin-bottom-1', id: headingId }, series.label),
    h('p', { class: 'govuk-body govuk-!-margin-bottom-2' }, summary),
    chart,
    h(
      'details',
      { class: 'govuk-details govuk-!-margin-top-2 govuk-!-margin-bottom-0' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'Show the scores as a table')),
      h(
        'div',
        { class: 'govuk-details__text' },
        h(
          'table',
          { class: 'govuk-table govuk-!-margin-bottom-0' },
          h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, `${series.label} (${series.min} to ${series.max})`),
          h(
            'thead',
            { class: 'govuk-table__head' },
            h('tr', { class: 'govuk-table__row' }, h('th', { scope: 'col', class: 'govuk-table__header' }, 'When'), h('th', { scope: 'col', class: 'govuk-table__header govuk-table__header--numeric' }, 'Score')),
          ),
          h(
            'tbody',
            { class: 'govuk-table__body' },
            points.map((p) =>
              h('tr', { class: 'govuk-table__row' }, h('td', { class: 'govuk-table__cell' }, formatDateTime(p.at)), h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, String(p.score))),
            ),
          ),
        ),
      ),
    ),
  );
}

function shortDate(iso: string): string {
  return iso ? new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' }).format(new Date(iso)) : '';
}
