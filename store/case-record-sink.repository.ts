import { sql } from 'kysely';
import { CASE_RECORD_SINK_ID } from '../domain/case-record/case-record-sink.js';
import type { Executor } from './database.js';

export interface CaseRecordSinkSettings {
  url: string;
  /** Undefined keeps the stored secret. */
  secret?: string | undefined;
  /** null: every event type. */
  eventTypes: string[] | null;
  enabled: boolean;
  updatedBy: string | null;
}

/** What an admin may see of the sink: everything but the secret. */
export interface CaseRecordSinkView {
  url: string;
  eventTypes: string[] | null;
  enabled: boolean;
  updatedAt: Date;
  backlog: { pending: number; parked: number };
}

export class SinkSecretRequiredError extends Error {
  constructor() {
    super('A secret is required the first time the sink is set');
  }
}

/** The programme CRM's settings (one row). */
export class CaseRecordSinkRepository {
  constructor(private readonly db: Executor) {}

  /** Creates or replaces the sink's settings; a missing secret keeps the one stored. */
  async save(settings: CaseRecordSinkSettings, id = CASE_RECORD_SINK_ID): Promise<void> {
    const eventTypes = settings.eventTypes === null ? null : JSON.stringify(settings.eventTypes);
    if (settings.secret === undefined) {
      const updated = await this.db
        .updateTable('case_record_sinks')
        .set({ url: settings.url, event_types: eventTypes, enabled: settings.enabled, updated_by: settings.updatedBy, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new SinkSecretRequiredError();
      return;
    }
    await this.db
      .insertInto('case_record_sinks')
      .values({ id, url: settings.url, secret: settings.secret, event_types: eventTypes, enabled: settings.enabled, updated_by: settings.updatedBy })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          url: settings.url,
          secret: settings.secret,
          event_types: eventTypes,
          enabled: settings.enabled,
          updated_by: settings.updatedBy,
          updated_at: sql<Date>`now()`,
        }),
      )
      .execute();
  }

  async view(id = CASE_RECORD_SINK_ID): Promise<CaseRecordSinkView | undefined> {
    const row = await this.db
      .selectFrom('case_record_sinks')
      .select(['url', 'event_types', 'enabled', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const counts = await this.db
      .selectFrom('case_record_deliveries')
      .select([
        sql<string>`count(*) filter (where status = 'pending')`.as('pending'),
        sql<string>`count(*) filter (where status = 'parked')`.as('parked'),
      ])
      .where('sink_id', '=', id)
      .where('status', 'in', ['pending', 'parked'])
      .executeTakeFirstOrThrow();
    return {
      url: row.url,
      eventTypes: row.event_types,
      enabled: row.enabled,
      updatedAt: row.updated_at,
      backlog: { pending: Number(counts.pending), parked: Number(counts.parked) },
    };
  }
}
