import * as oidc from 'openid-client';
import { IdentityProviderError, type BegunSignIn, type IdentityProvider } from '../../app/staff/identity-provider.js';
import type { OrganisationSignInConfig } from '../../domain/config.schema.js';

/** How long one request to the identity provider may take (discovery, token endpoint), in seconds. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/**
 * The organisation's identity provider through openid-client: discovery (once, on first use, so the web role
 * starts while the provider is away), authorisation code flow with PKCE (S256), state and nonce.
 * https://github.com/panva/openid-client#authorization-code-flow
 */
export class OpenIdIdentityProvider implements IdentityProvider {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(private readonly settings: OrganisationSignInConfig) {}

  async begin(): Promise<BegunSignIn> {
    const configuration = await this.discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { authorizationUrl, state, nonce, codeVerifier };
  }

  async redeem(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Record<string, unknown>> {
    const configuration = await this.discover();
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new IdentityProviderError('token_rejected', 'the provider sent no ID token');
      return { ...claims };
    } catch (error) {
      throw asProviderError(error);
    }
  }

  private discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    this.configuration ??= oidc
      .discovery(issuer, clientId, clientSecret, undefined, {
        // Plain http is only allowed (by the config schema) for a provider on this machine: a local one in tests.
        ...(issuer.protocol === 'http:' && { execute: [oidc.allowInsecureRequests] }),
        timeout: PROVIDER_TIMEOUT_SECONDS,
      })
      .catch((error: unknown) => {
        this.configuration = undefined; // try again on the next sign-in
        throw new IdentityProviderError('provider_error', `discovery at ${issuer.href} failed: ${describe(error)}`, { cause: error });
      });
    return this.configuration;
  }
}

/**
 * The provider's own refusals (an error in the callback, or at the token endpoint) and network failures are
 * `provider_error`; an answer that fails our checks of the ID token (audience, issuer, nonce, expiry, signature) is
 * `token_rejected`.
 */
function asProviderError(error: unknown): IdentityProviderError {
  if (error instanceof IdentityProviderError) return error;
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) {
    return new IdentityProviderError('provider_error', `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`, { cause: error });
  }
  if (error instanceof oidc.ClientError && error.code !== undefined && (REJECTED_ANSWERS.has(error.code) || error.code.includes('JWT'))) {
    return new IdentityProviderError('token_rejected', describe(error), { cause: error });
  }
  return new IdentityProviderError('provider_error', describe(error), { cause: error });
}

const REJECTED_ANSWERS = new Set([
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_KEY_SELECTION_FAILED',
]);

/** The message with its cause's (openid-client says "unexpected JWT claim value", its cause says which claim). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error && error.cause.message !== error.message ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
