import { sql } from 'kysely';
import type { JsonObject } from '../domain/case-record/case-record.types.js';
import { toCaseRecordEventPayload, type CaseRecordEventPayload } from './case-record-event-payload.js';
import type { Executor } from './database.js';

/** A position in the feed: after the event with this transaction id and event id. */
export interface FeedPosition {
  xid: string;
  id: string;
}

export const FEED_START: FeedPosition = { xid: '0', id: '0' };

/**
 * Every case-record event, in commit order, for a CRM that pulls (GET /api/events).
 *
 * Ordered by (xid, id): the id of the transaction that wrote the event, then the event's id. A page only holds
 * events of transactions older than every transaction still running (`pg_snapshot_xmin`), so all of those are
 * committed (or rolled back) and no event can later appear before the end of the page: reading on from the last
 * position returned never skips one and never repeats one, however writers interleave. Events of a transaction
 * still running, or of one that started before it, simply come a moment later.
 */
export class CaseRecordFeedRepository {
  constructor(private readonly db: Executor) {}

  async page(after: FeedPosition, limit: number): Promise<{ events: CaseRecordEventPayload[]; last: FeedPosition }> {
    const result = await sql<{
      id: string;
      xid: string;
      type: string;
      at: Date;
      participant_id: string;
      appointment_id: string | null;
      data: JsonObject;
    }>`
      select id, xid::text as xid, type, at, participant_id, appointment_id, data
      from case_record_events
      where (xid, id) > (${after.xid}::xid8, ${after.id}::bigint)
        and xid < pg_snapshot_xmin(pg_current_snapshot())
      order by xid, id
      limit ${limit}`.execute(this.db);
    const lastRow = result.rows.at(-1);
    return {
      events: result.rows.map(toCaseRecordEventPayload),
      last: lastRow ? { xid: lastRow.xid, id: String(lastRow.id) } : after,
    };
  }
}
