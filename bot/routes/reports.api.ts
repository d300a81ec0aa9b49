import { z } from 'zod';
import { caseloadOf } from '../../domain/caseload.js';
import { DNA_REASON_CATEGORIES } from '../../domain/appointments/dna.types.js';
import { startOfLocalDay } from '../../domain/sending/message-cap.js';
import { ReportAttendance } from '../../app/exports/report-attendance.action.js';
import type { AttendanceReport } from '../../store/attendance-report.repository.js';
import { ApiError } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, type ApiRoute } from './api-route.js';
import { errorSchema } from './api-schemas.js';
import { csvCell, csvLines } from './csv.js';
import { localCalendarDate } from '../../domain/time/calendar-date.js';

const DAY_MS = 24 * 3600_000;
const MAX_RANGE_DAYS = 366;

const reportQuery = z.strictObject({
  from: z.iso.date().optional().describe('First local day (yyyy-mm-dd); default: 7 days before `to`'),
  to: z.iso.date().optional().describe('Last local day, included (yyyy-mm-dd); default: today'),
});

const reasonCounts = z.object(Object.fromEntries(DNA_REASON_CATEGORIES.map((c) => [c, z.number().int()])));
const reportSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  totals: z.object({ attended: z.number().int(), didNotAttend: z.number().int(), notReached: z.number().int(), reasons: reasonCounts }),
  participants: z.array(
    z.object({
      participantId: z.uuid(),
      firstName: z.string(),
      attended: z.number().int(),
      didNotAttend: z.number().int(),
      notReached: z.number().int(),
      reasons: reasonCounts,
    }),
  ),
});

/** The weekly non-attendance view key workers asked for, as JSON and as a CSV download of the same. */
export function reportRoutes({ db, clock, config }: ApiDeps): ApiRoute[] {
  const build = async (scope: ReturnType<typeof caseloadOf>, query: z.output<typeof reportQuery>) => {
    const zone = config.PROGRAMME_TIMEZONE;
    const today = localCalendarDate(clock.now(), zone);
    const to = query.to ?? today;
    const from = query.from ?? localCalendarDate(new Date(Date.parse(`${to}T12:00:00Z`) - 6 * DAY_MS), zone);
    const start = startOfLocalDay(new Date(`${from}T12:00:00Z`), zone);
    const end = startOfLocalDay(new Date(Date.parse(`${to}T12:00:00Z`) + DAY_MS), zone);
    if (end <= start || end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY_MS + 2 * 3600_000) {
      throw new ApiError(400, 'validation_failed', `from must be on or before to, at most ${MAX_RANGE_DAYS} days apart`, {
        fields: [{ path: 'from', message: 'out of range' }],
      });
    }
    return { from, to, ...(await new ReportAttendance({ db }).execute(scope, start, end)) };
  };

  return [
    route({
      method: 'get',
      path: '/api/reports/attendance',
      summary: 'Attended, did not attend, reasons by category and not reached, per participant in your caseload',
      query: reportQuery,
      responses: { 200: { description: 'The report', schema: reportSchema }, 400: { description: 'Invalid range', schema: errorSchema } },
      async handle({ staff, query }) {
        return { status: 200, body: await build(caseloadOf(staff), query) };
      },
    }),
    route({
      method: 'get',
      path: '/api/reports/attendance.csv',
      summary: 'The same attendance report as a CSV download',
      query: reportQuery,
      responses: { 200: { description: 'text/csv' }, 400: { description: 'Invalid range', schema: errorSchema } },
      async handle({ staff, query }) {
        const report = await build(caseloadOf(staff), query);
        return {
          status: 200,
          body: toCsv(report),
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="attendance-${report.from}-to-${report.to}.csv"`,
          },
        };
      },
    }),
  ];
}

function toCsv(report: AttendanceReport): string {
  const header = ['participant_id', 'first_name', 'attended', 'did_not_attend', 'not_reached', ...DNA_REASON_CATEGORIES.map((c) => `reason_${c}`)];
  const lines = [header.join(',')];
  for (const row of report.participants) {
    lines.push(
      [row.participantId, csvCell(row.firstName), row.attended, row.didNotAttend, row.notReached, ...DNA_REASON_CATEGORIES.map((c) => row.reasons[c])].join(','),
    );
  }
  const t = report.totals;
  lines.push(['total', '', t.attended, t.didNotAttend, t.notReached, ...DNA_REASON_CATEGORIES.map((c) => t.reasons[c])].join(','));
  return csvLines(lines);
}
