import type { Executor } from './database.js';

export interface AuditEntry {
  staffId: string;
  method: string;
  route: string;
  subjectId: string | null;
  status: number;
  /** Where the call came from, as TRUST_PROXY decides it. */
  clientAddress?: string | null;
  requestId?: string | null;
}

export class AuditRepository {
  constructor(private readonly db: Executor) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        staff_id: entry.staffId,
        method: entry.method,
        route: entry.route,
        subject_id: entry.subjectId,
        status: entry.status,
        client_address: entry.clientAddress ?? null,
        request_id: entry.requestId ?? null,
      })
      .execute();
  }

  async list(filter: { staffId?: string; subjectId?: string; limit: number }) {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filter.staffId) query = query.where('staff_id', '=', filter.staffId);
    if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
    return query.orderBy('id', 'desc').limit(filter.limit).execute();
  }
}
