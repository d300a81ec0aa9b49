import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../test/test-database.js';
import { preparedStatement, type CaseRecordDatabase } from './database.js';

describe.each([['postgres'], ['pglite']] as const)('a statement prepared once a connection, on %s', (engine) => {
  let database: CaseRecordDatabase;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'prepared_statement'));
  }, 60_000);
  afterAll(() => close());

  const doubled = (values: number[]) =>
    sql<{ n: number; twice: number }>`${preparedStatement('test-doubled')} select n, n * 2 as twice from unnest(${sql.val(values)}::int[]) as n`.execute(database.db);

  it('answers each call with its own parameters, in a transaction or not', async () => {
    for (const values of [[1], [2, 3], [4, 5, 6], [], [7]]) {
      expect((await doubled(values)).rows).toEqual(values.map((n) => ({ n, twice: n * 2 })));
    }
    const inTransaction = await database.db.transaction().execute(async (trx) =>
      sql<{ n: number; twice: number }>`${preparedStatement('test-doubled')} select n, n * 2 as twice from unnest(${sql.val([8, 9])}::int[]) as n`.execute(trx),
    );
    expect(inTransaction.rows).toEqual([{ n: 8, twice: 16 }, { n: 9, twice: 18 }]);
  });

  it('is prepared under its name on the connection, and a failed call does not spoil the next', async () => {
    await doubled([1]);
    await database.db.connection().execute(async (connection) => {
      await sql`${preparedStatement('test-doubled')} select n, n * 2 as twice from unnest(${sql.val([1])}::int[]) as n`.execute(connection);
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements where name = 'test-doubled'`.execute(connection);
      expect(prepared.rows).toEqual([{ name: 'test-doubled' }]);
    });
    await expect(sql`${preparedStatement('test-failing')} select 1 / ${sql.val(0)}::int`.execute(database.db)).rejects.toThrow(/division by zero/);
    expect((await doubled([5])).rows).toEqual([{ n: 5, twice: 10 }]);
  });

  it('leaves a statement without the mark unprepared', async () => {
    await database.db.connection().execute(async (connection) => {
      await sql`select ${sql.val(1)}::int as one`.execute(connection);
      const prepared = await sql<{ n: string }>`select count(*)::text as n from pg_prepared_statements where statement like '%as one%'`.execute(connection);
      expect(prepared.rows).toEqual([{ n: '0' }]);
    });
  });
});
