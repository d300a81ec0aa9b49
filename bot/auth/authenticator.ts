import { createHash } from 'node:crypto';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { Db } from '../../store/database.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { BOOTSTRAP_ADMIN_LOOKUP, parseStaffToken, verifySecret } from './staff-token.js';

const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 10_000;

/**
 * Turns a bearer token into a member of staff. The staff row is read on every request, so a rotated token, a
 * switched-off member or a new role counts at once, in every web process. What is remembered (for a minute, by the
 * token's SHA-256 digest, never the token itself) is only that the token matched the stored hash: while that hash
 * is unchanged, scrypt runs once per token per minute, not on every request.
 */
export class StaffAuthenticator {
  private readonly verified = new Map<string, { tokenHash: string; until: number }>();

  constructor(private readonly db: Db) {}

  async authenticate(authorization: string | undefined): Promise<StaffIdentity | undefined> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token || token.length > 200) return undefined;
    const parsed = parseStaffToken(token);
    const lookup = parsed ? parsed.lookup : BOOTSTRAP_ADMIN_LOOKUP;
    const secret = parsed ? parsed.secret : token;
    const staff = await new StaffRepository(this.db).findByTokenLookup(lookup);
    if (!staff) return undefined;

    const digest = createHash('sha256').update(token).digest('hex');
    const remembered = this.verified.get(digest);
    const stillVerified = remembered !== undefined && remembered.until > Date.now() && remembered.tokenHash === staff.tokenHash;
    if (!stillVerified) {
      if (!(await verifySecret(secret, staff.tokenHash))) return undefined;
      if (this.verified.size >= CACHE_MAX) this.verified.clear();
      this.verified.set(digest, { tokenHash: staff.tokenHash, until: Date.now() + CACHE_TTL_MS });
    }
    return { id: staff.id, name: staff.name, role: staff.role, team: staff.team };
  }
}
