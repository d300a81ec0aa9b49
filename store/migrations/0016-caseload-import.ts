import { type Kysely, sql } from 'kysely';

/**
 * A caseload brought in from the programme's CRM: the CRM's own id on each participant (unique among the people
 * still on record, so importing it again finds the same person), their last name, and a work email for staff (the
 * import names key workers by it; unique whatever its case).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('last_name', 'text').addColumn('external_ref', 'text').execute();
  await sql`create unique index participants_external_ref_live on participants (external_ref) where external_ref is not null and erased_at is null`.execute(db);
  await db.schema.alterTable('staff').addColumn('email', 'text').execute();
  await sql`create unique index staff_email on staff (lower(email)) where email is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists staff_email`.execute(db);
  await db.schema.alterTable('staff').dropColumn('email').execute();
  await sql`drop index if exists participants_external_ref_live`.execute(db);
  await db.schema.alterTable('participants').dropColumn('external_ref').dropColumn('last_name').execute();
}
