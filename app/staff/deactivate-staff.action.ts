import type { Tx } from '../../store/database.js';
import { StaffSessionRepository } from '../../store/staff-session.repository.js';
import { StaffRepository, type StaffMember } from '../../store/staff.repository.js';

/**
 * Switches a member of staff off in the caller's transaction: their token hash is revoked and every dashboard
 * session of theirs is deleted, so the next request with either is a 401. The row stays (the case record and the
 * audit log name them). Undefined when they were already off.
 */
export async function deactivateStaff(tx: Tx, staffId: string, at: Date): Promise<StaffMember | undefined> {
  const member = await new StaffRepository(tx).deactivate(staffId, at);
  if (member) await new StaffSessionRepository(tx).closeAllFor(staffId);
  return member;
}
