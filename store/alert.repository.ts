import { sql } from 'kysely';
import type { AlertPriority, AlertType, JsonObject } from '../domain/case-record/case-record.types.js';
import type { CaseloadScope } from '../domain/caseload.js';
import { alertInScope, inCaseload } from './caseload-filter.js';
import type { Executor } from './database.js';
import type { AlertRow } from './schema.js';

export interface NewAlert {
  participantId: string;
  type: AlertType;
  priority: AlertPriority;
  data: JsonObject;
  sourceKey: string;
  createdAt: Date;
  /** When it escalates if nobody acknowledges it (urgent safeguarding alerts only). */
  escalateAt?: Date | null;
}

/** An alert whose escalation is due before some time, for the sweep. */
export interface DueEscalation {
  alertId: string;
  dueAt: Date;
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
        escalate_at: alert.escalateAt ?? null,
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
      .where(inCaseload(scope))
      .where(alertInScope(scope));
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

  /** The alert, locked until the transaction ends (escalation re-checks it under this lock). */
  async lockById(id: string): Promise<AlertRow | undefined> {
    return this.db.selectFrom('alerts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  /** Records that an open alert was escalated; undefined when it was acknowledged or escalated meanwhile. */
  async markEscalated(id: string, at: Date, contacts: number): Promise<AlertRow | undefined> {
    return this.db
      .updateTable('alerts')
      .set({ escalated_at: at, escalation_contacts: contacts })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .where('escalated_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  }

  /** Open alerts of live participants whose escalation is due before `before` and has not happened, earliest first. */
  async listEscalationsDueBefore(before: Date, limit: number): Promise<DueEscalation[]> {
    const rows = await this.db
      .selectFrom('alerts')
      .innerJoin('participants', 'participants.id', 'alerts.participant_id')
      .select(['alerts.id', 'alerts.escalate_at'])
      .where('alerts.status', '=', 'open')
      .where('alerts.escalated_at', 'is', null)
      .where('alerts.escalate_at', 'is not', null)
      .where('alerts.escalate_at', '<', before)
      .where('participants.erased_at', 'is', null)
      .orderBy('alerts.escalate_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ alertId: r.id, dueAt: r.escalate_at as Date }));
  }

  async eraseForParticipant(participantId: string): Promise<void> {
    await this.db
      .updateTable('alerts')
      .set({ data: JSON.stringify({ erased: true }), note: null })
      .where('participant_id', '=', participantId)
      .execute();
  }
}
