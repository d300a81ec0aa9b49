import { sql } from 'kysely';
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy, type ReminderPolicyInput } from '../domain/appointments/appointment.types.js';
import type { JsonObject } from '../domain/case-record/case-record.types.js';
import type { Executor } from './database.js';

/** Staff and participants without a team share the policy stored under the empty name. */
const teamKey = (team: string | null) => team ?? '';

export class TeamPolicyRepository {
  constructor(private readonly db: Executor) {}

  async get(team: string | null): Promise<ReminderPolicy> {
    const row = await this.db.selectFrom('team_policies').select('policy').where('team', '=', teamKey(team)).executeTakeFirst();
    return row ? { ...DEFAULT_REMINDER_POLICY, ...(row.policy as unknown as Partial<ReminderPolicy>) } : DEFAULT_REMINDER_POLICY;
  }

  async put(team: string | null, input: ReminderPolicyInput, by: string): Promise<ReminderPolicy> {
    const policy: ReminderPolicy = { ...DEFAULT_REMINDER_POLICY, ...input };
    const json = JSON.stringify(policy as unknown as JsonObject);
    await this.db
      .insertInto('team_policies')
      .values({ team: teamKey(team), policy: json, updated_by: by })
      .onConflict((oc) => oc.column('team').doUpdateSet({ policy: json, updated_by: by, updated_at: sql<Date>`now()` }))
      .execute();
    return policy;
  }
}
