import type { Clock } from '../../domain/time/clock.js';
import type { SafeguardingPolicy } from '../../domain/safeguarding-escalation.js';
import type { Db } from '../../store/database.js';
import { SafeguardingPolicyRepository, type StoredSafeguardingPolicy } from '../../store/safeguarding-policy.repository.js';

export interface SetSafeguardingPolicyInput {
  /** The team whose policy this is (null: staff with no team). */
  team: string | null;
  /** Validated: minutes within bounds, contacts with E.164 mobiles, no number twice. */
  policy: SafeguardingPolicy;
  /** Who set it (kept on the row; the audit log has the call). */
  staffId: string;
}

/**
 * A team's safeguarding escalation is set as a whole. New urgent alerts use its time limit; alerts already waiting
 * keep the due time they were raised with, and whoever is on the contact list when one escalates is texted.
 */
export class SetSafeguardingPolicy {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async execute(input: SetSafeguardingPolicyInput): Promise<StoredSafeguardingPolicy> {
    return new SafeguardingPolicyRepository(this.deps.db).put(input.team, input.policy, input.staffId, this.deps.clock.now());
  }
}
