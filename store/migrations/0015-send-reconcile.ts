import { type Kysely, sql } from 'kysely';

/**
 * Sends cut mid-call are looked up in Twilio instead of given up: when each attempt was claimed (our clock, what
 * the lookup matches Twilio's creation time against), how many lookups failed, how many times a send Twilio did
 * not have was sent again (at most once), and whether it went as an approved template (its text cannot be matched).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('messages')
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('reconcile_lookups', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reconcile_resends', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_as_template', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // The sweep's look for cut sends: ours are `sending` without a sid (Twilio's own `sending` always has one).
  await sql`create index messages_cut_sends on messages (claimed_at) where status = 'sending' and twilio_sid is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists messages_cut_sends`.execute(db);
  await db.schema
    .alterTable('messages')
    .dropColumn('claimed_at')
    .dropColumn('reconcile_lookups')
    .dropColumn('reconcile_resends')
    .dropColumn('sent_as_template')
    .execute();
}
