import { type Kysely, sql } from 'kysely';

/** First contact: welcome sequences (follow-ups without an appointment), wrong numbers, in-work advisers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table follow_ups alter column appointment_id drop not null`.execute(db);
  await sql`create unique index follow_ups_one_welcome on follow_ups (participant_id) where kind = 'welcome'`.execute(db);
  await db.schema
    .alterTable('participants')
    .addColumn('wrong_number_at', 'timestamptz')
    .addColumn('in_work_adviser_id', 'uuid', (c) => c.references('staff.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participants').dropColumn('wrong_number_at').dropColumn('in_work_adviser_id').execute();
  await sql`drop index if exists follow_ups_one_welcome`.execute(db);
}
