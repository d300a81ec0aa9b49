/**
 * Ties an organisation sign-in to the browser that started it: the state goes to the provider in the URL and stays
 * here in a cookie, and the callback must bring both (a callback link passed to someone else signs nobody in).
 * SameSite=Lax, not Strict: the callback is a top-level navigation from the provider's site, which Lax allows.
 */
import { PENDING_SIGN_IN_MAX_AGE_MS } from '../../domain/organisation-sign-in.js';
import type { SessionCookieOptions } from './session-cookie.js';

export function signInStateCookieName({ secure }: SessionCookieOptions): string {
  return secure ? '__Host-eb_oidc_state' : 'eb_oidc_state';
}

export function signInStateCookie(state: string, options: SessionCookieOptions): string {
  return [
    `${signInStateCookieName(options)}=${state}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${PENDING_SIGN_IN_MAX_AGE_MS / 1000}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSignInStateCookie(options: SessionCookieOptions): string {
  return [`${signInStateCookieName(options)}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0', ...(options.secure ? ['Secure'] : [])].join('; ');
}

export function readSignInState(cookieHeader: string | undefined, options: SessionCookieOptions): string | undefined {
  if (!cookieHeader || cookieHeader.length > 8192) return undefined;
  const name = signInStateCookieName(options);
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : undefined;
  }
  return undefined;
}
