import { type Kysely, sql } from 'kysely';

/**
 * Staff who leave and staff who ring: when a member of staff was switched off (their tokens and sessions stop at
 * once; the row stays, because the case record and the audit log name them), and their work phone, which call-ahead
 * texts give as the number they will ring from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff').addColumn('phone', 'text').addColumn('deactivated_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table staff drop column if exists deactivated_at, drop column if exists phone`.execute(db);
}
