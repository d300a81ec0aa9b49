import { type Kysely, sql } from 'kysely';

/** Case-record exports read a team's events a date range at a time, in time order, a page after the last one. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index events_by_time on case_record_events (at, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists events_by_time`.execute(db);
}
