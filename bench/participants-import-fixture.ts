/** What the import_participants bench and its memory child share: the file, a fresh database, the action. */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { pino } from 'pino';
import { ImportParticipants } from '../app/imports/import-participants.action.js';
import type { StaffIdentity } from '../domain/caseload.js';
import { systemClock } from '../domain/time/clock.js';
import { openDatabase, type CaseRecordDatabase, type Db } from '../store/database.js';
import { StaffRepository } from '../store/staff.repository.js';
import { createTestDatabase } from '../test/test-database.js';

/** Ofcom's drama numbers, the only ones tests and benches may use: 1,000 people at most. */
export const DISTINCT = 1000;

const phoneOf = (i: number) => `07700 900${String(i % DISTINCT).padStart(3, '0')}`;

/**
 * `rows` participants, half of them consenting (so half get a welcome); after the first 1,000, the numbers repeat
 * and those rows are rejected as repeats. `tag` keeps the CRM ids of one file apart from another's.
 */
export function participantsCsv(rows: number, tag = ''): Uint8Array {
  const lines = ['first_name,last_name,phone,consent,external_ref,referred_at'];
  for (let i = 0; i < rows; i += 1) lines.push(`Person${i},Bench,${phoneOf(i)},${i % 2 === 0 ? 'yes' : 'no'},CRM-${tag}${i},01/03/2026`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

export interface Fresh {
  database: CaseRecordDatabase;
  staff: StaffIdentity;
  done: () => Promise<void>;
}

export async function freshDatabase(): Promise<Fresh> {
  const created = await createTestDatabase('bench_import', { migrated: true });
  const database = await openDatabase({ databaseUrl: created.url });
  const staff = await new StaffRepository(database.db).create({
    name: 'Bench Worker',
    role: 'key_worker',
    team: 'BenchImport',
    email: `bench-${randomUUID()}@example.org`,
    tokenLookup: randomUUID(),
    tokenHash: 'h',
  });
  return {
    database,
    staff,
    done: async () => {
      await database.close();
      await created.drop();
    },
  };
}

export function importer(database: CaseRecordDatabase): ImportParticipants {
  const queues = { enqueueFollowUps: async () => undefined, enqueueSends: async () => undefined };
  return new ImportParticipants({ db: database.db, clock: systemClock, timeZone: 'Europe/London', programmeName: 'Bench', queues, logger: pino({ level: 'silent' }) });
}

/**
 * Everyone on record erased as ParticipantRepository.erase leaves a person (the row, its events and follow-ups
 * stay; the name, number and CRM id go), in one statement: their numbers are free for the next file.
 */
export async function eraseEveryone(db: Db): Promise<void> {
  await sql`
    update participants set first_name = null, last_name = null, phone = null, external_ref = null, referred_at = null,
      muted_streams = '[]', erased_at = now(), updated_at = now()
    where erased_at is null`.execute(db);
}

/** The same people as `participantsCsv(DISTINCT)` with one raw multi-row INSERT: no checks, no record, no welcome. */
export async function rawInsert(db: Db, staff: StaffIdentity, tag = ''): Promise<void> {
  await db
    .insertInto('participants')
    .values(
      Array.from({ length: DISTINCT }, (_, i) => ({
        first_name: `Person${i}`,
        last_name: 'Bench',
        phone: `+447700900${String(i).padStart(3, '0')}`,
        external_ref: `CRM-${tag}${i}`,
        channel: 'sms' as const,
        key_worker_id: staff.id,
        team: staff.team,
        consent_contact: i % 2 === 0,
        consent_basis: i % 2 === 0 ? 'bench' : null,
        consent_at: i % 2 === 0 ? new Date() : null,
        referred_at: new Date('2026-03-01T00:00:00Z'),
      })),
    )
    .execute();
}
