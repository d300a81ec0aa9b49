import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { CompleteOrganisationSignIn } from '../../app/staff/complete-organisation-sign-in.action.js';
import { IdentityProviderError, type IdentityProvider } from '../../app/staff/identity-provider.js';
import { StartOrganisationSignIn } from '../../app/staff/start-organisation-sign-in.action.js';
import type { Clock } from '../../domain/time/clock.js';
import { OIDC_CALLBACK_PATH } from '../../domain/config.schema.js';
import type { SignInRefusal } from '../../domain/organisation-sign-in.js';
import type { Db } from '../../store/database.js';
import { sessionCookie, type SessionCookieOptions } from '../auth/session-cookie.js';
import { clearedSignInStateCookie, readSignInState, signInStateCookie } from '../auth/sign-in-state-cookie.js';
import type { StaffSessions } from '../auth/staff-sessions.js';
import type { ClientAddress } from '../client-address.js';
import { DASHBOARD_CSP } from './dashboard.routes.js';
import type { ApiRouteDescription } from './api-route.js';
import { signInRefusalPage } from './sign-in-refusal.page.js';

export const OIDC_START_PATH = '/auth/oidc/start';

/** How the dashboard may sign someone in: its sign-in page offers the organisation button only when it is set up. */
export const signInMethodsSchema = z.object({
  token: z.literal(true),
  organisation: z.boolean(),
  /** Where the "Sign in with your organisation account" button goes (a browser redirect, not a JSON route). */
  organisationStartUrl: z.string().nullable(),
});

export const organisationSignInRouteDescriptions: readonly ApiRouteDescription[] = [
  {
    method: 'get',
    path: '/api/sign-in-methods',
    summary: 'How staff can sign in to the dashboard: a staff token always; an organisation account when OIDC_ISSUER is set',
    public: true,
    responses: { 200: { description: 'The sign-in methods', schema: signInMethodsSchema } },
  },
];

export interface OrganisationSignInDeps {
  db: Db;
  clock: Clock;
  /** Unset when OIDC_ISSUER is not configured: token sign-in only. */
  provider: IdentityProvider | undefined;
  /** The redirect URI registered at the provider: `${PUBLIC_BASE_URL}/auth/oidc/callback`. */
  redirectUri: string;
  sessions: StaffSessions;
  cookie: SessionCookieOptions;
  clientAddress: ClientAddress;
  onRefusal: (entry: { refusal: SignInRefusal; email?: string; staffId?: string; detail?: string; clientAddress: string }) => void;
  onError: (error: unknown) => void;
  /** An audit entry for a member of staff who signed in, or was refused as deactivated. */
  onAudit: (entry: { staffId: string; method: string; route: string; status: number; clientAddress: string }) => Promise<void>;
}

/**
 * Organisation sign-in (OpenID Connect, authorisation code with PKCE): `GET /auth/oidc/start` sends the browser to
 * the identity provider, `GET /auth/oidc/callback` takes it back and, for an invited member of staff, opens the same
 * dashboard session as token sign-in. Everything else gets a plain refusal page and no session.
 */
export function registerOrganisationSignIn(server: Server, deps: OrganisationSignInDeps): void {
  const { provider } = deps;
  server.get('/api/sign-in-methods', async (_req: Request, res: Response) => {
    res.send(200, { token: true, organisation: provider !== undefined, organisationStartUrl: provider ? OIDC_START_PATH : null });
  });

  const refuse = (req: Request, res: Response, refusal: SignInRefusal, detail: { email?: string; staffId?: string; detail?: string } = {}) => {
    deps.onRefusal({ refusal, ...detail, clientAddress: deps.clientAddress(req) });
    const page = signInRefusalPage(refusal, detail.email);
    res.sendRaw(page.status, page.html, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': DASHBOARD_CSP,
      'Cache-Control': 'no-store',
      'Set-Cookie': clearedSignInStateCookie(deps.cookie),
    });
  };
  const notConfigured = (res: Response) =>
    res.sendRaw(404, 'Organisation sign-in is not set up here. Sign in with your staff token at /sign-in.\n', { 'Content-Type': 'text/plain; charset=utf-8' });

  server.get(OIDC_START_PATH, async (req: Request, res: Response) => {
    if (!provider) {
      notConfigured(res);
      return;
    }
    try {
      const started = await new StartOrganisationSignIn({ db: deps.db, clock: deps.clock, provider }).execute();
      res.sendRaw(302, '', {
        Location: started.authorizationUrl.href,
        'Cache-Control': 'no-store',
        'Set-Cookie': signInStateCookie(started.state, deps.cookie),
      });
    } catch (error) {
      if (error instanceof IdentityProviderError) {
        refuse(req, res, 'provider_error', { detail: error.message });
        return;
      }
      deps.onError(error);
      res.sendRaw(500, 'Something went wrong. Please try again.\n', { 'Content-Type': 'text/plain; charset=utf-8' });
    }
  });

  server.get(OIDC_CALLBACK_PATH, async (req: Request, res: Response) => {
    if (!provider) {
      notConfigured(res);
      return;
    }
    try {
      // The URL the provider sent the browser to is our public one (we may sit behind a proxy): the token request
      // names it as redirect_uri, so it must be exactly the registered one.
      const callbackUrl = new URL(deps.redirectUri);
      callbackUrl.search = new URL(req.url ?? '/', 'http://callback').search;
      const outcome = await new CompleteOrganisationSignIn({ db: deps.db, clock: deps.clock, provider }).execute({
        callbackUrl,
        browserState: readSignInState(req.header('cookie'), deps.cookie),
      });
      if ('refusal' in outcome) {
        if (outcome.staffId) {
          await deps.onAudit({
            staffId: outcome.staffId,
            method: 'GET',
            route: OIDC_CALLBACK_PATH,
            status: signInRefusalPage(outcome.refusal, undefined).status,
            clientAddress: deps.clientAddress(req),
          });
        }
        const { refusal, ...detail } = outcome;
        refuse(req, res, refusal, detail);
        return;
      }
      const opened = await deps.sessions.open(outcome.signedIn);
      await deps.onAudit({ staffId: outcome.signedIn.id, method: 'GET', route: OIDC_CALLBACK_PATH, status: 302, clientAddress: deps.clientAddress(req) });
      res.setHeader('Set-Cookie', [sessionCookie(opened.secret, deps.cookie), clearedSignInStateCookie(deps.cookie)]);
      res.sendRaw(302, '', { Location: '/caseload', 'Cache-Control': 'no-store' });
    } catch (error) {
      deps.onError(error);
      res.sendRaw(500, 'Something went wrong. Please go back to /sign-in and try again.\n', { 'Content-Type': 'text/plain; charset=utf-8' });
    }
  });
}
