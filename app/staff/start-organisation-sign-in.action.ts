import { createHash } from 'node:crypto';
import type { Clock } from '../../domain/time/clock.js';
import { PENDING_SIGN_IN_MAX_AGE_MS } from '../../domain/organisation-sign-in.js';
import type { Db } from '../../store/database.js';
import { OrganisationSignInRepository } from '../../store/organisation-sign-in.repository.js';
import type { IdentityProvider } from './identity-provider.js';

export const stateHash = (state: string) => createHash('sha256').update(state).digest('hex');

/**
 * Someone chose "Sign in with your organisation account": a new authorisation request whose state, nonce and PKCE
 * verifier are kept server-side (one row, used once) until the browser comes back.
 */
export class StartOrganisationSignIn {
  constructor(private readonly deps: { db: Db; clock: Clock; provider: IdentityProvider }) {}

  async execute(): Promise<{ authorizationUrl: URL; state: string }> {
    const now = this.deps.clock.now();
    const begun = await this.deps.provider.begin();
    const repository = new OrganisationSignInRepository(this.deps.db);
    await repository.deletePendingCreatedBefore(new Date(now.getTime() - 6 * PENDING_SIGN_IN_MAX_AGE_MS));
    await repository.savePending({ stateHash: stateHash(begun.state), nonce: begun.nonce, codeVerifier: begun.codeVerifier, createdAt: now });
    return { authorizationUrl: begun.authorizationUrl, state: begun.state };
  }
}
