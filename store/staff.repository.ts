import { sql } from 'kysely';
import type { StaffIdentity, StaffRole } from '../domain/caseload.js';
import { isUniqueViolation } from './participant.repository.js';
import type { Executor } from './database.js';
import type { StaffRow } from './schema.js';

export interface NewStaff {
  name: string;
  role: StaffRole;
  team: string | null;
  email?: string | null;
  tokenLookup: string;
  tokenHash: string;
}

export class DuplicateStaffEmailError extends Error {
  constructor() {
    super('A member of staff with this email already exists');
  }
}

export class StaffRepository {
  constructor(private readonly db: Executor) {}

  async create(staff: NewStaff): Promise<StaffIdentity> {
    try {
      const row = await this.db
        .insertInto('staff')
        .values({
          name: staff.name,
          role: staff.role,
          team: staff.team,
          email: staff.email ?? null,
          token_lookup: staff.tokenLookup,
          token_hash: staff.tokenHash,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toIdentity(row);
    } catch (error) {
      if (isUniqueViolation(error) && (error as { constraint?: unknown }).constraint === 'staff_email') throw new DuplicateStaffEmailError();
      throw error;
    }
  }

  /** Whoever has this work email, whatever its case. */
  async findByEmail(email: string): Promise<StaffIdentity | undefined> {
    const row = await this.db
      .selectFrom('staff')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    return row ? toIdentity(row) : undefined;
  }

  /** Their work phone (E.164), the number a call-ahead text says they will ring from, if one is on file. */
  async workPhone(id: string): Promise<string | null> {
    const row = await this.db.selectFrom('staff').select('phone').where('id', '=', id).executeTakeFirst();
    return row?.phone ?? null;
  }

  /** The bootstrap admin keeps one row whose token follows ADMIN_TOKEN across restarts. */
  async upsertBootstrapAdmin(tokenLookup: string, tokenHash: string): Promise<StaffIdentity> {
    const row = await this.db
      .insertInto('staff')
      .values({ name: 'Administrator', role: 'admin', team: null, token_lookup: tokenLookup, token_hash: tokenHash })
      .onConflict((oc) => oc.column('token_lookup').doUpdateSet({ token_hash: tokenHash }))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toIdentity(row);
  }

  /** Only someone still active: a deactivated member's token stops at once. */
  async findByTokenLookup(lookup: string): Promise<(StaffIdentity & { tokenHash: string }) | undefined> {
    const row = await this.db.selectFrom('staff').selectAll().where('token_lookup', '=', lookup).where('deactivated_at', 'is', null).executeTakeFirst();
    return row ? { ...toIdentity(row), tokenHash: row.token_hash } : undefined;
  }

  async findById(id: string): Promise<StaffIdentity | undefined> {
    const row = await this.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toIdentity(row) : undefined;
  }
}

function toIdentity(row: StaffRow): StaffIdentity {
  return { id: row.id, name: row.name, role: row.role, team: row.team };
}
