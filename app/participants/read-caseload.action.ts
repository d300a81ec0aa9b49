import { caseloadOf, type StaffIdentity } from '../../domain/caseload.js';
import { CaseloadSummaryRepository } from '../../store/caseload-summary.repository.js';
import type { Db } from '../../store/database.js';

/** GET /api/caseload: one row a person in the caller's caseload, with what is next, what came back, what needs them. */
export class ReadCaseload {
  constructor(private readonly deps: { db: Db }) {}

  async execute(staff: StaffIdentity, filter: Parameters<CaseloadSummaryRepository['list']>[1], now: Date) {
    return new CaseloadSummaryRepository(this.deps.db).list(caseloadOf(staff), filter, now);
  }
}
