import { createHash } from 'node:crypto';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { Db } from '../../store/database.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { BOOTSTRAP_ADMIN_LOOKUP, parseStaffToken, verifySecret } from './staff-token.js';

const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 10_000;

/**
 * Turns a bearer token into a member of staff. Verified tokens are remembered for a minute by their SHA-256
 * digest (never the token itself), so scrypt runs once per token per minute, not on every request.
 */
export class StaffAuthenticator {
  private readonly cache = new Map<string, { staff: StaffIdentity; until: number }>();

  constructor(private readonly db: Db) {}

  async authenticate(authorization: string | undefined): Promise<StaffIdentity | undefined> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token || token.length > 200) return undefined;
    const digest = createHash('sha256').update(token).digest('hex');
    const cached = this.cache.get(digest);
    if (cached && cached.until > Date.now()) return cached.staff;

    const parsed = parseStaffToken(token);
    const lookup = parsed ? parsed.lookup : BOOTSTRAP_ADMIN_LOOKUP;
    const secret = parsed ? parsed.secret : token;
    const staff = await new StaffRepository(this.db).findByTokenLookup(lookup);
    if (!staff || !(await verifySecret(secret, staff.tokenHash))) return undefined;
    const identity: StaffIdentity = { id: staff.id, name: staff.name, role: staff.role, team: staff.team };
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(digest, { staff: identity, until: Date.now() + CACHE_TTL_MS });
    return identity;
  }
}
