import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** Someone who can sign in at the local identity provider (any password), and the claims it vouches for. */
export interface LocalAccount {
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface LocalIdentityProviderOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** By login name, as typed on the provider's sign-in form. */
  accounts: Record<string, LocalAccount>;
}

const KEY_ID = 'local-test-key';

/**
 * A real OpenID Provider (oidc-provider) on 127.0.0.1 for tests: discovery, authorisation with its development
 * sign-in form (any password), consent granted without asking, PKCE required, and `email` and `email_verified` in
 * the ID token. `issueTokensFor` makes its token endpoint answer with an ID token meant for another client (signed
 * with its own key, so only the audience is wrong), as a misconfigured or malicious provider might.
 */
export class LocalIdentityProvider {
  /** Set to another client id to have the next ID tokens issued for that audience instead of ours. */
  issueTokensFor: string | undefined;
  private server: Server | undefined;
  private privateKey: KeyObject | undefined;
  issuer = '';

  constructor(private readonly options: LocalIdentityProviderOptions) {}

  async start(): Promise<void> {
    let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
    this.server = createServer((req, res) => handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: KEY_ID, alg: 'RS256', use: 'sig' };
    const { accounts, clientId, clientSecret, redirectUri } = this.options;
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          // openid-client's default client authentication.
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      jwks: { keys: [jwk] },
      cookies: { keys: ['local-identity-provider-cookie-key'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // Put the scope's claims in the ID token (Google and Entra ID do), not only at the userinfo endpoint.
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      features: { devInteractions: { enabled: true } },
      findAccount: (_ctx, id) => {
        const account = accounts[id];
        if (!account) return undefined;
        return { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified, name: account.name }) };
      },
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const { client, session } = ctx.oidc;
        if (!client || !session?.accountId) return undefined;
        const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    });
    // A fault inside the provider would otherwise show only as a page saying so: print it for whoever runs the test.
    provider.on('server_error', (_ctx, error) => console.error('local identity provider:', error));
    const callback = provider.callback();
    handle = (req, res) => {
      if (this.issueTokensFor && req.method === 'POST' && req.url?.startsWith('/token')) this.rewriteIdToken(res, this.issueTokensFor);
      callback(req, res);
    };
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Re-signs the token endpoint's ID token with another audience before it goes out. */
  private rewriteIdToken(res: ServerResponse, audience: string): void {
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
    res.end = ((chunk?: unknown) => {
      const text = Buffer.isBuffer(chunk) ? chunk.toString('utf8') : typeof chunk === 'string' ? chunk : '';
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return end(chunk);
      }
      if (typeof body.id_token !== 'string') return end(chunk);
      const [header, payload] = body.id_token.split('.') as [string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const signedPart = `${header}.${Buffer.from(JSON.stringify({ ...claims, aud: audience, azp: audience })).toString('base64url')}`;
      const signature = sign('sha256', Buffer.from(signedPart), this.privateKey as KeyObject).toString('base64url');
      const rewritten = JSON.stringify({ ...body, id_token: `${signedPart}.${signature}` });
      if (!res.headersSent) res.setHeader('Content-Length', Buffer.byteLength(rewritten));
      return end(rewritten);
    }) as typeof res.end;
  }
}
