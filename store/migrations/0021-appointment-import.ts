import { type Kysely, sql } from 'kysely';

/**
 * Appointments brought in from the programme's CRM keep the CRM's own id for them (`appointment_ref` in the CSV),
 * so importing the file again finds the same appointment: unique per participant, cancelled ones included (a
 * cancelled appointment's id is never reused for a new booking).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appointments').addColumn('external_ref', 'text').execute();
  await sql`create unique index appointments_participant_external_ref on appointments (participant_id, external_ref) where external_ref is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists appointments_participant_external_ref`.execute(db);
  await db.schema.alterTable('appointments').dropColumn('external_ref').execute();
}
