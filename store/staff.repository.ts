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
  phone?: string | null;
  tokenLookup: string;
  tokenHash: string;
}

/** A member of staff as an admin sees them (never their token). */
export interface StaffMember extends StaffIdentity {
  email: string | null;
  phone: string | null;
  active: boolean;
  deactivatedAt: Date | null;
  /** The row that follows ADMIN_TOKEN: it cannot be switched off, demoted or given another token here. */
  bootstrap: boolean;
}

export interface StaffChanges {
  name?: string;
  role?: StaffRole;
  team?: string | null;
  phone?: string | null;
}

export class DuplicateStaffEmailError extends Error {
  constructor() {
    super('A member of staff with this email already exists');
  }
}

/** Stored in place of a token hash when a member is switched off: no secret verifies against it. */
const REVOKED_TOKEN_HASH = 'revoked';
/** bot/auth/staff-token.ts BOOTSTRAP_ADMIN_LOOKUP: the row ADMIN_TOKEN signs in as. */
const BOOTSTRAP_LOOKUP = 'bootstrap-admin';

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
          phone: staff.phone ?? null,
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

  /** Someone who still works here: only they can be given participants. */
  async findActiveById(id: string): Promise<StaffIdentity | undefined> {
    const row = await this.db.selectFrom('staff').selectAll().where('id', '=', id).where('deactivated_at', 'is', null).executeTakeFirst();
    return row ? toIdentity(row) : undefined;
  }

  async findMember(id: string, options: { lock?: boolean } = {}): Promise<StaffMember | undefined> {
    let query = this.db.selectFrom('staff').selectAll().where('id', '=', id);
    if (options.lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toMember(row) : undefined;
  }

  /** Everyone, active first, then by team and name. */
  async listMembers(): Promise<StaffMember[]> {
    const rows = await this.db
      .selectFrom('staff')
      .selectAll()
      .orderBy(sql`deactivated_at is not null`)
      .orderBy(sql`team nulls first`)
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toMember);
  }

  async update(id: string, changes: StaffChanges): Promise<StaffMember | undefined> {
    if (Object.keys(changes).length === 0) return this.findMember(id);
    const row = await this.db
      .updateTable('staff')
      .set({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.role !== undefined && { role: changes.role }),
        ...(changes.team !== undefined && { team: changes.team }),
        ...(changes.phone !== undefined && { phone: changes.phone }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toMember(row) : undefined;
  }

  /** A new token: the old hash is gone, so the old token and every session tied to it stop at once. */
  async replaceToken(id: string, tokenLookup: string, tokenHash: string): Promise<boolean> {
    const result = await this.db
      .updateTable('staff')
      .set({ token_lookup: tokenLookup, token_hash: tokenHash })
      .where('id', '=', id)
      .where('deactivated_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Switched off: their token can never verify again (a reactivated member needs a new one). */
  async deactivate(id: string, at: Date): Promise<StaffMember | undefined> {
    const row = await this.db
      .updateTable('staff')
      .set({ deactivated_at: at, token_hash: REVOKED_TOKEN_HASH })
      .where('id', '=', id)
      .where('deactivated_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toMember(row) : undefined;
  }

  async reactivate(id: string): Promise<StaffMember | undefined> {
    const row = await this.db.updateTable('staff').set({ deactivated_at: null }).where('id', '=', id).returningAll().executeTakeFirst();
    return row ? toMember(row) : undefined;
  }

  /** Active members of a role who have a work phone (a safeguarding lead is texted escalations on it). */
  async activeWithPhone(role: StaffRole): Promise<Array<{ id: string; name: string; phone: string }>> {
    const rows = await this.db
      .selectFrom('staff')
      .select(['id', 'name', 'phone'])
      .where('role', '=', role)
      .where('deactivated_at', 'is', null)
      .where('phone', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, phone: r.phone as string }));
  }
}

function toIdentity(row: StaffRow): StaffIdentity {
  return { id: row.id, name: row.name, role: row.role, team: row.team };
}

function toMember(row: StaffRow): StaffMember {
  return {
    ...toIdentity(row),
    email: row.email,
    phone: row.phone,
    active: row.deactivated_at === null,
    deactivatedAt: row.deactivated_at,
    bootstrap: row.token_lookup === BOOTSTRAP_LOOKUP,
  };
}
