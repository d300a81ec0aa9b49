export type StaffRole = 'key_worker' | 'in_work_team' | 'admin';

export interface StaffIdentity {
  id: string;
  name: string;
  role: StaffRole;
  team: string | null;
}

/** Who a member of staff may see (CONTRACT.md: admin all; in-work team: in work in its team). */
export type CaseloadScope =
  | { kind: 'all' }
  | { kind: 'key_worker'; staffId: string }
  | { kind: 'in_work_team'; team: string | null };

export function caseloadOf(staff: StaffIdentity): CaseloadScope {
  switch (staff.role) {
    case 'admin':
      return { kind: 'all' };
    case 'key_worker':
      return { kind: 'key_worker', staffId: staff.id };
    case 'in_work_team':
      return { kind: 'in_work_team', team: staff.team };
  }
}
