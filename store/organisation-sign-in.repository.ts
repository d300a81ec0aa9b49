import { sql } from 'kysely';
import type { StaffIdentity } from '../domain/caseload.js';
import type { Executor } from './database.js';

/** `oidc_pending_sign_ins` (migration 0019): organisation sign-ins sent to the identity provider, not yet back. */
export interface OidcPendingSignInsTable {
  state_hash: string;
  nonce: string;
  code_verifier: string;
  created_at: Date;
}

export interface PendingSignIn {
  stateHash: string;
  nonce: string;
  codeVerifier: string;
  createdAt: Date;
}

/** A member of staff as organisation sign-in sees them: who they are, and whether they have been switched off. */
export interface StaffForSignIn extends StaffIdentity {
  deactivated: boolean;
}

export class OrganisationSignInRepository {
  constructor(private readonly executor: Executor) {}

  private get db() {
    return this.executor.withTables<{ oidc_pending_sign_ins: OidcPendingSignInsTable }>();
  }

  async savePending(pending: PendingSignIn): Promise<void> {
    await this.db
      .insertInto('oidc_pending_sign_ins')
      .values({ state_hash: pending.stateHash, nonce: pending.nonce, code_verifier: pending.codeVerifier, created_at: pending.createdAt })
      .execute();
  }

  /** Takes the pending sign-in out as it reads it: of two callbacks with the same state, only one gets it. */
  async consumePending(stateHash: string): Promise<PendingSignIn | undefined> {
    const row = await this.db.deleteFrom('oidc_pending_sign_ins').where('state_hash', '=', stateHash).returningAll().executeTakeFirst();
    return row && { stateHash: row.state_hash, nonce: row.nonce, codeVerifier: row.code_verifier, createdAt: new Date(row.created_at) };
  }

  /** Sign-ins abandoned at the identity provider. */
  async deletePendingCreatedBefore(before: Date): Promise<number> {
    const result = await this.db.deleteFrom('oidc_pending_sign_ins').where('created_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The member of staff with this work email, whatever its case (an admin set it when inviting them). */
  async staffByEmail(email: string): Promise<StaffForSignIn | undefined> {
    const row = await this.executor
      .selectFrom('staff')
      .select(['id', 'name', 'role', 'team', 'deactivated_at'])
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    return row && { id: row.id, name: row.name, role: row.role, team: row.team, deactivated: row.deactivated_at !== null };
  }
}
