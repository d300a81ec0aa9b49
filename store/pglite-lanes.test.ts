import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedPgliteDump } from '../test/test-database.js';
import { openDatabase, type CaseRecordDatabase } from './database.js';

describe('the web role’s lane into embedded PGlite', () => {
  let database: CaseRecordDatabase;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://', loadDataDir: await migratedPgliteDump() });
  });

  afterAll(async () => {
    await database?.close();
  });

  it('gives the connection to the web role’s waiting statements before the workers’', async () => {
    const web = database.forWebRole().db;
    const order: string[] = [];
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const holding = database.db.transaction().execute(async (tx) => {
      await sql`select 1`.execute(tx);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const waiting = [
      ...['worker 1', 'worker 2'].map((who) => sql`select 1`.execute(database.db).then(() => order.push(who))),
      sql`select 1`.execute(web).then(() => order.push('web')),
    ];
    await new Promise((resolve) => setTimeout(resolve, 50));
    letGo();
    await Promise.all([holding, ...waiting]);
    expect(order).toEqual(['web', 'worker 1', 'worker 2']);
  });

  it('is the same database, and closing it closes both', async () => {
    await sql`create table lanes_seen (who text)`.execute(database.forWebRole().db);
    await sql`insert into lanes_seen values ('web')`.execute(database.forWebRole().db);
    expect((await sql<{ who: string }>`select who from lanes_seen`.execute(database.db)).rows).toEqual([{ who: 'web' }]);
  });
});
