import { type Kysely, sql } from 'kysely';
import { holdsParticipantWords } from '../retention.repository.js';

/**
 * Finding the alerts and events whose words retention must clear stays cheap however much history there is. The
 * predicate is the retention query's own: a new word field means a new migration that rebuilds these indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index alerts_words_by_age on alerts (created_at) where ${holdsParticipantWords()}`.execute(db);
  await sql`create index events_words_by_age on case_record_events (at) where ${holdsParticipantWords()}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists alerts_words_by_age`.execute(db);
  await sql`drop index if exists events_words_by_age`.execute(db);
}
