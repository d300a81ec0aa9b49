import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../domain/time/clock.js';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { Db } from '../../store/database.js';
import { StaffSessionRepository } from '../../store/staff-session.repository.js';

/** A session ends after this long without a request. @defaultValue 2 hours */
export const SESSION_IDLE_MS = 2 * 3600_000;
/** ...and this long after sign-in whatever happens: a working day. @defaultValue 12 hours */
export const SESSION_MAX_MS = 12 * 3600_000;
/** `last_seen_at` is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface OpenedSession {
  secret: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface LiveSession {
  staff: StaffIdentity;
  expiresAt: Date;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Dashboard sessions in the database (shared by every web process, and revocable: signing out deletes the row).
 * The browser holds a random secret; the database holds its SHA-256. The CSRF token is derived from the secret,
 * so it is bound to the session and needs no storage: a page that cannot read the HttpOnly cookie cannot make it.
 */
export class StaffSessions {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async open(staff: StaffIdentity): Promise<OpenedSession> {
    const now = this.clock.now();
    const sessions = new StaffSessionRepository(this.db);
    const tokenHash = await sessions.currentTokenHash(staff.id);
    if (tokenHash === undefined) throw new Error('No such member of staff');
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
    await sessions.deleteExpired(now, new Date(now.getTime() - SESSION_IDLE_MS));
    await sessions.open({ idHash: sha256(secret), staffId: staff.id, tokenFingerprint: sha256(tokenHash), createdAt: now, expiresAt });
    return { secret, csrfToken: csrfTokenFor(secret), expiresAt };
  }

  /** Who the session belongs to, or undefined when it is unknown, idle too long, expired, or its token changed. */
  async find(secret: string): Promise<LiveSession | undefined> {
    const now = this.clock.now();
    const sessions = new StaffSessionRepository(this.db);
    const idHash = sha256(secret);
    const session = await sessions.findLive(idHash, now);
    if (!session) return undefined;
    const idle = now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS;
    if (idle || session.tokenFingerprint !== sha256(session.staffTokenHash)) {
      await sessions.close(idHash);
      return undefined;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await sessions.touch(idHash, now);
    return { staff: session.staff, expiresAt: session.expiresAt };
  }

  async close(secret: string): Promise<void> {
    await new StaffSessionRepository(this.db).close(sha256(secret));
  }
}

export function csrfTokenFor(secret: string): string {
  return createHash('sha256').update(`csrf\u0000${secret}`).digest('base64url');
}

export function isCsrfTokenFor(secret: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenFor(secret));
  const actual = Buffer.from(presented);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
