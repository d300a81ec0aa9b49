import type { StaffIdentity } from '../../domain/caseload.js';
import type { Db } from '../../store/database.js';
import { FollowUpRepository } from '../../store/follow-up.repository.js';
import { participantInCaseload } from '../participant-in-caseload.js';

/** The key worker has it in hand: any did-not-attend follow-up still running for this participant stops. */
export class StopFollowUps {
  constructor(private readonly deps: { db: Db }) {}

  /** How many were stopped. */
  async execute(staff: StaffIdentity, participantId: string): Promise<number> {
    return this.deps.db.transaction().execute(async (tx) => {
      await participantInCaseload(tx, staff, participantId);
      return (await new FollowUpRepository(tx).endActiveFor(participantId, 'stopped', `stopped by ${staff.id}`)).length;
    });
  }
}
