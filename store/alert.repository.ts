import { sql } from 'kysely';
import type { AlertPriority, AlertType, JsonObject } from '../domain/case-record.types.js';
import type { CaseloadScope } from '../domain/caseload.js';
import { inCaseload } from './caseload-filter.js';
import type { Executor } from './database.js';
import type { AlertRow } from './schema.js';

export interface NewAlert {
  participantId: string;
  type: AlertType;
  priority: AlertPriority;
  data: JsonObject;
  sourceKey: string;
  createdAt: Date;
}

const PRIORITY_ORDER = sql<number>`case priority when 'urgent' then 0 when 'high' then 1 else 2 end`;

export class AlertRepository {
  constructor(private readonly db: Executor) {}

  /** Raises an alert once per source key; undefined when it was already raised. */
  async raise(alert: NewAlert): Promise<AlertRow | undefined> {
    return this.db
      .insertInto('alerts')
      .values({
        participant_id: alert.participantId,
        type: alert.type,
        priority: alert.priority,
        data: JSON.stringify(alert.data),
        source_key: alert.sourceKey,
        created_at: alert.createdAt,
      })
      .onConflict((oc) => oc.column('source_key').doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  /** Alerts in the caller's caseload, urgent first, then oldest first. */
  async list(scope: CaseloadScope, filter: { status?: 'open' | 'acknowledged'; participantId?: string }): Promise<AlertRow[]> {
    let query = this.db
      .selectFrom('alerts')
      .innerJoin('participants', 'participants.id', 'alerts.participant_id')
      .selectAll('alerts')
      .where('participants.erased_at', 'is', null)
      .where(inCaseload(scope));
    if (filter.status) query = query.where('alerts.status', '=', filter.status);
    if (filter.participantId) query = query.where('alerts.participant_id', '=', filter.participantId);
    return query.orderBy(PRIORITY_ORDER).orderBy('alerts.created_at').orderBy('alerts.id').execute();
  }

  async findById(id: string): Promise<AlertRow | undefined> {
    return this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Acknowledges an open alert; undefined when it was already acknowledged. */
  async acknowledge(id: string, by: string, note: string | null, at: Date): Promise<AlertRow | undefined> {
    return this.db
      .updateTable('alerts')
      .set({ status: 'acknowledged', acknowledged_by: by, acknowledged_at: at, note })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
  }

  async eraseForParticipant(participantId: string): Promise<void> {
    await this.db
      .updateTable('alerts')
      .set({ data: JSON.stringify({ erased: true }), note: null })
      .where('participant_id', '=', participantId)
      .execute();
  }
}
