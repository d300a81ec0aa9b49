import type { ReminderPolicy, ReminderPolicyInput } from '../../domain/appointments/appointment.types.js';
import type { Db } from '../../store/database.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';

/** A team's reminder policy: new bookings use it (booked reminders keep the policy they were planned with). */
export class SetReminderPolicy {
  constructor(private readonly deps: { db: Db }) {}

  async execute(team: string | null, policy: ReminderPolicyInput, by: string): Promise<ReminderPolicy> {
    return new TeamPolicyRepository(this.deps.db).put(team, policy, by);
  }
}
