import { type Kysely, sql } from 'kysely';

/**
 * Wording experiments: a message (the reminder) sent in two or more wordings, each participant in the experiment's
 * scope given one at random the first time, and kept to it (the assignment), so attendance and replies can be
 * compared per wording. `team` is the creating key worker's team; null (made by an admin) covers everyone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('experiments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull().check(sql`message in ('reminder')`))
    .addColumn('variants', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(variants) = 'array' and jsonb_array_length(variants) >= 2`))
    .addColumn('team', 'text')
    // active → stopped (for good: a new experiment is a new row)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'stopped')`))
    .addColumn('created_by', 'uuid', (c) => c.references('staff.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('stopped_at', 'timestamptz')
    .execute();
  // One active experiment per message and team (admins' everyone-experiments count as the team '').
  await sql`create unique index experiments_one_active on experiments (message, coalesce(team, '')) where status = 'active'`.execute(db);

  await db.schema
    .createTable('experiment_assignments')
    .addColumn('experiment_id', 'uuid', (c) => c.notNull().references('experiments.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('experiment_assignments_pk', ['experiment_id', 'participant_id'])
    .execute();

  // The report reads the reminders sent under one experiment; without this it would read every reminder ever sent.
  await sql`create index events_reminders_by_experiment on case_record_events ((data->>'experimentId'), appointment_id)
    where type = 'reminder.sent' and data ? 'experimentId'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists events_reminders_by_experiment`.execute(db);
  await db.schema.dropTable('experiment_assignments').ifExists().execute();
  await db.schema.dropTable('experiments').ifExists().execute();
}
