import { sql } from 'kysely';
import type { Executor } from './database.js';

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
}
