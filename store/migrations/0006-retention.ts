import { type Kysely, sql } from 'kysely';

/** Finding what the retention job must clear stays cheap however much history there is. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index messages_bodies_by_age on messages (created_at) where body is not null`.execute(db);
  await sql`create index events_bodies_by_age on case_record_events (at) where type in ('message.inbound', 'message.outbound') and data ? 'body'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists messages_bodies_by_age`.execute(db);
  await sql`drop index if exists events_bodies_by_age`.execute(db);
}
