import type { Clock } from '../domain/clock.js';
import { applyWriteback } from '../store/case-record-writer.js';
import type { Db } from '../store/database.js';
import { WritebackRepository } from '../store/writeback.repository.js';

export interface ApplyWritebackDeps {
  db: Db;
  clock: Clock;
  enqueueSends: (messageIds: string[]) => Promise<void>;
}

/** Writes a stored outcome to the case record exactly once, then hands its replies to the sender. */
export class ApplyWriteback {
  constructor(private readonly deps: ApplyWritebackDeps) {}

  async execute(writebackId: string): Promise<{ applied: boolean; queuedMessageIds: string[] }> {
    const result = await this.deps.db.transaction().execute(async (tx) => {
      const writebacks = new WritebackRepository(tx);
      const pending = await writebacks.lock(writebackId);
      if (!pending || pending.appliedAt) return { applied: false, queuedMessageIds: [] };
      const { queuedMessageIds } = await applyWriteback(tx, pending.payload);
      await writebacks.markApplied(writebackId, this.deps.clock.now());
      return { applied: true, queuedMessageIds };
    });
    // After the commit: if this enqueue is lost, the sweep finds the queued rows and sends them.
    await this.deps.enqueueSends(result.queuedMessageIds);
    return result;
  }
}
