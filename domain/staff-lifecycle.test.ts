import { describe, expect, it } from 'vitest';
import type { StaffIdentity } from './caseload.js';
import { reassignmentRefusal, staffChangeRefusal, tokenRotationRefusal, type StaffState } from './staff-lifecycle.js';

const admin: StaffIdentity = { id: 'admin-1', name: 'Ada', role: 'admin', team: null };
const member = (over: Partial<StaffState> = {}): StaffState => ({ id: 'kw-1', role: 'key_worker', active: true, bootstrap: false, ...over });

describe('changing a member of staff', () => {
  it('lets an admin change roles and switch others off', () => {
    expect(staffChangeRefusal(member(), { role: 'team_lead' }, admin)).toBeUndefined();
    expect(staffChangeRefusal(member(), { active: false }, admin)).toBeUndefined();
    expect(staffChangeRefusal(member({ role: 'admin', id: 'admin-2' }), { role: 'key_worker', active: false }, admin)).toBeUndefined();
  });

  it('refuses switching yourself off or taking away your own admin role', () => {
    const self = member({ id: admin.id, role: 'admin' });
    expect(staffChangeRefusal(self, { active: false }, admin)).toMatch(/yourself/);
    expect(staffChangeRefusal(self, { role: 'team_lead' }, admin)).toMatch(/your own admin role/);
    expect(staffChangeRefusal(self, { role: 'admin', active: true }, admin)).toBeUndefined();
  });

  it('keeps the ADMIN_TOKEN administrator an active admin', () => {
    const bootstrap = member({ id: 'boot', role: 'admin', bootstrap: true });
    expect(staffChangeRefusal(bootstrap, { active: false }, admin)).toMatch(/ADMIN_TOKEN/);
    expect(staffChangeRefusal(bootstrap, { role: 'key_worker' }, admin)).toMatch(/ADMIN_TOKEN/);
    expect(staffChangeRefusal(bootstrap, { role: 'admin' }, admin)).toBeUndefined();
  });

  it('issues tokens to active members only, never the ADMIN_TOKEN administrator', () => {
    expect(tokenRotationRefusal(member())).toBeUndefined();
    expect(tokenRotationRefusal(member({ active: false }))).toMatch(/switched off/);
    expect(tokenRotationRefusal(member({ bootstrap: true, role: 'admin' }))).toMatch(/ADMIN_TOKEN/);
  });
});

describe('handing a caseload over', () => {
  const keyWorker = { id: 'kw-2', role: 'key_worker' as const, active: true };
  it('goes to another active member of the role each link needs', () => {
    expect(reassignmentRefusal('kw-1', new Set(['key_worker']), keyWorker)).toBeUndefined();
    expect(reassignmentRefusal('kw-1', new Set(['in_work_adviser']), { id: 'w-1', role: 'in_work_team', active: true })).toBeUndefined();
    expect(reassignmentRefusal('kw-1', new Set(), { id: 'w-1', role: 'admin', active: true })).toBeUndefined();
  });

  it('refuses nobody, the leaver, a leaver, or the wrong role', () => {
    expect(reassignmentRefusal('kw-1', new Set(['key_worker']), undefined)).toBe('is not a member of staff');
    expect(reassignmentRefusal('kw-1', new Set(['key_worker']), { ...keyWorker, id: 'kw-1' })).toBe('must be someone else');
    expect(reassignmentRefusal('kw-1', new Set(['key_worker']), { ...keyWorker, active: false })).toBe('is switched off');
    expect(reassignmentRefusal('kw-1', new Set(['key_worker']), { ...keyWorker, role: 'team_lead' })).toBe('is not a key worker');
    expect(reassignmentRefusal('kw-1', new Set(['key_worker', 'in_work_adviser']), keyWorker)).toBe('is not in an in-work team');
  });
});
