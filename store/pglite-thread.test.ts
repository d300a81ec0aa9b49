import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protocol } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedPgliteDump } from '../test/test-database.js';
import { kyselyOverPglite, openDatabase, type CaseRecordDatabase, type Db } from './database.js';
import { startPgliteThread } from './pglite-thread.js';

/** Statements on tables the schema does not know: the bridge is what is tested, not the case record. */
const rowsOf = async (db: Db, query: ReturnType<typeof sql>) => (await query.execute(db)).rows;

describe('embedded PGlite in a thread of its own', () => {
  let database: CaseRecordDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://', loadDataDir: await migratedPgliteDump() });
    db = database.db;
    await sql`create table counters (name text primary key, value int not null)`.execute(db);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('answers queries with parameters and pg’s types, and pings', async () => {
    expect(database.engine).toBe('pglite');
    await expect(database.ping()).resolves.toBeUndefined();
    const rows = await rowsOf(db, sql`select ${41}::int + 1 as n, ${'x'}::text as t, 9007199254740993::int8 as big, '2026-03-29'::date as day`);
    expect(rows).toEqual([{ n: 42, t: 'x', big: '9007199254740993', day: '2026-03-29' }]);
  });

  it('commits a transaction', async () => {
    await db.transaction().execute(async (tx) => {
      await sql`insert into counters values ('committed', 1)`.execute(tx);
      await sql`update counters set value = value + 1 where name = 'committed'`.execute(tx);
    });
    expect(await rowsOf(db, sql`select value from counters where name = 'committed'`)).toEqual([{ value: 2 }]);
  });

  it('rolls back a transaction whose statement failed, and the connection goes on', async () => {
    const failing = db.transaction().execute(async (tx) => {
      await sql`insert into counters values ('rolled-back', 1)`.execute(tx);
      await sql`select * from no_such_table`.execute(tx);
    });
    await expect(failing).rejects.toThrow(/no_such_table/);
    expect(await rowsOf(db, sql`select value from counters where name = 'rolled-back'`)).toEqual([]);
    expect(await rowsOf(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('opens each transaction with its first statement: an empty one commits, a first statement that fails rolls back', async () => {
    await expect(db.transaction().execute(async () => 'nothing')).resolves.toBe('nothing');
    const failingFirst = db.transaction().execute(async (tx) => {
      await sql`insert into counters values ('committed', 1)`.execute(tx);
    });
    await expect(failingFirst).rejects.toMatchObject({ code: '23505' });
    const twoStatements = await db.transaction().execute(async (tx) => {
      const [first] = await rowsOf(tx, sql`select pg_current_xact_id()::text as xid`);
      const [second] = await rowsOf(tx, sql`select pg_current_xact_id()::text as xid`);
      return [first, second];
    });
    expect(twoStatements[0]).toEqual(twoStatements[1]);
    expect(await rowsOf(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('gives each of many concurrent callers its own answer, and runs their transactions one after another', async () => {
    await sql`insert into counters values ('shared', 0)`.execute(db);
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        if (i % 2 === 0) return (await rowsOf(db, sql`select ${i}::int as i`))[0];
        // Read, then write what was read plus one: interleaved on one session, increments would be lost.
        return db.transaction().execute(async (tx) => {
          const [row] = await rowsOf(tx, sql`select value from counters where name = 'shared'`);
          await sql`update counters set value = ${(row as { value: number }).value + 1} where name = 'shared'`.execute(tx);
          return { i };
        });
      }),
    );
    expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => ({ i })));
    expect(await rowsOf(db, sql`select value from counters where name = 'shared'`)).toEqual([{ value: 20 }]);
  });

  it('answers a statement that fails with its error, as PostgreSQL does', async () => {
    await expect(sql`insert into counters values ('committed', 1)`.execute(db)).rejects.toMatchObject({ code: '23505' });
  });
});

describe('closing and reopening the embedded database', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pglite-thread-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps a file-backed data folder across a close and a reopen', async () => {
    const first = await openDatabase({ dataDir: dir, loadDataDir: await migratedPgliteDump() });
    await sql`create table kept (word text)`.execute(first.db);
    await sql`insert into kept values ('still here')`.execute(first.db);
    await first.close();

    const second = await openDatabase({ dataDir: dir });
    try {
      expect(await rowsOf(second.db, sql`select word from kept`)).toEqual([{ word: 'still here' }]);
    } finally {
      await second.close();
    }
  });

  it('answers what was sent before close, refuses what comes after, and never leaves a query waiting', async () => {
    const thread = startPgliteThread({ dataDir: 'memory://', loadDataDir: await migratedPgliteDump() });
    await thread.waitReady;
    const sent = Array.from({ length: 30 }, (_, i) => thread.execProtocolStream(protocol.serialize.query(`select ${i} as i`)));
    await thread.close();
    const answers = await Promise.all(sent);
    expect(answers.map((messages) => messages.map((m) => m.name))).toEqual(
      Array.from({ length: 30 }, () => ['rowDescription', 'dataRow', 'commandComplete', 'readyForQuery']),
    );
    await expect(thread.execProtocolStream(protocol.serialize.query('select 1'))).rejects.toThrow(/PGlite is closed/);

    // Through Kysely every query settles too (those it had not yet given the pool fail in Kysely itself).
    const database = await openDatabase({ dataDir: 'memory://', loadDataDir: await migratedPgliteDump() });
    const queries = Promise.allSettled(Array.from({ length: 30 }, (_, i) => rowsOf(database.db, sql`select ${i}::int as i`)));
    await database.close();
    expect(await queries).toHaveLength(30);
    await expect(rowsOf(database.db, sql`select 1`)).rejects.toThrow();
  });

  it('fails the query in flight and the ones after when the thread dies', async () => {
    const thread = startPgliteThread({ dataDir: 'memory://', loadDataDir: await migratedPgliteDump() });
    await thread.waitReady;
    const db = kyselyOverPglite(thread);
    try {
      expect(await rowsOf(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
      const long = rowsOf(db, sql`select count(*) from generate_series(1, 200000000)`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await thread.terminate();
      await expect(long).rejects.toThrow(/PGlite thread stopped/);
      await expect(rowsOf(db, sql`select 1`)).rejects.toThrow(/PGlite thread stopped/);
    } finally {
      await db.destroy();
    }
  });

  it('says why when PGlite cannot start', async () => {
    await expect(openDatabase({ dataDir: 'memory://', loadDataDir: new Blob(['not a data folder']) })).rejects.toThrow(/PGlite could not start/);
  });
});
