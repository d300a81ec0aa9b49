import { caseloadOf, seesAlertOfType, type StaffIdentity } from '../../domain/caseload.js';
import type { Clock } from '../../domain/time/clock.js';
import { sourceKeys } from '../../domain/job-keys.js';
import { AlertRepository } from '../../store/alert.repository.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { AlertRow } from '../../store/schema.js';
import { ConflictError, NotFoundError } from '../action-errors.js';

/** POST /api/alerts/:id/ack: the alert is acknowledged once, with an optional note, and the record says who. */
export class AcknowledgeAlert {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async execute(staff: StaffIdentity, alertId: string, note: string | null): Promise<AlertRow> {
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (tx) => {
      const alerts = new AlertRepository(tx);
      const alert = await alerts.findById(alertId);
      const scope = caseloadOf(staff);
      const visible = alert && seesAlertOfType(scope, alert.type) ? alert : undefined;
      const participant = visible && (await new ParticipantRepository(tx).findById(visible.participant_id, scope));
      if (!alert || !participant) throw new NotFoundError('No such alert in your caseload');
      const row = await alerts.acknowledge(alertId, staff.id, note, now);
      if (!row) throw new ConflictError('This alert was already acknowledged');
      await new CaseRecordRepository(tx).append({
        participantId: row.participant_id,
        type: 'alert.acknowledged',
        at: now,
        data: { alertId: row.id, type: row.type, by: staff.id, note: row.note },
        sourceKey: sourceKeys.alertAcknowledged(row.id),
      });
      return row;
    });
  }
}
