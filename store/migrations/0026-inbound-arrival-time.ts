import { type Kysely, sql } from 'kysely';

/**
 * The clock time a text was acknowledged at. The webhook stores only the message row; its `message.inbound` event
 * is written from that row when the text's turn starts (or it is parked), with this as its time, so the event
 * reads as it did when the acknowledgement wrote it. Null on rows written before (their events exist already).
 * A nullable column without a default: no table rewrite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table messages add column received_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table messages drop column if exists received_at`.execute(db);
}
