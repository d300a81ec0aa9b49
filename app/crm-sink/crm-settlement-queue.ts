import { GroupCommit } from '../../domain/concurrency/group-commit.js';
import { CaseRecordDeliveryRepository, type Settlement, type SettledDelivery } from '../../store/case-record-delivery.repository.js';
import type { Db } from '../../store/database.js';

/**
 * Settles the deliveries of every lane a workers process is posting, several in one statement: while one statement
 * runs, the settlements that arrive meanwhile wait and go together in the next (a group commit). Each lane still
 * waits for its own settlement before it posts its next event, so an event the CRM accepted is recorded before
 * anything after it leaves, as when each was settled on its own.
 */
export class CrmSettlementQueue {
  private readonly commit: GroupCommit<Settlement, SettledDelivery>;

  /** @param maxPerStatement settlements in one statement at most. */
  constructor(db: Db, maxPerStatement = 256) {
    this.commit = new GroupCommit(
      async (settlements) => {
        const settled = await new CaseRecordDeliveryRepository(db).settle(settlements);
        return settlements.map((settlement, index) => (settled[index]?.eventId === settlement.eventId ? settled[index] : undefined));
      },
      { maxBatch: maxPerStatement, missing: (settlement) => new Error(`settlement of event ${settlement.eventId} not reported`) },
    );
  }

  settle(settlement: Settlement): Promise<SettledDelivery> {
    return this.commit.submit(settlement);
  }
}
