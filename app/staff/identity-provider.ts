/**
 * The organisation's identity provider (OpenID Connect), as the sign-in actions need it. The implementation with
 * openid-client is bot/auth/openid-identity-provider.ts; the actions never see a token, only the ID token's claims.
 */
export interface IdentityProvider {
  /** A new authorisation request (code flow with PKCE): where to send the browser, and what to keep for its return. */
  begin(): Promise<BegunSignIn>;
  /**
   * Redeems the code in the callback at the token endpoint and checks the ID token (issuer, audience, expiry,
   * nonce) and the state. Returns the ID token's claims; throws IdentityProviderError.
   */
  redeem(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Record<string, unknown>>;
}

export interface BegunSignIn {
  authorizationUrl: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** `provider_error`: the provider said no or could not be reached; `token_rejected`: its answer failed our checks. */
export class IdentityProviderError extends Error {
  constructor(
    readonly kind: 'provider_error' | 'token_rejected',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'IdentityProviderError';
  }
}
