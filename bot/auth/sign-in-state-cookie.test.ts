import { describe, expect, it } from 'vitest';
import { clearedSignInStateCookie, readSignInState, signInStateCookie } from './sign-in-state-cookie.js';

describe('the organisation sign-in state cookie', () => {
  it('is HttpOnly, SameSite=Lax (the provider sends the browser back by a top-level link) and lives 10 minutes', () => {
    expect(signInStateCookie('abc_DEF-123', { secure: false })).toBe('eb_oidc_state=abc_DEF-123; Path=/; HttpOnly; SameSite=Lax; Max-Age=600');
    expect(signInStateCookie('abc', { secure: true })).toBe('__Host-eb_oidc_state=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=600; Secure');
    expect(clearedSignInStateCookie({ secure: false })).toContain('Max-Age=0');
  });

  it('reads back only a state of the expected shape, under the name for the scheme', () => {
    expect(readSignInState('eb_session=x; eb_oidc_state=abc_DEF-123', { secure: false })).toBe('abc_DEF-123');
    expect(readSignInState('eb_oidc_state=abc', { secure: true })).toBeUndefined();
    expect(readSignInState('__Host-eb_oidc_state=abc', { secure: true })).toBe('abc');
    expect(readSignInState('eb_oidc_state=a;b<script>', { secure: false })).toBe('a');
    expect(readSignInState('eb_oidc_state=<x>', { secure: false })).toBeUndefined();
    expect(readSignInState(undefined, { secure: false })).toBeUndefined();
  });
});
