import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

// A `date` is a calendar day, not an instant: pg would make it a Date at the process's local midnight, which
// reads as the day before anywhere east of UTC. Keep it as its `YYYY-MM-DD` text (both engines use pg's parsers).
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: repositories take whichever the caller holds. */
export type Executor = Db | Tx;

export interface CaseRecordDatabase {
  db: Db;
  engine: 'postgres' | 'pglite';
  /** Checks the connection answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; unset means embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** PGlite only: a dumped data folder (`dumpDataDir`) to start from; tests start from an already migrated one. */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
}

/** Kysely over an embedded PGlite. PGlite is one connection: the pool must hold exactly one client and never end it. */
export function kyselyOverPglite(pglite: PGlite): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 }) }) });
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<CaseRecordDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // A client losing its server (idle or mid-query) must not crash the process: the query in flight fails (the
    // caller answers 503 or retries) and the pool connects afresh for the next one.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      engine: 'postgres',
      ping: async () => void (await pool.query('select 1')),
      close: () => db.destroy(),
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(resolve(dataDir), { recursive: true });
  const pglite = await PGlite.create(dataDir.startsWith('memory://') ? dataDir : resolve(dataDir), options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  const db = kyselyOverPglite(pglite);
  return {
    db,
    engine: 'pglite',
    ping: async () => void (await pglite.query('select 1')),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

// Our own advisory lock key (Kysely's migrator holds another, around the migrations only).
const MIGRATION_LOCK_KEY = '7346275101290614817';

/**
 * Brings the schema to the latest migration and returns the names it applied. With `exclusive` (PostgreSQL shared
 * by several processes: start.ts and `node dist/start.js migrate`) a session advisory lock is held around the whole
 * run, as Kysely's own lock covers the migrations but not the creation of its bookkeeping tables: a second process
 * waits for the first and then finds nothing to do, so web and workers started together never migrate at once.
 * PGlite belongs to one process and its one connection would wait on itself, so it needs (and takes) no lock.
 */
export async function migrateToLatest(db: Db, options: { exclusive?: boolean } = {}): Promise<string[]> {
  if (!options.exclusive) return runMigrations(db);
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY}::bigint)`.execute(connection);
    try {
      return await runMigrations(connection);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY}::bigint)`.execute(connection);
    }
  });
}

async function runMigrations(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
