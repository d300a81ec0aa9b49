import { type Kysely, sql } from 'kysely';

/**
 * Finding the alerts and events whose words retention must clear stays cheap however much history there is. The
 * predicate is written out as the retention query read on the day (holdsParticipantWords in
 * store/retention.repository.ts), so this migration never changes: a new word field means a new migration that
 * rebuilds these indexes (retention.repository.test.ts checks the query still uses them).
 */
const HOLDS_PARTICIPANT_WORDS = sql.raw(
  `(jsonb_path_exists(data, '$.** ? (exists(@.text) || exists(@.words) || exists(@.matched) || exists(@.reply) || exists(@.preferred))')` +
    ` or ((type in ('appointment.cancel_requested', 'cancel_requested') or data->>'type' in ('appointment.cancel_requested', 'cancel_requested'))` +
    ` and jsonb_path_exists(data, '$.**.reason')))`,
);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index alerts_words_by_age on alerts (created_at) where ${HOLDS_PARTICIPANT_WORDS}`.execute(db);
  await sql`create index events_words_by_age on case_record_events (at) where ${HOLDS_PARTICIPANT_WORDS}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists alerts_words_by_age`.execute(db);
  await sql`drop index if exists events_words_by_age`.execute(db);
}
