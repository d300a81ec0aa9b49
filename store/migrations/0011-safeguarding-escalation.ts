import { type Kysely, sql } from 'kysely';

/**
 * Escalation of urgent safeguarding alerts nobody acknowledges: each team's contacts and time limit, the due time
 * on the alert itself (so a Redis flush or restart loses no escalation: the sweep finds it here), and texts that go
 * to a member of staff rather than a participant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('safeguarding_policies')
    // Staff without a team share the policy stored under the empty name (as team_policies do).
    .addColumn('team', 'text', (c) => c.primaryKey())
    .addColumn('escalate_after_minutes', 'integer', (c) => c.notNull().check(sql`escalate_after_minutes between 1 and 240`))
    .addColumn('contacts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`).check(sql`jsonb_typeof(contacts) = 'array'`))
    .addColumn('updated_by', 'uuid', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .alterTable('alerts')
    // Set when an alert that escalates is raised; null for every other alert.
    .addColumn('escalate_at', 'timestamptz')
    .addColumn('escalated_at', 'timestamptz')
    // How many safeguarding contacts were texted (0: the team had none).
    .addColumn('escalation_contacts', 'integer')
    .execute();
  await sql`create index alerts_escalation_due on alerts (escalate_at) where escalate_at is not null and escalated_at is null and status = 'open'`.execute(db);

  // Who a text is for: a participant (participant_id, when known) or a member of staff (never a participant_id).
  await sql`alter table messages add column recipient text not null default 'participant'
    constraint messages_recipient check (recipient in ('participant', 'staff'))`.execute(db);
  await sql`alter table messages add constraint messages_staff_not_participant check (recipient = 'participant' or participant_id is null)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table messages drop constraint if exists messages_staff_not_participant`.execute(db);
  await sql`alter table messages drop column if exists recipient`.execute(db);
  await sql`drop index if exists alerts_escalation_due`.execute(db);
  await db.schema.alterTable('alerts').dropColumn('escalate_at').dropColumn('escalated_at').dropColumn('escalation_contacts').execute();
  await db.schema.dropTable('safeguarding_policies').ifExists().execute();
}
