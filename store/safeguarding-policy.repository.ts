import { DEFAULT_SAFEGUARDING_POLICY, escalationTeam, type SafeguardingPolicy } from '../domain/safeguarding-escalation.js';
import type { Executor } from './database.js';

/** Staff and participants without a team share the policy stored under the empty name. */
const teamKey = (team: string | null) => team ?? '';

export interface StoredSafeguardingPolicy extends SafeguardingPolicy {
  team: string | null;
  /** null until the team sets its own (the defaults apply). */
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** Each team's safeguarding escalation: how long an urgent alert may wait, and the contacts texted after that. */
export class SafeguardingPolicyRepository {
  constructor(private readonly db: Executor) {}

  async get(team: string | null): Promise<StoredSafeguardingPolicy> {
    const row = await this.db.selectFrom('safeguarding_policies').selectAll().where('team', '=', teamKey(team)).executeTakeFirst();
    if (!row) return { team, ...DEFAULT_SAFEGUARDING_POLICY, updatedAt: null, updatedBy: null };
    return {
      team,
      escalateAfterMinutes: row.escalate_after_minutes,
      contacts: row.contacts.map((c) => ({ name: c.name, phone: c.phone })),
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }

  async put(team: string | null, policy: SafeguardingPolicy, by: string, at: Date): Promise<StoredSafeguardingPolicy> {
    const values = {
      escalate_after_minutes: policy.escalateAfterMinutes,
      contacts: JSON.stringify(policy.contacts.map((c) => ({ name: c.name, phone: c.phone }))),
      updated_by: by,
      updated_at: at,
    };
    await this.db
      .insertInto('safeguarding_policies')
      .values({ team: teamKey(team), ...values })
      .onConflict((oc) => oc.column('team').doUpdateSet(values))
      .execute();
    return this.get(team);
  }

  /** The policy that covers a participant: their key worker's team's (see `escalationTeam`). */
  async forParticipant(participantId: string): Promise<StoredSafeguardingPolicy> {
    const row = await this.db
      .selectFrom('participants')
      .leftJoin('staff', 'staff.id', 'participants.key_worker_id')
      .select(['participants.team as participantTeam', 'staff.id as keyWorkerId', 'staff.team as keyWorkerTeam'])
      .where('participants.id', '=', participantId)
      .executeTakeFirst();
    const team = row ? escalationTeam({ team: row.participantTeam }, row.keyWorkerId ? { team: row.keyWorkerTeam } : undefined) : null;
    return this.get(team);
  }
}
