import type { Clock } from '../../domain/time/clock.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db } from '../../store/database.js';
import { DeadLetterRepository } from '../../store/dead-letter.repository.js';
import { describeDeadLetterError } from '../operations/dead-letter-error.js';

/**
 * A text whose turn failed on every try of its job becomes a dead letter: marked `failed` and parked, so the sweep
 * stops re-adding it and the person's later texts are answered without it. An admin replays it once mended. A turn
 * that got through meanwhile (with a later text of theirs) is left as it is: true only when it was parked.
 */
export class ParkFailedTurn {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async execute(messageId: string, error: unknown): Promise<boolean> {
    return this.deps.db.transaction().execute(async (tx) => {
      const parked = await new DeadLetterRepository(tx).parkTurn(messageId, describeDeadLetterError(error), this.deps.clock.now());
      // The text stays on their case record even though no turn got through (the webhook stored only the row).
      if (parked) await new CaseRecordRepository(tx).appendInboundArrivals([messageId]);
      return parked;
    });
  }
}
