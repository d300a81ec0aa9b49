/// <reference lib="dom" />
/**
 * Organisation sign-in (OpenID Connect) in Debian's Chromium against the real server and a real OpenID Provider
 * (oidc-provider) on 127.0.0.1: the staff member an admin invited by email comes in with the role our database
 * gives them; anyone else gets a plain refusal page and no session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pino } from 'pino';
import { buildDashboard } from '../../web/build-dashboard.js';
import { ManualClock } from '../../domain/time/clock.js';
import { TestApp } from '../test-app.js';
import { LocalIdentityProvider } from '../local-identity-provider.js';
import { freePort } from '../redis-server.js';
import { accessibilityViolations, type Browser, openBrowser, screenshot, WAIT } from './browser.js';

const CLIENT_ID = 'engagement-dashboard';

describe('organisation sign-in in the browser', { timeout: 120_000 }, () => {
  let app: TestApp;
  let idp: LocalIdentityProvider;
  let browser: Browser;
  let page: Page;
  const clock = new ManualClock(new Date());
  let priyaId = '';
  let leaverId = '';
  /** What the web role logged, parsed. */
  const logged: Array<Record<string, unknown>> = [];
  const refusalsLogged = () => logged.filter((line) => line.msg === 'organisation sign-in refused');

  beforeAll(async () => {
    await buildDashboard(undefined, { ifChanged: true });
    // The provider sends the browser back to PUBLIC_BASE_URL, so the app listens on the port that URL names.
    const port = await freePort();
    const publicBaseUrl = `http://127.0.0.1:${port}`;
    idp = new LocalIdentityProvider({
      clientId: CLIENT_ID,
      clientSecret: 'local-client-secret',
      redirectUri: `${publicBaseUrl}/auth/oidc/callback`,
      accounts: {
        priya: { email: 'Priya.Shah@provider.example', emailVerified: true, name: 'P. Shah (from the provider)' },
        stranger: { email: 'stranger@provider.example', emailVerified: true, name: 'Not invited' },
        leaver: { email: 'leaver@provider.example', emailVerified: true, name: 'Left last week' },
        unverified: { email: 'priya.shah@provider.example', emailVerified: false, name: 'Typed her own email' },
      },
    });
    await idp.start();
    app = await TestApp.start({
      mode: 'sandbox',
      workers: false,
      clock,
      webLogger: pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) }),
      env: {
        PORT: String(port),
        PUBLIC_BASE_URL: publicBaseUrl,
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: 'local-client-secret',
      },
    });
    const invite = async (body: Record<string, unknown>) => {
      const created = await app.api<{ id: string }>('POST', '/api/staff', body);
      expect(created.status).toBe(201);
      return created.body.id;
    };
    // The provider knows nothing of roles or teams: those are ours.
    priyaId = await invite({ name: 'Priya Shah', role: 'in_work_team', team: 'North', email: 'priya.shah@provider.example' });
    leaverId = await invite({ name: 'Lee Ver', role: 'key_worker', team: 'North', email: 'leaver@provider.example' });
    await app.db.updateTable('staff').set({ deactivated_at: new Date() }).where('id', '=', leaverId).execute();
    browser = await openBrowser();
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await idp?.stop();
  });

  /** From our sign-in page to the provider's form, as `login`; returns the callback URL the browser was sent to. */
  async function signInAtProvider(login: string, beforeSubmitting?: () => void): Promise<string> {
    await browser.context.clearCookies();
    await page.goto(`${app.url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with your organisation account' }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password will do');
    beforeSubmitting?.();
    const callback = page.waitForRequest((request) => request.url().includes('/auth/oidc/callback'), WAIT);
    await page.getByRole('button', { name: 'Sign-in' }).click();
    return (await callback).url();
  }

  async function sessionStatus(): Promise<number> {
    return page.evaluate(async () => (await fetch('/api/session')).status);
  }

  async function expectRefused(title: string): Promise<void> {
    await page.getByRole('heading', { name: title, level: 1 }).waitFor(WAIT);
    await page.getByText('You have not been signed in.').waitFor(WAIT);
    expect(await page.getByRole('link', { name: 'Back to sign in' }).getAttribute('href')).toBe('/sign-in');
    expect((await browser.context.cookies(app.url)).map((c) => c.name)).not.toContain('eb_session');
    expect(await sessionStatus()).toBe(401);
  }

  it('tells the dashboard that organisation sign-in is on, and offers it beside the staff token', async () => {
    const methods = await fetch(`${app.url}/api/sign-in-methods`);
    expect(await methods.json()).toEqual({ token: true, organisation: true, organisationStartUrl: '/auth/oidc/start' });
    await page.goto(`${app.url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with your organisation account' }).waitFor(WAIT);
    await expect(page.getByLabel('Staff token').isVisible()).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'oidc-01-sign-in-choice');
  });

  it('signs in the invited member of staff by their verified email, with the role and team from our database', async () => {
    const callbackUrl = await signInAtProvider('priya');
    await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor(WAIT);
    const session = await page.evaluate(async () => (await fetch('/api/session')).json());
    expect(session.staff).toEqual({ id: priyaId, name: 'Priya Shah', role: 'in_work_team', team: 'North' });
    const cookie = (await browser.context.cookies(app.url)).find((c) => c.name === 'eb_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const audit = await app.db.selectFrom('audit_log').select(['route', 'status']).where('staff_id', '=', priyaId).execute();
    expect(audit).toContainEqual({ route: '/auth/oidc/callback', status: 302 });
    await screenshot(page, 'oidc-02-signed-in');

    // The same callback again (a copied link, a back button, an attacker): its state was used, so nobody is signed in.
    await browser.context.clearCookies();
    await page.goto(callbackUrl);
    await expectRefused('This sign-in link has already been used');
    expect(refusalsLogged().at(-1)).toMatchObject({ refusal: 'state_unknown' });
  });

  it('refuses an email no admin has invited, saying which address it was', async () => {
    await signInAtProvider('stranger');
    await expectRefused('You do not have access yet');
    await page.getByText('stranger@provider.example').waitFor(WAIT);
    expect(refusalsLogged().at(-1)).toMatchObject({ level: 40, refusal: 'unknown_staff', email: 'stranger@provider.example' });
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'oidc-03-not-invited');
  });

  it('refuses a member of staff who has been deactivated, and records it against them', async () => {
    await signInAtProvider('leaver');
    await expectRefused('Your access has ended');
    const audit = await app.db.selectFrom('audit_log').select(['route', 'status']).where('staff_id', '=', leaverId).execute();
    expect(audit).toContainEqual({ route: '/auth/oidc/callback', status: 403 });
  });

  it('refuses an email the provider has not verified, even when it is an invited member’s', async () => {
    await signInAtProvider('unverified');
    await expectRefused('Your email address has not been confirmed');
  });

  it('refuses an ID token issued for another application (wrong audience)', async () => {
    idp.issueTokensFor = 'some-other-application';
    try {
      await signInAtProvider('priya');
      await expectRefused('We could not confirm who you are');
      expect(refusalsLogged().at(-1)).toMatchObject({ refusal: 'token_rejected', detail: expect.stringContaining('"aud"') });
    } finally {
      idp.issueTokensFor = undefined;
    }
  });

  it('refuses a sign-in that comes back after more than 10 minutes', async () => {
    await signInAtProvider('priya', () => clock.advance(11 * 60_000));
    await expectRefused('This sign-in took too long');
    expect(refusalsLogged().at(-1)).toMatchObject({ refusal: 'state_expired' });
  });

  it('still signs Priya in afterwards (nothing above left her locked out)', async () => {
    await signInAtProvider('priya');
    await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor(WAIT);
    expect(await sessionStatus()).toBe(200);
  });
});
