import type { StaffIdentity } from '../../domain/caseload.js';
import type { Clock } from '../../domain/time/clock.js';
import { isPendingSignInExpired, staffMaySignIn, verifiedEmail, type SignInRefusal } from '../../domain/organisation-sign-in.js';
import type { Db } from '../../store/database.js';
import { OrganisationSignInRepository } from '../../store/organisation-sign-in.repository.js';
import { IdentityProviderError, type IdentityProvider } from './identity-provider.js';
import { stateHash } from './start-organisation-sign-in.action.js';

export interface OrganisationSignInInput {
  /** The callback as the provider sent the browser to it, at our public address (PUBLIC_BASE_URL). */
  callbackUrl: URL;
  /** The state this browser was given when it set off (its cookie): a callback from another browser is refused. */
  browserState: string | undefined;
}

export type OrganisationSignInOutcome =
  | { signedIn: StaffIdentity; email: string }
  | { refusal: SignInRefusal; email?: string; staffId?: string; detail?: string };

/**
 * The browser is back from the identity provider. The pending sign-in is taken out first (so a replay of this
 * callback finds nothing), then the code is redeemed and the ID token checked, and the verified email matched to a
 * member of staff an admin invited. Who they are in the dashboard (role, team) comes from our database alone.
 */
export class CompleteOrganisationSignIn {
  constructor(private readonly deps: { db: Db; clock: Clock; provider: IdentityProvider }) {}

  async execute(input: OrganisationSignInInput): Promise<OrganisationSignInOutcome> {
    const state = input.callbackUrl.searchParams.get('state');
    if (!state || state.length > 200) return { refusal: 'state_unknown' };
    const repository = new OrganisationSignInRepository(this.deps.db);
    const pending = await repository.consumePending(stateHash(state));
    if (!pending) return { refusal: 'state_unknown' };
    if (isPendingSignInExpired(pending.createdAt, this.deps.clock.now())) return { refusal: 'state_expired' };
    if (input.browserState !== state) return { refusal: 'other_browser' };

    let claims: Record<string, unknown>;
    try {
      claims = await this.deps.provider.redeem(input.callbackUrl, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
    } catch (error) {
      if (error instanceof IdentityProviderError) return { refusal: error.kind, detail: error.message };
      throw error;
    }
    const email = verifiedEmail(claims);
    if ('refusal' in email) return email;
    const found = await repository.staffByEmail(email.email);
    const decision = staffMaySignIn(found);
    if ('refusal' in decision) return { refusal: decision.refusal, email: email.email, ...(found && { staffId: found.id }) };
    const { id, name, role, team } = decision.staff;
    return { signedIn: { id, name, role, team }, email: email.email };
  }
}
