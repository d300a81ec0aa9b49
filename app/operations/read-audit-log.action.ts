import { AuditRepository } from '../../store/audit.repository.js';
import type { Db } from '../../store/database.js';

/** GET /api/audit: who read or changed which record, newest first. */
export class ReadAuditLog {
  constructor(private readonly deps: { db: Db }) {}

  async execute(filter: Parameters<AuditRepository['list']>[0]) {
    return new AuditRepository(this.deps.db).list(filter);
  }
}
