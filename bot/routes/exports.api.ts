import { z } from 'zod';
import { ExportRequestError, ExportTeamForbiddenError, type CsvExport } from '../../app/exports/csv-export.js';
import { ExportCaseRecord } from '../../app/exports/export-case-record.action.js';
import { ExportOutcomes } from '../../app/exports/export-outcomes.action.js';
import type { ExportRequest } from '../../app/exports/export-scope.js';
import { MAX_EXPORT_DAYS } from '../../domain/export-range.js';
import { ApiError } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, type ApiRoute } from './api-route.js';
import { errorSchema } from './api-schemas.js';
import { csvDownload } from './csv-download.js';

export const exportQuery = z.strictObject({
  from: z.iso.date().describe('First local day (YYYY-MM-DD)'),
  to: z.iso.date().describe(`Last local day, included (YYYY-MM-DD); at most ${MAX_EXPORT_DAYS} days from \`from\``),
  team: z.string().min(1).max(100).optional().describe('Admins: one team (default: everyone). Others: only their own team, and only their caseload in it'),
  bom: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true')
    .describe('false: no UTF-8 byte-order mark (Excel needs one to read accents such as Siân correctly; default true)'),
});

const responses = (what: string) => ({
  200: { description: `${what} as CSV (a download; formula-safe: a cell starting = + - @ gets a leading apostrophe)`, mediaType: 'text/csv' as const },
  400: { description: 'A date is not YYYY-MM-DD, from is after to, or the range is longer than a year (the field is named)', schema: errorSchema },
  403: { description: 'A team not your own', schema: errorSchema },
});

/** The case record and the outcomes report of a team or caseload, for a date range, as spreadsheet downloads. */
export function exportRoutes({ db, clock, config }: ApiDeps): ApiRoute[] {
  const timeZone = config.PROGRAMME_TIMEZONE;
  const caseRecord = new ExportCaseRecord({ db, timeZone });
  const outcomes = new ExportOutcomes({ db, clock, timeZone });
  const download = async (run: () => CsvExport, bom: boolean) => {
    try {
      return await csvDownload(run(), { bom });
    } catch (error) {
      if (error instanceof ExportRequestError) {
        throw new ApiError(400, 'validation_failed', 'The request query is not valid', { fields: [{ path: error.field, message: error.message }] });
      }
      if (error instanceof ExportTeamForbiddenError) throw new ApiError(403, 'forbidden', error.message);
      throw error;
    }
  };
  const request = (staff: ExportRequest['staff'], query: z.output<typeof exportQuery>): ExportRequest => ({ staff, team: query.team, from: query.from, to: query.to });

  return [
    route({
      method: 'get',
      path: '/api/exports/case-record.csv',
      summary: 'The case record of your caseload (admin: a team or everyone) for a date range: one row per event, oldest first',
      query: exportQuery,
      responses: responses('event_id, participant_id, external_ref, first_name, last_name, key_worker, event_type, at (ISO 8601 with offset), appointment_id, summary, data (JSON)'),
      async handle({ staff, query }) {
        return download(() => caseRecord.execute(request(staff, query)), query.bom);
      },
    }),
    route({
      method: 'get',
      path: '/api/exports/outcomes.csv',
      summary: 'The outcomes report of your caseload (admin: a team or everyone) for a date range: one row per participant',
      query: exportQuery,
      responses: responses(
        'Per participant: attendance, did-not-attend reasons by category, check-in answers, first and latest confidence scores, job starts, and in work at 4, 13 and 26 weeks',
      ),
      async handle({ staff, query }) {
        return download(() => outcomes.execute(request(staff, query)), query.bom);
      },
    }),
  ];
}
