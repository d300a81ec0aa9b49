import { sql, type RawBuilder } from 'kysely';
import type { JsonObject } from '../domain/case-record/case-record.types.js';
import { PARTICIPANT_WORD_FIELDS, WORD_REASON_TYPES, withoutParticipantWords } from '../domain/case-record/participant-words.js';
import type { Executor } from './database.js';

/**
 * True for alert or event data that still holds a participant's words (see domain/case-record/participant-words.ts). Migration
 * 0012 wrote it out as its partial indexes' predicate; a change here needs a migration that rebuilds them.
 */
export function holdsParticipantWords(): RawBuilder<boolean> {
  const fields = PARTICIPANT_WORD_FIELDS.map((field) => `exists(@.${field})`).join(' || ');
  const types = WORD_REASON_TYPES.map((type) => `'${type}'`).join(', ');
  return sql<boolean>`(jsonb_path_exists(data, ${sql.lit(`$.** ? (${fields})`)}) or ((type in (${sql.raw(types)}) or data->>'type' in (${sql.raw(types)})) and jsonb_path_exists(data, '$.**.reason')))`;
}

interface WordsRow {
  id: string;
  type: string;
  data: JsonObject;
}

/**
 * Retention (UK GDPR storage limitation): what people wrote and what we sent them is cleared once it is older than
 * the programme keeps it; the rows, their types and times stay, so counts and timelines remain true.
 */
export class RetentionRepository {
  constructor(private readonly db: Executor) {}

  /** Clears up to `batch` message bodies (and the copies in their events) older than `before`; returns how many. */
  async clearBodiesBefore(before: Date, batch: number): Promise<number> {
    const messages = await sql`
      update messages set body = null, updated_at = now()
      where id in (select id from messages where body is not null and created_at < ${before} limit ${batch})`.execute(this.db);
    await sql`
      update case_record_events set data = data - 'body'
      where id in (
        select id from case_record_events
        where type in ('message.inbound', 'message.outbound') and data ? 'body' and at < ${before}
        limit ${batch})`.execute(this.db);
    await sql`
      update pending_writebacks set payload = '{}'::jsonb
      where id in (select id from pending_writebacks where applied_at is not null and created_at < ${before} and payload <> '{}'::jsonb limit ${batch})`.execute(
      this.db,
    );
    return Number(messages.numAffectedRows ?? 0n);
  }

  /**
   * Clears the participant's words from up to `batch` alerts and as many events older than `before` (free text,
   * answers, reasons, replies, the words a safeguarding rule matched); what kind of thing happened, categories,
   * rule names, scores and outcomes stay. Returns how many rows changed.
   */
  async clearWordsBefore(before: Date, batch: number): Promise<number> {
    const alerts = await sql<WordsRow>`
      select id, type, data from alerts where created_at < ${before} and ${holdsParticipantWords()} limit ${batch}`.execute(this.db);
    const events = await sql<WordsRow>`
      select id, type, data from case_record_events where at < ${before} and ${holdsParticipantWords()} limit ${batch}`.execute(this.db);
    return (await this.replaceData('alerts', 'uuid', alerts.rows)) + (await this.replaceData('case_record_events', 'bigint', events.rows));
  }

  /** One statement per table; a row changed since it was read (an erasure, say) is left for the next run. */
  private async replaceData(table: 'alerts' | 'case_record_events', idType: 'uuid' | 'bigint', rows: WordsRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const changes = JSON.stringify(rows.map((row) => ({ id: row.id, old: row.data, data: withoutParticipantWords(row.type, row.data) })));
    const result = await sql`
      update ${sql.table(table)} t set data = x.data
      from jsonb_to_recordset(${changes}::jsonb) as x(id ${sql.raw(idType)}, old jsonb, data jsonb)
      where t.id = x.id and t.data = x.old`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n);
  }
}
