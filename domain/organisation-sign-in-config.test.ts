import { describe, expect, it } from 'vitest';
import { loadConfig, organisationSignInConfig } from './config.schema.js';

const OIDC = { OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0', OIDC_CLIENT_ID: 'dashboard', OIDC_CLIENT_SECRET: 's3cret' };

describe('organisation sign-in configuration', () => {
  it('is off when none of the OIDC_ variables is set (token sign-in only)', () => {
    expect(organisationSignInConfig(loadConfig({}))).toBeUndefined();
    expect(organisationSignInConfig(loadConfig({ OIDC_ISSUER: '', OIDC_CLIENT_ID: '', OIDC_CLIENT_SECRET: '' }))).toBeUndefined();
  });

  it('redirects back to PUBLIC_BASE_URL/auth/oidc/callback', () => {
    const signIn = organisationSignInConfig(loadConfig({ ...OIDC, PUBLIC_BASE_URL: 'https://bot.example.org/' }));
    expect(signIn).toMatchObject({ clientId: 'dashboard', clientSecret: 's3cret', redirectUri: 'https://bot.example.org/auth/oidc/callback' });
    expect(signIn?.issuer.href).toBe('https://login.microsoftonline.com/tenant/v2.0');
  });

  it('allows a plain-http issuer only on this machine', () => {
    expect(organisationSignInConfig(loadConfig({ ...OIDC, OIDC_ISSUER: 'http://127.0.0.1:4000' }))?.issuer.host).toBe('127.0.0.1:4000');
    expect(() => loadConfig({ ...OIDC, OIDC_ISSUER: 'http://idp.example.org' })).toThrow(
      'Invalid configuration: OIDC_ISSUER must be an https URL (http only for 127.0.0.1 or localhost)',
    );
  });

  it.each([
    [{ OIDC_ISSUER: 'not a url', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'ftp://idp.example.org' }, 'OIDC_ISSUER'],
    [{ ...OIDC, OIDC_CLIENT_SECRET: undefined }, 'OIDC_CLIENT_SECRET'],
    [{ OIDC_CLIENT_ID: 'dashboard' }, 'OIDC_ISSUER'],
  ])('refuses %o with one line naming %s', (env, name) => {
    let message = '';
    try {
      loadConfig(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${name} `));
    expect(message).not.toContain('\n');
  });
});
