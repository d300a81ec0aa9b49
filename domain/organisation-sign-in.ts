/**
 * Who may come in through organisation sign-in (OpenID Connect). The identity provider only says who someone is;
 * whether they may use the dashboard, and as what, is ours: an admin must have invited them by their work email.
 */

/** A sign-in sent to the identity provider must come back within this long. @defaultValue 10 minutes */
export const PENDING_SIGN_IN_MAX_AGE_MS = 10 * 60_000;

/** Why an organisation sign-in was refused (each has its own words on the refusal page and in the log). */
export type SignInRefusal =
  | 'state_unknown'
  | 'state_expired'
  | 'other_browser'
  | 'provider_error'
  | 'token_rejected'
  | 'email_missing'
  | 'email_unverified'
  | 'unknown_staff'
  | 'deactivated';

export function isPendingSignInExpired(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() > PENDING_SIGN_IN_MAX_AGE_MS;
}

/**
 * The email the provider vouches for, or why there is none we can match on. Only `email_verified: true` counts:
 * an unverified address could be anyone's (a provider that lets people type their own email says so with false).
 * https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims
 * Microsoft Entra ID sends no `email_verified`; its optional claim `xms_edov: true` says the address is in a domain
 * the tenant has verified it owns, which for a provider's own staff accounts is the same assurance, so it counts.
 * https://learn.microsoft.com/en-us/entra/identity-platform/optional-claims-reference
 */
export function verifiedEmail(claims: Record<string, unknown>): { email: string } | { refusal: 'email_missing' | 'email_unverified'; email?: string } {
  const email = typeof claims.email === 'string' ? claims.email.trim() : '';
  if (!email || !email.includes('@')) return { refusal: 'email_missing' };
  if (claims.email_verified !== true && claims.xms_edov !== true) return { refusal: 'email_unverified', email };
  return { email };
}

/** The invited member of staff, if they may sign in now. */
export function staffMaySignIn<S extends { deactivated: boolean }>(staff: S | undefined): { staff: S } | { refusal: 'unknown_staff' | 'deactivated' } {
  if (!staff) return { refusal: 'unknown_staff' };
  if (staff.deactivated) return { refusal: 'deactivated' };
  return { staff };
}
