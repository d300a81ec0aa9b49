/**
 * Organisation sign-in switched off (no OIDC_ variables: token sign-in only, as before) and switched on with the
 * identity provider away. The whole flow against a real provider is in test/browser/organisation-sign-in.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../test-app.js';
import { freePort } from '../redis-server.js';

describe('organisation sign-in, set up or not', { timeout: 60_000 }, () => {
  let off: TestApp;
  let away: TestApp;

  beforeAll(async () => {
    off = await TestApp.start({ mode: 'sandbox', workers: false });
    // Nothing listens on this port: the provider is down (or the issuer mistyped).
    const closedPort = await freePort();
    away = await TestApp.start({
      mode: 'sandbox',
      workers: false,
      env: { OIDC_ISSUER: `http://127.0.0.1:${closedPort}`, OIDC_CLIENT_ID: 'dashboard', OIDC_CLIENT_SECRET: 'secret' },
    });
  }, 60_000);
  afterAll(async () => {
    await off?.close();
    await away?.close();
  });

  it('without OIDC_ variables the dashboard offers the staff token only, and the /auth/oidc routes are not there', async () => {
    expect(await (await fetch(`${off.url}/api/sign-in-methods`)).json()).toEqual({ token: true, organisation: false, organisationStartUrl: null });
    expect((await fetch(`${off.url}/auth/oidc/start`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${off.url}/auth/oidc/callback?code=x&state=y`, { redirect: 'manual' })).status).toBe(404);
  });

  it('starts even when the identity provider is away, and says so kindly when someone tries to sign in', async () => {
    expect((await (await fetch(`${away.url}/api/sign-in-methods`)).json()) as unknown).toMatchObject({ organisation: true });
    const start = await fetch(`${away.url}/auth/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(502);
    expect(start.headers.get('content-type')).toContain('text/html');
    const page = await start.text();
    expect(page).toContain('Your organisation’s sign-in did not work');
    expect(page).toContain('href="/sign-in"');
    expect(start.headers.get('set-cookie') ?? '').not.toContain('eb_session=');
  });

  it('refuses a callback with a state it never gave, with a page and no session', async () => {
    const callback = await fetch(`${away.url}/auth/oidc/callback?code=x&state=never-given`, { redirect: 'manual' });
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain('This sign-in link has already been used');
    expect(callback.headers.get('set-cookie') ?? '').not.toMatch(/eb_session=[^;]/);
  });
});
