import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { StaffAuthenticator } from '../auth/authenticator.js';
import { assertSameOrigin, CSRF_HEADER } from '../auth/cookie-session.authenticator.js';
import { clearedSessionCookie, readSessionSecret, sessionCookie, type SessionCookieOptions } from '../auth/session-cookie.js';
import { csrfTokenFor, isCsrfTokenFor, type StaffSessions } from '../auth/staff-sessions.js';
import type { ClientAddress } from '../client-address.js';
import { FAILED_SIGN_INS_PER_MINUTE, type RateLimiter } from '../rate-limiter.js';
import { ApiError } from './api-error.js';
import { toApiError, type ApiRouteDescription } from './api-route.js';
import { errorSchema, staffRoleSchema } from './api-schemas.js';

const signInBody = z.strictObject({ token: z.string().trim().min(1, 'enter your staff token').max(200) });

/** Who is signed in, with what the dashboard needs to show and to send changes (its CSRF token and header). */
export const sessionSchema = z.object({
  staff: z.object({ id: z.string(), name: z.string(), role: staffRoleSchema, team: z.string().nullable() }),
  csrfToken: z.string(),
  csrfHeader: z.string(),
  expiresAt: z.string(),
  programmeName: z.string(),
  sandbox: z.boolean(),
  timeZone: z.string(),
});

/** The session routes as the OpenAPI document tells them: registered by hand below, as they work with a cookie. */
export const sessionRouteDescriptions: readonly ApiRouteDescription[] = [
  {
    method: 'post',
    path: '/api/session',
    summary: 'Dashboard sign-in with a staff token: sets the session cookie',
    public: true,
    body: signInBody,
    responses: {
      201: { description: 'Signed in', schema: sessionSchema },
      400: { description: 'Invalid', schema: errorSchema },
      401: { description: 'Token not recognised', schema: errorSchema },
      429: { description: 'Too many attempts', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/api/session',
    summary: 'Who is signed in to the dashboard (by the session cookie)',
    public: true,
    responses: { 200: { description: 'Signed in', schema: sessionSchema }, 401: { description: 'Not signed in', schema: errorSchema } },
  },
  {
    method: 'del',
    path: '/api/session',
    summary: "Signs out: the session ends (needs the session's CSRF header)",
    public: true,
    responses: { 204: { description: 'Signed out' }, 403: { description: 'CSRF header missing or wrong', schema: errorSchema } },
  },
];

export interface SessionRouteDeps {
  authenticator: StaffAuthenticator;
  sessions: StaffSessions;
  limiter: RateLimiter;
  cookie: SessionCookieOptions;
  /** Our public address (PUBLIC_BASE_URL), also accepted as the origin of sign-in and sign-out. */
  publicBaseUrl: string;
  /** What the dashboard shows in its header and uses for times. */
  dashboard: { programmeName: string; sandbox: boolean; timeZone: string };
  onError: (error: unknown) => void;
  onAudit: (entry: { staff: StaffIdentity; method: string; route: string; status: number; clientAddress: string }) => Promise<void>;
  /** The caller's address (TRUST_PROXY decides whose X-Forwarded-For is believed). */
  clientAddress: ClientAddress;
}

/**
 * Dashboard sign-in with a staff token: `POST /api/session {token}` opens a session (cookie), `GET /api/session`
 * says who is signed in (with the CSRF token the page must send on changes), `DELETE /api/session` signs out.
 * Wrong tokens and unknown session cookies count against the same per-address limit as wrong bearer tokens.
 */
export function registerSessionRoutes(server: Server, deps: SessionRouteDeps): void {
  const { authenticator, sessions, limiter, cookie } = deps;
  const signInKey = (req: Request) => `signin:${deps.clientAddress(req)}`;
  const refuseIfOverLimit = async (req: Request) => {
    if (await limiter.isOver(signInKey(req), FAILED_SIGN_INS_PER_MINUTE, 60_000)) {
      throw new ApiError(429, 'rate_limited', 'Too many attempts; please wait a minute');
    }
  };
  const fail = (res: Response, error: unknown) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) deps.onError(error);
    if (apiError.status === 429) res.header('Retry-After', '60');
    res.send(apiError.status, apiError.toJSON());
  };
  const describe = (staff: StaffIdentity, secret: string, expiresAt: Date): z.input<typeof sessionSchema> => ({
    staff,
    csrfToken: csrfTokenFor(secret),
    csrfHeader: CSRF_HEADER,
    expiresAt: expiresAt.toISOString(),
    ...deps.dashboard,
  });

  server.post('/api/session', async (req: Request, res: Response) => {
    try {
      assertSameOrigin(req, deps.publicBaseUrl);
      await refuseIfOverLimit(req);
      if (!req.is('application/json')) throw new ApiError(415, 'unsupported_media_type', 'Send the token as JSON: {"token": "…"}');
      const parsed = signInBody.safeParse(req.body ?? {});
      if (!parsed.success) {
        throw new ApiError(400, 'validation_failed', 'The request body is not valid', {
          fields: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        });
      }
      const staff = await authenticator.authenticate(`Bearer ${parsed.data.token}`);
      if (!staff) {
        await limiter.hit(signInKey(req), FAILED_SIGN_INS_PER_MINUTE, 60_000);
        throw new ApiError(401, 'unauthorised', 'That token was not recognised. Check it and try again.');
      }
      const opened = await sessions.open(staff);
      await deps.onAudit({ staff, method: 'POST', route: '/api/session', status: 201, clientAddress: deps.clientAddress(req) });
      res.header('Set-Cookie', sessionCookie(opened.secret, cookie));
      res.send(201, describe(staff, opened.secret, opened.expiresAt));
    } catch (error) {
      fail(res, error);
    }
  });

  server.get('/api/session', async (req: Request, res: Response) => {
    try {
      await refuseIfOverLimit(req);
      const secret = readSessionSecret(req.header('cookie'), cookie);
      const session = secret ? await sessions.find(secret) : undefined;
      if (!secret || !session) {
        // A cookie that names no live session is a guess or a leftover: counted like a wrong token.
        if (req.header('cookie')?.includes('eb_session=')) await limiter.hit(signInKey(req), FAILED_SIGN_INS_PER_MINUTE, 60_000);
        throw new ApiError(401, 'unauthorised', 'You are not signed in');
      }
      res.send(200, describe(session.staff, secret, session.expiresAt));
    } catch (error) {
      fail(res, error);
    }
  });

  server.del('/api/session', async (req: Request, res: Response) => {
    try {
      const secret = readSessionSecret(req.header('cookie'), cookie);
      const session = secret ? await sessions.find(secret) : undefined;
      if (secret && session) {
        assertSameOrigin(req, deps.publicBaseUrl);
        if (!isCsrfTokenFor(secret, req.header(CSRF_HEADER))) {
          throw new ApiError(403, 'csrf_failed', `Signing out from the dashboard needs the session's ${CSRF_HEADER} header`);
        }
        await sessions.close(secret);
        await deps.onAudit({ staff: session.staff, method: 'DELETE', route: '/api/session', status: 204, clientAddress: deps.clientAddress(req) });
      }
      res.header('Set-Cookie', clearedSessionCookie(cookie));
      res.send(204);
    } catch (error) {
      fail(res, error);
    }
  });
}
