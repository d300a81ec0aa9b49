import { CaseRecordDeliveryRepository, type Settlement, type SettledDelivery } from '../../store/case-record-delivery.repository.js';
import type { Db } from '../../store/database.js';

interface Waiting {
  settlement: Settlement;
  resolve: (settled: SettledDelivery) => void;
  reject: (error: unknown) => void;
}

/**
 * Settles the deliveries of every lane a workers process is posting, several in one statement: while one statement
 * runs, the settlements that arrive meanwhile wait and go together in the next (a group commit). Each lane still
 * waits for its own settlement before it posts its next event, so an event the CRM accepted is recorded before
 * anything after it leaves, as when each was settled on its own.
 */
export class CrmSettlementQueue {
  private waiting: Waiting[] = [];
  private running = false;

  /** @param maxPerStatement settlements in one statement at most. */
  constructor(
    private readonly db: Db,
    private readonly maxPerStatement = 256,
  ) {}

  settle(settlement: Settlement): Promise<SettledDelivery> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ settlement, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, this.maxPerStatement);
        try {
          const settled = await new CaseRecordDeliveryRepository(this.db).settle(group.map((w) => w.settlement));
          group.forEach((w, i) => {
            const found = settled[i];
            if (found?.eventId === w.settlement.eventId) w.resolve(found);
            else w.reject(new Error(`settlement of event ${w.settlement.eventId} not reported`));
          });
        } catch (error) {
          for (const w of group) w.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
