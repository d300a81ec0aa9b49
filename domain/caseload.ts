export const STAFF_ROLES = ['key_worker', 'in_work_team', 'team_lead', 'safeguarding_lead', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffIdentity {
  id: string;
  name: string;
  role: StaffRole;
  team: string | null;
}

/**
 * Who a member of staff may see (CONTRACT.md): admin everyone; a key worker their own caseload; a team lead everyone
 * in their team; the in-work team people in work in its team; a safeguarding lead, across the programme, the people
 * who have a safeguarding alert (and, of alerts, only safeguarding ones).
 */
export type CaseloadScope =
  | { kind: 'all' }
  | { kind: 'key_worker'; staffId: string }
  | { kind: 'team'; team: string | null }
  | { kind: 'in_work_team'; team: string | null }
  | { kind: 'safeguarding' };

export function caseloadOf(staff: StaffIdentity): CaseloadScope {
  switch (staff.role) {
    case 'admin':
      return { kind: 'all' };
    case 'key_worker':
      return { kind: 'key_worker', staffId: staff.id };
    case 'team_lead':
      return { kind: 'team', team: staff.team };
    case 'in_work_team':
      return { kind: 'in_work_team', team: staff.team };
    case 'safeguarding_lead':
      return { kind: 'safeguarding' };
  }
}

/** The only alert type a safeguarding lead's scope holds; everyone else sees every alert of the people they see. */
export const SAFEGUARDING_ALERT_TYPE = 'safeguarding';

export function seesAlertOfType(scope: CaseloadScope, type: string): boolean {
  return scope.kind !== 'safeguarding' || type === SAFEGUARDING_ALERT_TYPE;
}

/**
 * Whom a member of staff may make someone's key worker: anyone may name a key worker (as today), but a team lead only
 * one in their own team (they reassign within the team), so nobody leaves their sight by their own hand.
 */
export function mayAssignKeyWorker(staff: StaffIdentity, keyWorker: { team: string | null }): boolean {
  if (staff.role !== 'team_lead') return true;
  return staff.team !== null && keyWorker.team === staff.team;
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}
