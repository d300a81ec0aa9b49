import type { StaffIdentity, StaffRole } from '../domain/caseload.js';
import type { Executor } from './database.js';
import type { StaffRow } from './schema.js';

export interface NewStaff {
  name: string;
  role: StaffRole;
  team: string | null;
  tokenLookup: string;
  tokenHash: string;
}

export class StaffRepository {
  constructor(private readonly db: Executor) {}

  async create(staff: NewStaff): Promise<StaffIdentity> {
    const row = await this.db
      .insertInto('staff')
      .values({
        name: staff.name,
        role: staff.role,
        team: staff.team,
        token_lookup: staff.tokenLookup,
        token_hash: staff.tokenHash,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toIdentity(row);
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

  async findByTokenLookup(lookup: string): Promise<(StaffIdentity & { tokenHash: string }) | undefined> {
    const row = await this.db.selectFrom('staff').selectAll().where('token_lookup', '=', lookup).executeTakeFirst();
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
