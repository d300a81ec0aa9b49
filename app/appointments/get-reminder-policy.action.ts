import type { ReminderPolicy } from '../../domain/appointments/appointment.types.js';
import type { Db } from '../../store/database.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';

/** A team's reminder policy: its own once set, the defaults until then. */
export class GetReminderPolicy {
  constructor(private readonly deps: { db: Db }) {}

  async execute(team: string | null): Promise<ReminderPolicy> {
    return new TeamPolicyRepository(this.deps.db).get(team);
  }
}
