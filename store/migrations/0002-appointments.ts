import { type Kysely, sql } from 'kysely';

/** Appointments (versioned), their reminders, and each team's reminder policy. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('appointments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('mandatory', 'boolean', (c) => c.notNull())
    .addColumn('reminder_offsets', 'jsonb')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled').check(sql`status in ('scheduled', 'cancelled')`))
    .addColumn('cancel_reason', 'text')
    .addColumn('attendance', 'text', (c) => c.check(sql`attendance in ('attended', 'did_not_attend')`))
    .addColumn('created_by', 'uuid', (c) => c.references('staff.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('appointments_participant_start').on('appointments').columns(['participant_id', 'starts_at']).execute();

  await db.schema
    .createTable('reminders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('appointment_id', 'uuid', (c) => c.notNull().references('appointments.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('offset', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('send_at', 'timestamptz')
    // scheduled → sent; or dropped (too late, merged), superseded (a newer version), cancelled, skipped (opted out…)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('job_id', 'text', (c) => c.notNull().unique())
    .addColumn('message_id', 'uuid')
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await sql`create index reminders_due on reminders (send_at) where status = 'scheduled'`.execute(db);
  await db.schema.createIndex('reminders_appointment').on('reminders').columns(['appointment_id', 'version']).execute();

  await db.schema
    .createTable('team_policies')
    .addColumn('team', 'text', (c) => c.primaryKey())
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['team_policies', 'reminders', 'appointments']) await db.schema.dropTable(table).ifExists().execute();
}
