import type { Request } from 'restify';
import type { StaffIdentity } from '../../domain/caseload.js';
import { ApiError } from '../routes/api-error.js';
import { readSessionSecret, type SessionCookieOptions } from './session-cookie.js';
import { isCsrfTokenFor, type StaffSessions } from './staff-sessions.js';

/** The header the dashboard sends its CSRF token in, on every request that changes something. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * API requests that carry the dashboard's session cookie instead of a bearer token. A request that changes
 * something must also come from our own origin and carry the session's CSRF token in `X-CSRF-Token`: SameSite=Strict
 * already keeps other sites' requests from carrying the cookie; the token is the second lock.
 * https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
 */
export class CookieSessionAuthenticator {
  constructor(
    private readonly sessions: StaffSessions,
    private readonly cookie: SessionCookieOptions,
    /** PUBLIC_BASE_URL: behind a proxy the browser's Origin is the public address, not the Host we see. */
    private readonly publicBaseUrl?: string,
  ) {}

  /** Undefined when there is no live session (a 401, counted like a wrong token); throws 403 for a forged change. */
  async authenticate(req: Request): Promise<StaffIdentity | undefined> {
    const secret = readSessionSecret(req.header('cookie'), this.cookie);
    if (!secret) return undefined;
    const session = await this.sessions.find(secret);
    if (!session) return undefined;
    if (!SAFE_METHODS.has(req.method ?? 'GET')) {
      assertSameOrigin(req, this.publicBaseUrl);
      if (!isCsrfTokenFor(secret, req.header(CSRF_HEADER))) {
        throw new ApiError(403, 'csrf_failed', `Changes from the dashboard need the session's ${CSRF_HEADER} header`);
      }
    }
    return session.staff;
  }
}

/**
 * Refuses a request another site started: browsers send `Sec-Fetch-Site` and, on POST/PUT/PATCH/DELETE, `Origin`.
 * Requests without either (curl, scripts) carry no ambient cookie of a victim, so they are not refused here. Our own
 * origin is the host the request came to, or the public address (PUBLIC_BASE_URL) when a proxy stands in between.
 */
export function assertSameOrigin(req: Request, publicBaseUrl?: string): void {
  const site = req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw crossOrigin();
  const origin = req.header('origin');
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    throw crossOrigin();
  }
  const ours = [req.header('host'), publicBaseUrl ? new URL(publicBaseUrl).host : undefined];
  if (!ours.includes(host)) throw crossOrigin();
}

const crossOrigin = () => new ApiError(403, 'cross_origin', 'Requests from another site are refused');
