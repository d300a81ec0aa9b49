import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { kyselyOverPglite, migrateToLatest, openDatabase, type CaseRecordDatabase } from '../store/database.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../store/migrations/', import.meta.url));

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The Redis the suite uses; another suite running beside this one (a second checkout) can point at its own. */
const REDIS_SERVER_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** A hash of the migrations' sources, so a changed migration gets a template (and a PGlite dump) of its own. */
async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.ts')).sort()) {
    hash.update(file).update(await readFile(join(MIGRATIONS_DIR, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function templateName(): Promise<string> {
  return `bot_template_${await migrationsHash()}`;
}

let pgliteDump: Promise<Blob> | undefined;

/**
 * A dumped PGlite data folder at the latest migration, built once per migrations' hash (and PGlite version) for all
 * test files, like the PostgreSQL template: starting from it takes about a third of `PGlite.create`'s initdb, and
 * every migration would otherwise run again in each file. Built by migrating a fresh PGlite, so every change to the
 * migrations is run on PGlite from nothing (store/migrations tests open fresh ones too); written under another name
 * and renamed, so a dump that exists is a complete one.
 */
export function migratedPgliteDump(): Promise<Blob> {
  return (pgliteDump ??= (async () => {
    const pgliteRoot = join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..');
    const { version } = JSON.parse(await readFile(join(pgliteRoot, 'package.json'), 'utf8')) as { version: string };
    const path = join(tmpdir(), `engagement-bot-pglite-${version}-${await migrationsHash()}.tar`);
    try {
      return new Blob([await readFile(path)]);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
    }
    const pglite = await PGlite.create('memory://');
    const db = kyselyOverPglite(pglite);
    await migrateToLatest(db);
    await db.destroy();
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    const building = `${path}.${randomBytes(4).toString('hex')}`;
    await writeFile(building, Buffer.from(await dump.arrayBuffer()));
    await rename(building, path);
    return dump;
  })());
}

let template: Promise<string> | undefined;

/**
 * A migrated database to copy (CREATE DATABASE … TEMPLATE), built once for all test files: copying takes a fraction
 * of running every migration again. Built under another name and renamed when complete, so a template that exists
 * is a finished one; of two processes building at once, the second rename fails and its copy is dropped.
 */
function migratedTemplate(): Promise<string> {
  return (template ??= (async () => {
    const name = await templateName();
    const exists = await withAdmin(async (admin) => (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
    if (exists) return name;
    const building = `${name}_${randomBytes(4).toString('hex')}`;
    await withAdmin((admin) => admin.query(`create database ${building}`));
    const url = new URL(ADMIN_URL);
    url.pathname = `/${building}`;
    const database = await openDatabase({ databaseUrl: url.toString() });
    await migrateToLatest(database.db);
    await database.close();
    await withAdmin(async (admin) => {
      try {
        await admin.query(`alter database ${building} rename to ${name}`);
      } catch (error) {
        if ((error as { code?: string }).code !== '42P04') throw error;
        await admin.query(`drop database if exists ${building} with (force)`);
      }
    });
    return name;
  })());
}

/**
 * A PostgreSQL database of this test file's own, dropped afterwards, so test files run in parallel. Empty, or with
 * `migrated`, a copy of the schema at the latest migration.
 */
export async function createTestDatabase(label = 'bot', options: { migrated?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${label}_test_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const from = options.migrated ? ` template ${await migratedTemplate()}` : '';
  await withAdmin((admin) => admin.query(`create database ${name}${from}`));
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
  const created = engine === 'postgres' ? await createTestDatabase(label, { migrated: true }) : undefined;
  const database = await openDatabase(created ? { databaseUrl: created.url } : { dataDir: 'memory://', loadDataDir: await migratedPgliteDump() });
  await migrateToLatest(database.db);
  return {
    database,
    close: async () => {
      await database.close();
      await created?.drop();
    },
  };
}
