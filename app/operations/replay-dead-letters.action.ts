import type { Clock } from '../../domain/time/clock.js';
import { AuditRepository } from '../../store/audit.repository.js';
import type { Db } from '../../store/database.js';
import { DeadLetterRepository } from '../../store/dead-letter.repository.js';
import { sendJobId, turnJobId } from '../../domain/job-keys.js';
import type { JobQueues } from '../../workers/queues.js';
import { UNCONFIRMED_NOT_REPLAYED } from './list-dead-letters.action.js';

export type ReplayResult = { id: string; outcome: 'replayed'; kind: 'turn' | 'send' } | { id: string; outcome: 'skipped'; reason: string };

/** The audit log's route for a replay: each message replayed (or not) is an entry of its own. */
export const REPLAY_AUDIT_ROUTE = '/api/dead-letters/replay';

/**
 * Puts dead letters back on the normal path: a parked turn is `received` again and its turn job (`inbound-{sid}`)
 * re-added; a parked send is `queued` again with fresh tries and its send job re-added. Each is changed only from
 * its parked state in one statement, so replaying twice, or after it got through some other way, does nothing
 * new: the turn and send jobs themselves act only on a `received` or `queued` row. If Redis is away the sweep adds
 * the jobs later (the rows say they are due).
 */
export class ReplayDeadLetters {
  constructor(private readonly deps: { db: Db; clock: Clock; queues: JobQueues; onEnqueueError?: (error: unknown) => void }) {}

  async execute(input: { ids: readonly string[]; staffId: string; requestId: string | null }): Promise<ReplayResult[]> {
    const results: ReplayResult[] = [];
    for (const id of new Set(input.ids)) {
      const result = await this.replayOne(id);
      results.push(result);
      await new AuditRepository(this.deps.db).record({
        staffId: input.staffId,
        method: 'POST',
        route: REPLAY_AUDIT_ROUTE,
        subjectId: id,
        status: result.outcome === 'replayed' ? 202 : 409,
        requestId: input.requestId,
      });
    }
    return results;
  }

  private async replayOne(id: string): Promise<ReplayResult> {
    const { db, clock, queues } = this.deps;
    const letters = new DeadLetterRepository(db);
    const found = await letters.find(id);
    if (!found) return { id, outcome: 'skipped', reason: 'no such message' };
    if (found.status === 'unconfirmed') return { id, outcome: 'skipped', reason: UNCONFIRMED_NOT_REPLAYED };
    if (found.direction === 'inbound') {
      if (!found.twilioSid) return { id, outcome: 'skipped', reason: 'not a dead letter' };
      if (!(await letters.reopenTurn(id, clock.now()))) return { id, outcome: 'skipped', reason: `not a dead letter (now ${found.status})` };
      // The job that gave up may still hold its id in Redis (failed jobs are kept an hour): free it first.
      await this.enqueue(async () => {
        await queues.turn.remove(turnJobId(found.twilioSid as string));
        await queues.enqueueTurn(found.twilioSid as string, { messageId: id });
      });
      return { id, outcome: 'replayed', kind: 'turn' };
    }
    const requeued = await db.transaction().execute(async (tx) => {
      const inTx = new DeadLetterRepository(tx);
      // A resend or WhatsApp fallback already stands in for it: sending it too would say the same thing twice.
      if (await inTx.hasStandIn(id)) return 'a resend or fallback of it was already made';
      return (await inTx.requeueSend(id, clock.now())) ? true : `not a dead letter (now ${found.status})`;
    });
    if (requeued !== true) return { id, outcome: 'skipped', reason: requeued };
    await this.enqueue(async () => {
      await queues.outbound.remove(sendJobId(id));
      await queues.enqueueSends([id]);
    });
    return { id, outcome: 'replayed', kind: 'send' };
  }

  private async enqueue(add: () => Promise<void>): Promise<void> {
    try {
      await add();
    } catch (error) {
      this.deps.onEnqueueError?.(error);
    }
  }
}
