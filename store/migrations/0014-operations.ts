import { type Kysely, sql } from 'kysely';

/**
 * Operations: the audit log keeps the caller's address (as TRUST_PROXY decides it) and the request id, and a
 * message that became a dead letter (a turn that kept failing, a send that gave up after its retries) says when,
 * so admins can list and replay them. The partial index keeps that list cheap however many messages there are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('client_address', 'text').addColumn('request_id', 'text').execute();
  await db.schema.alterTable('messages').addColumn('parked_at', 'timestamptz').execute();
  await sql`create index messages_dead_letters on messages (direction, (coalesce(parked_at, updated_at)) desc, id)
    where parked_at is not null or status = 'unconfirmed'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists messages_dead_letters`.execute(db);
  await db.schema.alterTable('messages').dropColumn('parked_at').execute();
  await db.schema.alterTable('audit_log').dropColumn('client_address').dropColumn('request_id').execute();
}
