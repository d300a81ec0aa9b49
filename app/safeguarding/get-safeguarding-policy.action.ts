import type { Db } from '../../store/database.js';
import { SafeguardingPolicyRepository, type StoredSafeguardingPolicy } from '../../store/safeguarding-policy.repository.js';

/** A team's safeguarding escalation: its own once set, the defaults (15 minutes, no contacts) until then. */
export class GetSafeguardingPolicy {
  constructor(private readonly deps: { db: Db }) {}

  async execute(team: string | null): Promise<StoredSafeguardingPolicy> {
    return new SafeguardingPolicyRepository(this.deps.db).get(team);
  }
}
