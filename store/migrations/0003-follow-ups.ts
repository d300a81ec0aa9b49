import { type Kysely, sql } from 'kysely';

/** Did-not-attend follow-ups: a gentle sequence of messages per missed appointment, stopped by any reply. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('appointment_id', 'uuid', (c) => c.notNull().references('appointments.id'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('dna'))
    // active → replied (any reply) | stopped (STOP, key worker, new attendance, erased) | not_reached (no reply)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('days', 'jsonb', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('next_at', 'timestamptz')
    .addColumn('reason_recorded_at', 'timestamptz')
    .addColumn('ended_reason', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index follow_ups_one_per_dna on follow_ups (appointment_id, kind)`.execute(db);
  await sql`create index follow_ups_active on follow_ups (next_at) where status = 'active'`.execute(db);
  await db.schema.createIndex('follow_ups_participant').on('follow_ups').columns(['participant_id', 'started_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('follow_ups').ifExists().execute();
}
