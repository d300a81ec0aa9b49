import type { Db } from '../../store/database.js';
import { StaffRepository, type StaffMember } from '../../store/staff.repository.js';

/** GET /api/staff: every member of staff, active first (never their tokens). */
export class ListStaff {
  constructor(private readonly deps: { db: Db }) {}

  async execute(): Promise<StaffMember[]> {
    return new StaffRepository(this.deps.db).listMembers();
  }
}
