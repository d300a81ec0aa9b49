import { describe, expect, it } from 'vitest';
import { caseloadOf, isStaffRole, mayAssignKeyWorker, seesAlertOfType, STAFF_ROLES, type StaffIdentity, type StaffRole } from './caseload.js';

const staff = (role: StaffRole, team: string | null = 'North', id = 's-1'): StaffIdentity => ({ id, name: 'Priya', role, team });

describe('whose caseload a member of staff sees', () => {
  it.each<[StaffRole, string | null, ReturnType<typeof caseloadOf>]>([
    ['admin', null, { kind: 'all' }],
    ['key_worker', 'North', { kind: 'key_worker', staffId: 's-1' }],
    ['team_lead', 'North', { kind: 'team', team: 'North' }],
    ['team_lead', null, { kind: 'team', team: null }],
    ['in_work_team', 'South', { kind: 'in_work_team', team: 'South' }],
    ['safeguarding_lead', 'North', { kind: 'safeguarding' }],
  ])('%s of team %s: %j', (role, team, scope) => {
    expect(caseloadOf(staff(role, team))).toEqual(scope);
  });

  it('has a scope for every role', () => {
    for (const role of STAFF_ROLES) expect(caseloadOf(staff(role))).toBeDefined();
  });

  it('shows a safeguarding lead safeguarding alerts only, and everyone else every alert of the people they see', () => {
    expect(seesAlertOfType({ kind: 'safeguarding' }, 'safeguarding')).toBe(true);
    expect(seesAlertOfType({ kind: 'safeguarding' }, 'message_for_key_worker')).toBe(false);
    expect(seesAlertOfType({ kind: 'team', team: 'North' }, 'message_for_key_worker')).toBe(true);
    expect(seesAlertOfType({ kind: 'key_worker', staffId: 's-1' }, 'dna_threshold')).toBe(true);
  });
});

describe('who may be made someone’s key worker', () => {
  it('a team lead reassigns within their own team only', () => {
    expect(mayAssignKeyWorker(staff('team_lead', 'North'), { team: 'North' })).toBe(true);
    expect(mayAssignKeyWorker(staff('team_lead', 'North'), { team: 'South' })).toBe(false);
    expect(mayAssignKeyWorker(staff('team_lead', null), { team: null })).toBe(false);
  });

  it('other roles are not limited by team (as before)', () => {
    expect(mayAssignKeyWorker(staff('admin', null), { team: 'South' })).toBe(true);
    expect(mayAssignKeyWorker(staff('key_worker', 'North'), { team: 'South' })).toBe(true);
  });

  it('knows its roles', () => {
    expect(isStaffRole('team_lead')).toBe(true);
    expect(isStaffRole('manager')).toBe(false);
  });
});
