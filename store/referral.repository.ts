import { sql } from 'kysely';
import { DEFAULT_REMINDER_POLICY } from '../domain/appointments/appointment.types.js';
import type { Executor } from './database.js';

export class ReferralRepository {
  constructor(private readonly db: Executor) {}

  /**
   * People referred more than their team's `referralStallDays` ago with no appointment booked yet, who have not
   * been flagged already.
   */
  async listStalled(now: Date, limit: number): Promise<Array<{ participantId: string; referredAt: Date; days: number }>> {
    const rows = await sql<{ id: string; referred_at: Date; days: number }>`
      select participants.id, participants.referred_at,
        coalesce((team_policies.policy->>'referralStallDays')::int, ${DEFAULT_REMINDER_POLICY.referralStallDays}) as days
      from participants
      left join team_policies on team_policies.team = coalesce(participants.team, '')
      where participants.erased_at is null and participants.referred_at is not null
        and participants.referred_at < ${now}::timestamptz
          - make_interval(days => coalesce((team_policies.policy->>'referralStallDays')::int, ${DEFAULT_REMINDER_POLICY.referralStallDays}))
        and not exists (select 1 from appointments where appointments.participant_id = participants.id)
        and not exists (
          select 1 from alerts
          where alerts.participant_id = participants.id and alerts.type = 'referral_stalled'
        )
      order by participants.referred_at
      limit ${limit}`.execute(this.db);
    return rows.rows.map((r) => ({ participantId: r.id, referredAt: new Date(r.referred_at), days: Number(r.days) }));
  }
}
