import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openDatabase, type CaseRecordDatabase } from '../store/database.js';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The Redis the suite uses; another suite running beside this one (a second checkout) can point at its own. */
const REDIS_SERVER_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A PostgreSQL database of this test file's own, dropped afterwards, so test files run in parallel. */
export async function createTestDatabase(label = 'bot'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${label}_test_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * A Redis database number of this test file's own: vitest gives each concurrently running worker a distinct
 * VITEST_POOL_ID, so a FLUSHDB in one file cannot touch another's queues. Database 0 is left to `npm start`.
 */
export function testRedisUrl(): string {
  const poolId = Number(process.env.VITEST_POOL_ID ?? '1');
  const db = 1 + ((poolId - 1) % 15);
  return `${REDIS_SERVER_URL}/${db}`;
}

/** A Redis database that one test file flushes on purpose (12, 13 or 15: the suite's three workers use 1–3). */
export function flushableRedisUrl(db: 12 | 13 | 15): string {
  return `${REDIS_SERVER_URL}/${db}`;
}

/** A migrated case record on either engine, for tests that must pass on both; `close` also drops it. */
export async function openTestEngine(engine: 'postgres' | 'pglite', label: string): Promise<{ database: CaseRecordDatabase; close: () => Promise<void> }> {
  const created = engine === 'postgres' ? await createTestDatabase(label) : undefined;
  const database = await openDatabase(created ? { databaseUrl: created.url } : { dataDir: 'memory://' });
  await migrateToLatest(database.db);
  return {
    database,
    close: async () => {
      await database.close();
      await created?.drop();
    },
  };
}
