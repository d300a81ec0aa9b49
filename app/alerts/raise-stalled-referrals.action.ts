import type { Clock } from '../../domain/time/clock.js';
import { applyWriteback } from '../conversation/apply-writeback.js';
import type { Db } from '../../store/database.js';
import { sourceKeys } from '../../domain/job-keys.js';
import { ReferralRepository } from '../../store/referral.repository.js';

/**
 * Referral to start: a person with no first appointment booked within the team's days of referral (default 10,
 * inside the programme's 15-day window) raises `referral_stalled` once, so nobody waits unseen.
 */
export class RaiseStalledReferrals {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async execute(limit = 500): Promise<number> {
    const now = this.deps.clock.now();
    const stalled = await new ReferralRepository(this.deps.db).listStalled(now, limit);
    for (const s of stalled) {
      await this.deps.db.transaction().execute((tx) =>
        applyWriteback(tx, {
          participantId: s.participantId,
          sourceKey: sourceKeys.referralStalled(s.participantId),
          at: now.toISOString(),
          events: [],
          alerts: [
            {
              type: 'referral_stalled',
              key: 'stalled',
              data: { referredAt: s.referredAt.toISOString(), days: s.days, daysSinceReferral: Math.floor((now.getTime() - s.referredAt.getTime()) / 86_400_000) },
            },
          ],
          replies: [],
        }),
      );
    }
    return stalled.length;
  }
}
