import { tokenRotationRefusal } from '../../domain/staff-lifecycle.js';
import type { Db } from '../../store/database.js';
import { StaffSessionRepository } from '../../store/staff-session.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import type { IssuedStaffToken } from './add-staff.action.js';
import { StaffChangeRefusedError, StaffNotFoundError } from './staff-errors.js';

/**
 * A new token for a member of staff (a lost or leaked one): the old token stops at once, and so does every
 * dashboard session signed in with it (sessions are tied to the token's hash; they are ended here too).
 */
export class RotateStaffToken {
  constructor(private readonly deps: { db: Db; issueToken: () => Promise<IssuedStaffToken> }) {}

  async execute(staffId: string): Promise<{ token: string }> {
    const issued = await this.deps.issueToken();
    await this.deps.db.transaction().execute(async (tx) => {
      const staff = new StaffRepository(tx);
      const member = await staff.findMember(staffId, { lock: true });
      if (!member) throw new StaffNotFoundError();
      const refusal = tokenRotationRefusal(member);
      if (refusal) throw new StaffChangeRefusedError(refusal);
      await staff.replaceToken(staffId, issued.lookup, issued.hash);
      await new StaffSessionRepository(tx).closeAllFor(staffId);
    });
    return { token: issued.token };
  }
}
