import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/time/clock.js';
import type { CaseRecordDatabase, Db } from '../../store/database.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { openTestEngine } from '../../test/test-database.js';
import { GetSafeguardingPolicy } from './get-safeguarding-policy.action.js';
import { SetSafeguardingPolicy } from './set-safeguarding-policy.action.js';

const AT = new Date('2026-03-02T09:00:00Z');
const DANA = { name: 'Dana', phone: '+447700900730' };
const EVAN = { name: 'Evan', phone: '+447700900731' };

describe.each([['postgres'], ['pglite']] as const)('setting a team’s safeguarding escalation, on %s', (engine) => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let staffId: string;
  let otherId: string;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'app_sg_policy'));
    db = database.db;
    staffId = (await new StaffRepository(db).create({ name: 'Priya', role: 'key_worker', team: 'North', tokenLookup: randomUUID(), tokenHash: 'h' })).id;
    otherId = (await new StaffRepository(db).create({ name: 'Admin', role: 'admin', team: null, tokenLookup: randomUUID(), tokenHash: 'h' })).id;
  });
  afterAll(async () => close?.());

  const set = (at = AT) => new SetSafeguardingPolicy({ db, clock: new ManualClock(at) });
  const read = (team: string | null) => new GetSafeguardingPolicy({ db }).execute(team);

  it('a team that has set nothing has the defaults: 15 minutes and no contacts', async () => {
    expect(await read('Nowhere')).toEqual({ team: 'Nowhere', escalateAfterMinutes: 15, contacts: [], updatedAt: null, updatedBy: null });
  });

  it('saves the whole policy for that team alone, says who set it and when, and a second save replaces it', async () => {
    expect(await set().execute({ team: 'North', policy: { escalateAfterMinutes: 5, contacts: [DANA, EVAN] }, staffId })).toEqual({
      team: 'North',
      escalateAfterMinutes: 5,
      contacts: [DANA, EVAN],
      updatedAt: AT,
      updatedBy: staffId,
    });
    expect((await read('South')).contacts).toEqual([]);
    const later = new Date(AT.getTime() + 3600_000);
    await set(later).execute({ team: 'North', policy: { escalateAfterMinutes: 30, contacts: [EVAN] }, staffId: otherId });
    expect(await read('North')).toEqual({ team: 'North', escalateAfterMinutes: 30, contacts: [EVAN], updatedAt: later, updatedBy: otherId });
  });

  it('staff with no team share one policy', async () => {
    await set().execute({ team: null, policy: { escalateAfterMinutes: 10, contacts: [DANA] }, staffId: otherId });
    expect(await read(null)).toMatchObject({ team: null, escalateAfterMinutes: 10, contacts: [DANA] });
    expect(await db.selectFrom('safeguarding_policies').select('team').where('team', '=', '').executeTakeFirst()).toEqual({ team: '' });
  });

  it('the database refuses minutes out of bounds, whoever calls', async () => {
    await expect(set().execute({ team: 'East', policy: { escalateAfterMinutes: 0, contacts: [] }, staffId })).rejects.toThrow();
    await expect(set().execute({ team: 'East', policy: { escalateAfterMinutes: 241, contacts: [] }, staffId })).rejects.toThrow();
  });
});
