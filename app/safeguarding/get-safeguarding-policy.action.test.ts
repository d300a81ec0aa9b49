import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecordDatabase } from '../../store/database.js';
import { SafeguardingPolicyRepository } from '../../store/safeguarding-policy.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { openTestEngine } from '../../test/test-database.js';
import { GetSafeguardingPolicy } from './get-safeguarding-policy.action.js';

describe('reading a team’s safeguarding escalation', () => {
  let database: CaseRecordDatabase;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine('pglite', 'app_sg_read'));
  });
  afterAll(async () => close?.());

  it('is the defaults until the team sets its own, then its own', async () => {
    const read = new GetSafeguardingPolicy({ db: database.db });
    expect(await read.execute('North')).toEqual({ team: 'North', escalateAfterMinutes: 15, contacts: [], updatedAt: null, updatedBy: null });
    const staff = await new StaffRepository(database.db).create({ name: 'Priya', role: 'key_worker', team: 'North', tokenLookup: randomUUID(), tokenHash: 'h' });
    const at = new Date('2026-03-02T09:00:00Z');
    await new SafeguardingPolicyRepository(database.db).put('North', { escalateAfterMinutes: 3, contacts: [{ name: 'Dana', phone: '+447700900732' }] }, staff.id, at);
    expect(await read.execute('North')).toEqual({
      team: 'North',
      escalateAfterMinutes: 3,
      contacts: [{ name: 'Dana', phone: '+447700900732' }],
      updatedAt: at,
      updatedBy: staff.id,
    });
    expect((await read.execute('South')).updatedAt).toBeNull();
  });
});
