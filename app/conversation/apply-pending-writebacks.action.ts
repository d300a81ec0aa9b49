import type { Clock } from '../../domain/time/clock.js';
import { applyWriteback, applyWritebackAfterItsEvents } from './apply-writeback.js';
import type { Db } from '../../store/database.js';
import type { DueEscalation } from '../../store/alert.repository.js';
import { WritebackRepository } from '../../store/writeback.repository.js';

export interface ApplyPendingWritebacksDeps {
  db: Db;
  clock: Clock;
  enqueueSends: (messageIds: string[]) => Promise<void>;
  /** Times the escalation of each urgent alert raised (the sweep re-adds any that Redis loses). */
  enqueueEscalations: (escalations: DueEscalation[]) => Promise<void>;
}

/**
 * Writes stored outcomes to the case record exactly once, then hands their replies to the sender. One person's
 * outcomes are applied in the order they were made: the job for one first applies every earlier one still waiting,
 * so their record reads in order however the queue interleaves jobs.
 */
export class ApplyPendingWritebacks {
  constructor(private readonly deps: ApplyPendingWritebacksDeps) {}

  async execute(writebackId: string): Promise<{ applied: number; queuedMessageIds: string[]; escalations: DueEscalation[] }> {
    const { db } = this.deps;
    const result = await db.transaction().execute(async (tx) => {
      // Locking the person first orders this against their turns and other write-backs.
      // The same statement records the outcomes' events where their order allows (see the repository).
      const found = await new WritebackRepository(tx).lockOwnerClaimThroughAndRecordEvents(writebackId, this.deps.clock.now());
      if (!found) return { applied: 0, queuedMessageIds: [], escalations: [] };
      const { owner: participant, claimed: waiting } = found;
      const queuedMessageIds: string[] = [];
      const escalations: DueEscalation[] = [];
      for (const [index, pending] of waiting.entries()) {
        // The row as locked serves the first outcome; a later one reads it again (the first may have changed consent).
        const locked = index === 0 ? participant : undefined;
        const { queuedMessageIds: queued, escalations: due } = pending.eventsRecorded
          ? await applyWritebackAfterItsEvents(tx, pending.payload, locked)
          : await applyWriteback(tx, pending.payload, locked);
        queuedMessageIds.push(...queued);
        escalations.push(...due);
      }
      return { applied: waiting.length, queuedMessageIds, escalations };
    });
    // After the commit: if these enqueues are lost, the sweep finds the queued rows and the due escalations.
    await this.deps.enqueueSends(result.queuedMessageIds);
    await this.deps.enqueueEscalations(result.escalations);
    return result;
  }
}
