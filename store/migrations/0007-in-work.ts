import { type Kysely, sql } from 'kysely';

/**
 * In-work support: job starts and their scheduled check-ins, campaigns run by in-work teams and their recipients,
 * and question sessions (a check-in or a confidence pulse waiting for its answers).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_starts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('employer', 'text')
    .addColumn('hours_per_week', 'real')
    // active → left (they told us, or the key worker did) | replaced (a newer job start)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'left', 'replaced')`))
    .addColumn('ended_at', 'timestamptz')
    .addColumn('ended_reason', 'text')
    .addColumn('last_confirmed_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('staff.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index job_starts_one_active on job_starts (participant_id) where status = 'active'`.execute(db);

  await db.schema
    .createTable('check_ins')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('job_start_id', 'uuid', (c) => c.notNull().references('job_starts.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('week', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('send_at', 'timestamptz')
    // scheduled → sent; or dropped (already past when planned), cancelled (left the job), skipped (opted out…),
    // superseded (a later check-in of the same job was already due)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('asks_still_in_work', 'boolean', (c) => c.notNull())
    .addColumn('session_id', 'uuid')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('check_ins_one_per_week', ['job_start_id', 'week'])
    .execute();
  await sql`create index check_ins_due on check_ins (send_at) where status = 'scheduled'`.execute(db);

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('check_in', 'pulse')`))
    .addColumn('instrument_id', 'text')
    .addColumn('team', 'text')
    .addColumn('audience', 'jsonb', (c) => c.notNull())
    // active (scheduled or running, by start_at) → completed | paused ⇄ active | cancelled
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'paused', 'cancelled', 'completed')`))
    .addColumn('start_at', 'timestamptz', (c) => c.notNull())
    .addColumn('rate_per_minute', 'integer', (c) => c.notNull())
    // Every resume re-plans what is left under a new epoch; jobs of an older epoch do nothing.
    .addColumn('epoch', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'uuid', (c) => c.references('staff.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('campaign_recipients')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('epoch', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    // pending → sent | skipped (opted out, muted, capped…) | cancelled (the campaign was)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('reason', 'text')
    .addColumn('defers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message_id', 'uuid')
    .addColumn('session_id', 'uuid')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('campaign_recipients_pk', ['campaign_id', 'participant_id'])
    .execute();
  await sql`create index campaign_recipients_due on campaign_recipients (due_at) where status = 'pending'`.execute(db);
  await db.schema.createIndex('campaign_recipients_plan').on('campaign_recipients').columns(['campaign_id', 'due_at']).execute();

  await db.schema
    .createTable('question_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('check_in', 'pulse')`))
    .addColumn('instrument_id', 'text')
    .addColumn('check_in_id', 'uuid', (c) => c.references('check_ins.id'))
    .addColumn('campaign_id', 'uuid', (c) => c.references('campaigns.id'))
    .addColumn('job_start_id', 'uuid', (c) => c.references('job_starts.id'))
    .addColumn('week', 'integer')
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('step_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('asked_at', 'timestamptz', (c) => c.notNull())
    // open → completed (answered) | expired (no answer in time) | stopped (left the job, opted out, erased)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('responded_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index question_sessions_one_per_check_in on question_sessions (check_in_id) where check_in_id is not null`.execute(db);
  await sql`create unique index question_sessions_one_per_recipient on question_sessions (campaign_id, participant_id) where campaign_id is not null`.execute(db);
  await sql`create index question_sessions_open on question_sessions (participant_id, asked_at) where status = 'open'`.execute(db);

  // The in-work adviser the participant has already been introduced to (by a handover message or a check-in).
  await db.schema.alterTable('participants').addColumn('introduced_adviser_id', 'uuid').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participants').dropColumn('introduced_adviser_id').execute();
  for (const table of ['question_sessions', 'campaign_recipients', 'campaigns', 'check_ins', 'job_starts']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
