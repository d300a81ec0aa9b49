import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/time/clock.js';
import type { CaseRecordDatabase } from '../../store/database.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { openTestEngine } from '../../test/test-database.js';
import { CompleteOrganisationSignIn } from './complete-organisation-sign-in.action.js';
import { IdentityProviderError, type IdentityProvider } from './identity-provider.js';
import { StartOrganisationSignIn } from './start-organisation-sign-in.action.js';

const REDIRECT = 'https://bot.example.test/auth/oidc/callback';

/**
 * The identity provider's side, scripted: the real one (openid-client against oidc-provider) is exercised in
 * test/browser/organisation-sign-in.test.ts; here the point is what we do with its answer.
 */
class ScriptedProvider implements IdentityProvider {
  answer: Record<string, unknown> | IdentityProviderError = {};
  redeemed: Array<{ state: string; nonce: string; codeVerifier: string }> = [];
  private count = 0;

  async begin() {
    this.count += 1;
    return { authorizationUrl: new URL('https://idp.example.test/authorize'), state: `state-${this.count}-${randomUUID()}`, nonce: `nonce-${this.count}`, codeVerifier: `verifier-${this.count}` };
  }

  async redeem(_callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }) {
    this.redeemed.push(checks);
    if (this.answer instanceof IdentityProviderError) throw this.answer;
    return this.answer;
  }
}

describe('completing an organisation sign-in', () => {
  let database: CaseRecordDatabase;
  let close: (() => Promise<void>) | undefined;
  const clock = new ManualClock(new Date('2026-12-07T09:00:00Z'));
  const provider = new ScriptedProvider();
  let start: StartOrganisationSignIn;
  let complete: CompleteOrganisationSignIn;
  let priyaId = '';

  const callback = (state: string) => new URL(`${REDIRECT}?code=abc&state=${encodeURIComponent(state)}`);

  beforeAll(async () => {
    ({ database, close } = await openTestEngine('postgres', 'app_oidc'));
    start = new StartOrganisationSignIn({ db: database.db, clock, provider });
    complete = new CompleteOrganisationSignIn({ db: database.db, clock, provider });
    const staff = new StaffRepository(database.db);
    priyaId = (await staff.create({ name: 'Priya', role: 'key_worker', team: 'North', email: 'priya@provider.example', tokenLookup: randomUUID(), tokenHash: 'h' })).id;
    const leaver = await staff.create({ name: 'Lee', role: 'key_worker', team: 'North', email: 'lee@provider.example', tokenLookup: randomUUID(), tokenHash: 'h' });
    await database.db.updateTable('staff').set({ deactivated_at: clock.now() }).where('id', '=', leaver.id).execute();
  });
  afterAll(async () => close?.());

  it('signs in the invited member by verified email (any case), with the nonce and PKCE verifier kept at the start', async () => {
    provider.answer = { sub: 'x', email: 'PRIYA@provider.example', email_verified: true, role: 'admin' };
    const { state } = await start.execute();
    const outcome = await complete.execute({ callbackUrl: callback(state), browserState: state });
    // A role claim from the provider changes nothing: the role is ours.
    expect(outcome).toEqual({ signedIn: { id: priyaId, name: 'Priya', role: 'key_worker', team: 'North' }, email: 'PRIYA@provider.example' });
    expect(provider.redeemed.at(-1)).toMatchObject({ state, nonce: expect.stringMatching(/^nonce-/), codeVerifier: expect.stringMatching(/^verifier-/) });
  });

  it('uses a state once, even when the same callback arrives twice at the same moment', async () => {
    provider.answer = { email: 'priya@provider.example', email_verified: true };
    const { state } = await start.execute();
    const outcomes = await Promise.all([1, 2, 3].map(() => complete.execute({ callbackUrl: callback(state), browserState: state })));
    expect(outcomes.filter((o) => 'signedIn' in o)).toHaveLength(1);
    expect(outcomes.filter((o) => 'refusal' in o && o.refusal === 'state_unknown')).toHaveLength(2);
  });

  it('refuses a state it never gave, one too old, and one brought back by another browser', async () => {
    expect(await complete.execute({ callbackUrl: callback('made-up'), browserState: 'made-up' })).toEqual({ refusal: 'state_unknown' });
    expect(await complete.execute({ callbackUrl: new URL(`${REDIRECT}?code=abc`), browserState: undefined })).toEqual({ refusal: 'state_unknown' });

    const old = await start.execute();
    clock.advance(10 * 60_000 + 1);
    expect(await complete.execute({ callbackUrl: callback(old.state), browserState: old.state })).toEqual({ refusal: 'state_expired' });

    const elsewhere = await start.execute();
    expect(await complete.execute({ callbackUrl: callback(elsewhere.state), browserState: undefined })).toEqual({ refusal: 'other_browser' });
    // ...and that state is spent: the right browser cannot use it afterwards either.
    expect(await complete.execute({ callbackUrl: callback(elsewhere.state), browserState: elsewhere.state })).toEqual({ refusal: 'state_unknown' });
  });

  it.each([
    [{ email: 'nobody@provider.example', email_verified: true }, { refusal: 'unknown_staff', email: 'nobody@provider.example' }],
    [{ email: 'priya@provider.example', email_verified: false }, { refusal: 'email_unverified', email: 'priya@provider.example' }],
    [{ sub: 'no-email' }, { refusal: 'email_missing' }],
    [new IdentityProviderError('token_rejected', 'unexpected "aud" claim value'), { refusal: 'token_rejected', detail: 'unexpected "aud" claim value' }],
    [new IdentityProviderError('provider_error', 'access_denied'), { refusal: 'provider_error', detail: 'access_denied' }],
  ])('refuses %o', async (answer, expected) => {
    provider.answer = answer;
    const { state } = await start.execute();
    expect(await complete.execute({ callbackUrl: callback(state), browserState: state })).toEqual(expected);
  });

  it('refuses a deactivated member, naming them for the audit log', async () => {
    provider.answer = { email: 'lee@provider.example', email_verified: true };
    const { state } = await start.execute();
    expect(await complete.execute({ callbackUrl: callback(state), browserState: state })).toMatchObject({ refusal: 'deactivated', staffId: expect.any(String) });
  });

  it('clears away sign-ins abandoned at the provider long ago', async () => {
    await start.execute();
    clock.advance(2 * 3600_000);
    await start.execute();
    const left = await database.db.withTables<{ oidc_pending_sign_ins: { created_at: Date } }>().selectFrom('oidc_pending_sign_ins').select('created_at').execute();
    expect(left.map((row) => new Date(row.created_at).getTime())).toEqual([clock.now().getTime()]);
  });
});
