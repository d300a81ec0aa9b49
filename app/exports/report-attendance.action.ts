import type { CaseloadScope } from '../../domain/caseload.js';
import { AttendanceReportRepository, type AttendanceReport } from '../../store/attendance-report.repository.js';
import type { Db } from '../../store/database.js';

/** Attended, did not attend, reasons by category and not reached, per participant in the scope, between two instants. */
export class ReportAttendance {
  constructor(private readonly deps: { db: Db }) {}

  async execute(scope: CaseloadScope, start: Date, end: Date): Promise<AttendanceReport> {
    return new AttendanceReportRepository(this.deps.db).report(scope, start, end);
  }
}
