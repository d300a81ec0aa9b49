import { caseRecordSummary } from '../../domain/case-record/case-record-summary.js';
import { localIsoDateTime } from '../../domain/export-range.js';
import { CaseRecordExportRepository, type EventCursor } from '../../store/case-record-export.repository.js';
import type { Executor } from '../../store/database.js';
import type { CsvExport, CsvValue } from './csv-export.js';
import { exportScopeFor, type ExportRequest } from './export-scope.js';

/** Events read per query: memory stays flat however long the record is. */
const PAGE_SIZE = 1000;

export const CASE_RECORD_COLUMNS = [
  'event_id',
  'participant_id',
  'external_ref',
  'first_name',
  'last_name',
  'key_worker',
  'event_type',
  'at',
  'appointment_id',
  'summary',
  'data',
] as const;

/** The case record of a team (or a caseload) over a date range: one row per event, oldest first. */
export class ExportCaseRecord {
  constructor(private readonly deps: { db: Executor; timeZone: string; pageSize?: number }) {}

  execute(request: ExportRequest): CsvExport {
    const { scope, range, label } = exportScopeFor(request, this.deps.timeZone);
    const repository = new CaseRecordExportRepository(this.deps.db);
    const { timeZone } = this.deps;
    const pageSize = this.deps.pageSize ?? PAGE_SIZE;
    async function* rows(): AsyncGenerator<readonly CsvValue[]> {
      let after: EventCursor | null = null;
      do {
        const page = await repository.page(scope, range.start, range.end, after, pageSize);
        for (const e of page.events) {
          yield [
            e.id,
            e.participantId,
            e.externalRef,
            e.firstName,
            e.lastName,
            e.keyWorkerName,
            e.type,
            localIsoDateTime(e.at, timeZone),
            e.appointmentId,
            caseRecordSummary(e.type, e.data),
            JSON.stringify(e.data),
          ];
        }
        after = page.next;
      } while (after);
    }
    return { filename: `case-record-${label}-${range.from}-to-${range.to}.csv`, columns: CASE_RECORD_COLUMNS, rows: rows() };
  }
}
