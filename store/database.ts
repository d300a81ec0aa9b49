import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrationProvider } from './migrations/index.js';
import { pgliteLanes } from './pglite-lanes.js';
import { startPgliteThread, type PgliteProtocolPeer } from './pglite-thread.js';
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
  /**
   * The same database for the web role beside the workers in one process: on PGlite (one connection) its statements
   * take the connection before the workers' waiting ones, so a webhook is not answered after a queue of jobs.
   */
  forWebRole(): CaseRecordDatabase;
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

/**
 * A pg pool over an embedded PGlite, in this thread or in one of its own (pglite-thread.ts). PGlite is one
 * connection: the pool must hold exactly one client and never end it.
 */
function poolOverPglite(pglite: PgliteProtocolPeer): pg.Pool {
  // The node-postgres connection uses only `waitReady` and `execProtocolStream` of what it is given (its source).
  // As on PostgreSQL: the PGlite thread failing fails the queries in flight; it must not crash the process.
  return preparingNamedStatements(failingQueriesOnly(new pg.Pool({ ...createPgConfig(pglite as PGlite), max: 1, idleTimeoutMillis: 0 })));
}

/**
 * A client losing its server (idle or mid-query) must not crash the process: the query in flight fails (the caller
 * answers 503 or retries) and the pool connects afresh for the next one.
 */
function failingQueriesOnly(pool: pg.Pool): pg.Pool {
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/**
 * A statement whose text starts with `preparedStatement(name)` is prepared once on each connection under that name
 * and then only bound and run: PostgreSQL parses it once and keeps its plan (as PL/pgSQL does for a function's
 * statements) instead of planning it at every call. Only for a hot statement whose text never changes: pg refuses
 * a second text under the same name.
 */
export const preparedStatement = (name: string) => sql.raw(`/* prepared ${name} */ `);
const PREPARED = /^\/\* prepared ([a-z0-9-]+) \*\/ /;

function preparingNamedStatements(pool: pg.Pool): pg.Pool {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // Kysely's driver sends every statement as query(text, parameters).
    (client as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [text, values] = args;
      const named = args.length === 2 && typeof text === 'string' && Array.isArray(values) ? PREPARED.exec(text) : null;
      return named ? query({ name: named[1], text, values }) : query(...args);
    };
  });
  return pool;
}

/** Kysely over an embedded PGlite (see poolOverPglite). */
export function kyselyOverPglite(pglite: PgliteProtocolPeer): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: poolOverPglite(pglite) }) });
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<CaseRecordDatabase> {
  if (options.databaseUrl) {
    const pool = preparingNamedStatements(failingQueriesOnly(new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 })));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const database: CaseRecordDatabase = {
      db,
      engine: 'postgres',
      forWebRole: () => database,
      ping: async () => void (await pool.query('select 1')),
      close: () => db.destroy(),
    };
    return database;
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(resolve(dataDir), { recursive: true });
  // In a thread of its own: its statements would otherwise hold the one event loop of the web role and the workers.
  const pglite = startPgliteThread({ dataDir: dataDir.startsWith('memory://') ? dataDir : resolve(dataDir), loadDataDir: options.loadDataDir });
  try {
    await pglite.waitReady;
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const pool = poolOverPglite(pglite);
  const lanes = pgliteLanes(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: lanes.second }) });
  const webDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: lanes.first }) });
  const ping = async () => void (await pool.query('select 1'));
  const close = async () => {
    await webDb.destroy();
    await db.destroy();
    await pglite.close();
  };
  const database: CaseRecordDatabase = { db, engine: 'pglite', forWebRole: () => ({ ...database, db: webDb }), ping, close };
  return database;
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
