import { type Kysely, sql } from 'kysely';

/** The case record: staff, participants, messages, events, alerts, and botbuilder state. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('key_worker', 'in_work_team', 'admin')`))
    .addColumn('team', 'text')
    .addColumn('token_lookup', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('participants')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('first_name', 'text')
    .addColumn('phone', 'text')
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'whatsapp')`))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('key_worker_id', 'uuid', (c) => c.references('staff.id'))
    .addColumn('team', 'text')
    .addColumn('referred_at', 'timestamptz')
    .addColumn('consent_contact', 'boolean', (c) => c.notNull())
    .addColumn('consent_basis', 'text')
    .addColumn('consent_at', 'timestamptz')
    .addColumn('opted_out', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('opted_out_at', 'timestamptz')
    .addColumn('muted_streams', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('in_work_since', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('erased_at', 'timestamptz')
    .execute();
  await sql`create unique index participants_phone_live on participants (phone) where erased_at is null`.execute(db);
  await db.schema.createIndex('participants_key_worker').on('participants').column('key_worker_id').execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Rows written in one transaction share now(): seq keeps them in the order they were written.
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('participant_id', 'uuid', (c) => c.references('participants.id'))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('body', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('reply'))
    .addColumn('source_key', 'text', (c) => c.notNull().unique())
    .addColumn('twilio_sid', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_code', 'integer')
    .addColumn('error_message', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fallback_of', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('messages_participant')
    .on('messages')
    .columns(['participant_id', 'seq'])
    .execute();
  await sql`create index messages_pending on messages (status, updated_at) where status in ('received', 'queued', 'sending')`.execute(
    db,
  );

  await db.schema
    .createTable('case_record_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('appointment_id', 'uuid')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createIndex('events_participant')
    .on('case_record_events')
    .columns(['participant_id', 'id'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'uuid', (c) => c.references('staff.id'))
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('alerts_participant_status').on('alerts').columns(['participant_id', 'status']).execute();

  // Outcomes of turns and other producers, waiting to be written back to the case record exactly once.
  await db.schema
    .createTable('pending_writebacks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // One person's outcomes are applied in the order they were made.
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull().unique())
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('applied_at', 'timestamptz')
    .execute();
  await sql`create index pending_writebacks_unapplied on pending_writebacks (participant_id, seq) where applied_at is null`.execute(db);

  await db.schema
    .createTable('bot_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'uuid', (c) => c.references('participants.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['bot_state', 'pending_writebacks', 'alerts', 'case_record_events', 'messages', 'participants', 'staff']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
