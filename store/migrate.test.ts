import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/test-database.js';
import { migrateToLatest, openDatabase, type CaseRecordDatabase } from './database.js';

describe('migrations run by several processes at once (web and workers starting together)', () => {
  let created: { url: string; drop: () => Promise<void> };
  const databases: CaseRecordDatabase[] = [];
  beforeAll(async () => {
    created = await createTestDatabase('migrate');
    // Separate pools, as separate processes would have: each migrates through a connection of its own.
    for (let i = 0; i < 3; i++) databases.push(await openDatabase({ databaseUrl: created.url, poolSize: 2 }));
  });
  afterAll(async () => {
    for (const database of databases) await database.close();
    await created?.drop();
  });

  it('applies each migration once, the others waiting and then finding nothing to do', async () => {
    const applied = await Promise.all(databases.map((database) => migrateToLatest(database.db, { exclusive: true })));
    const all = applied.flat();
    expect(all.length).toBeGreaterThan(10);
    expect(new Set(all).size).toBe(all.length);
    expect(applied.filter((names) => names.length > 0)).toHaveLength(1);
    expect(await migrateToLatest(databases[0]!.db, { exclusive: true })).toEqual([]);
  });
});
