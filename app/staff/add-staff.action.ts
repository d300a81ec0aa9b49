import type { StaffRole } from '../../domain/caseload.js';
import { normaliseUkPhone } from '../../domain/phone.js';
import type { Db } from '../../store/database.js';
import { DuplicateStaffEmailError, StaffRepository, type StaffMember } from '../../store/staff.repository.js';
import { StaffInputError } from './staff-errors.js';

/** A new token: shown once; `lookup` finds the row and only `hash` is kept. */
export interface IssuedStaffToken {
  token: string;
  lookup: string;
  hash: string;
}

export interface AddStaffInput {
  name: string;
  role: StaffRole;
  /** A team not seen before is created by naming it. */
  team: string | null;
  email: string | null;
  /** As typed: any UK number, kept as E.164. */
  phone: string | null;
}

export interface AddStaffDeps {
  db: Db;
  issueToken: () => Promise<IssuedStaffToken>;
}

/** An admin adds a member of staff; their token is returned once and only its hash is stored. */
export class AddStaff {
  constructor(private readonly deps: AddStaffDeps) {}

  async execute(input: AddStaffInput): Promise<{ member: StaffMember; token: string }> {
    const phone = input.phone === null ? null : workPhoneOrThrow(input.phone);
    const issued = await this.deps.issueToken();
    const staff = new StaffRepository(this.deps.db);
    try {
      const created = await staff.create({
        name: input.name,
        role: input.role,
        team: input.team,
        email: input.email,
        phone,
        tokenLookup: issued.lookup,
        tokenHash: issued.hash,
      });
      const member = await staff.findMember(created.id);
      if (!member) throw new Error('staff row vanished after insert');
      return { member, token: issued.token };
    } catch (error) {
      if (error instanceof DuplicateStaffEmailError) throw new StaffInputError('email', 'already belongs to a member of staff');
      throw error;
    }
  }
}

export function workPhoneOrThrow(input: string): string {
  const result = normaliseUkPhone(input);
  if (!result.ok) throw new StaffInputError('phone', result.reason);
  return result.e164;
}
