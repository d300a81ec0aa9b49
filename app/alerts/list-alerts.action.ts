import { caseloadOf, type StaffIdentity } from '../../domain/caseload.js';
import { AlertRepository } from '../../store/alert.repository.js';
import type { Db } from '../../store/database.js';
import type { AlertRow } from '../../store/schema.js';

/** GET /api/alerts: alerts in the caller's caseload, urgent first. */
export async function listAlerts(db: Db, staff: StaffIdentity, filter: { status?: 'open' | 'acknowledged' | undefined; participantId?: string | undefined }): Promise<AlertRow[]> {
  return new AlertRepository(db).list(caseloadOf(staff), {
    ...(filter.status && { status: filter.status }),
    ...(filter.participantId && { participantId: filter.participantId }),
  });
}
