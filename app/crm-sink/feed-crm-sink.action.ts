import type { Clock } from '../../domain/time/clock.js';
import { CaseRecordDeliveryRepository, type LaneHead, type OutboxCursor } from '../../store/case-record-delivery.repository.js';
import type { Db } from '../../store/database.js';

export interface FeedCrmSinkDeps {
  db: Db;
  clock: Clock;
  enqueue: (heads: LaneHead[], now: Date) => Promise<void>;
  /** @defaultValue 2000 */
  batchSize?: number;
}

/**
 * Finds case-record events that have reached the outbox since it last looked and starts their lanes, so a new event
 * goes out within a poll interval. It reads the outbox in commit order behind a cursor of its own (kept in memory:
 * a restarted process starts from the beginning of what is pending, and adding a job that exists is a no-op).
 * The cursor only moves once the jobs are added; what Redis loses after that, the sweep re-adds.
 */
export class FeedCrmSink {
  private cursor: OutboxCursor = { xid: '0', eventId: '0' };

  constructor(private readonly deps: FeedCrmSinkDeps) {}

  /** One look; returns how many new deliveries it found. */
  async execute(): Promise<number> {
    const repo = new CaseRecordDeliveryRepository(this.deps.db);
    const batchSize = this.deps.batchSize ?? 2000;
    let found = 0;
    for (;;) {
      const fresh = await repo.listNewPending(this.cursor, batchSize);
      const last = fresh.at(-1);
      if (!last) return found;
      const lanes = [...new Map(fresh.map((d) => [`${d.sinkId}/${d.participantId}`, { sinkId: d.sinkId, participantId: d.participantId }])).values()];
      await this.deps.enqueue(await repo.laneHeads(lanes), this.deps.clock.now());
      this.cursor = { xid: last.xid, eventId: last.eventId };
      found += fresh.length;
      if (fresh.length < batchSize) return found;
    }
  }
}
