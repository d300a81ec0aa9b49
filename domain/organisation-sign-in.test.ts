import { describe, expect, it } from 'vitest';
import { isPendingSignInExpired, PENDING_SIGN_IN_MAX_AGE_MS, staffMaySignIn, verifiedEmail } from './organisation-sign-in.js';

describe('organisation sign-in rules', () => {
  it('accepts only an email the provider says it has verified', () => {
    expect(verifiedEmail({ email: ' priya@provider.example ', email_verified: true })).toEqual({ email: 'priya@provider.example' });
    expect(verifiedEmail({ email: 'priya@provider.example', email_verified: false })).toEqual({ refusal: 'email_unverified', email: 'priya@provider.example' });
    // A string "true" is not the boolean the specification asks for.
    expect(verifiedEmail({ email: 'priya@provider.example', email_verified: 'true' })).toMatchObject({ refusal: 'email_unverified' });
    // Microsoft Entra ID: the email domain owner verified (optional claim), in place of email_verified.
    expect(verifiedEmail({ email: 'priya@provider.example', xms_edov: true })).toEqual({ email: 'priya@provider.example' });
    expect(verifiedEmail({ email: 'priya@provider.example', xms_edov: false })).toMatchObject({ refusal: 'email_unverified' });
    expect(verifiedEmail({ email: 'priya@provider.example', xms_edov: 'true' })).toMatchObject({ refusal: 'email_unverified' });
    expect(verifiedEmail({ email: 'priya@provider.example' })).toMatchObject({ refusal: 'email_unverified' });
    expect(verifiedEmail({ email_verified: true })).toEqual({ refusal: 'email_missing' });
    expect(verifiedEmail({ email: 'not-an-address', email_verified: true })).toEqual({ refusal: 'email_missing' });
    expect(verifiedEmail({ email: 42, email_verified: true })).toEqual({ refusal: 'email_missing' });
  });

  it('lets in only a member of staff an admin invited and has not switched off', () => {
    const priya = { id: 's1', deactivated: false };
    expect(staffMaySignIn(priya)).toEqual({ staff: priya });
    expect(staffMaySignIn({ ...priya, deactivated: true })).toEqual({ refusal: 'deactivated' });
    expect(staffMaySignIn(undefined)).toEqual({ refusal: 'unknown_staff' });
  });

  it('gives a sign-in ten minutes to come back from the identity provider', () => {
    const started = new Date('2026-12-06T12:00:00Z');
    expect(isPendingSignInExpired(started, new Date(started.getTime() + PENDING_SIGN_IN_MAX_AGE_MS))).toBe(false);
    expect(isPendingSignInExpired(started, new Date(started.getTime() + PENDING_SIGN_IN_MAX_AGE_MS + 1))).toBe(true);
    expect(PENDING_SIGN_IN_MAX_AGE_MS).toBe(600_000);
  });
});
