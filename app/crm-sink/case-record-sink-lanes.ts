import type { Logger } from 'pino';
import type { Clock } from '../../domain/time/clock.js';
import { CaseRecordDeliveryRepository, type DeliveryLane } from '../../store/case-record-delivery.repository.js';
import { CaseRecordSinkRepository } from '../../store/case-record-sink.repository.js';
import type { Db } from '../../store/database.js';
import type { JobQueues } from '../../workers/queues.js';
import { NotFoundError } from '../action-errors.js';

export interface CaseRecordSinkDeps {
  db: Db;
  clock: Clock;
  queues: Pick<JobQueues, 'enqueueCrmDeliveries'>;
  logger: Logger;
}

/** After a change that lets lanes move again; if Redis is away the sweep starts them instead. */
export async function startDeliveryLanes(deps: CaseRecordSinkDeps, lanes: DeliveryLane[]): Promise<void> {
  try {
    const heads = await new CaseRecordDeliveryRepository(deps.db).laneHeads(lanes);
    await deps.queues.enqueueCrmDeliveries(heads, deps.clock.now());
  } catch (error) {
    deps.logger.warn({ err: error }, 'CRM deliveries not enqueued; the sweep will pick them up');
  }
}

/** The CRM sink as staff see it (never its secret), with how much is waiting. */
export async function caseRecordSinkView(db: Db) {
  const sink = await new CaseRecordSinkRepository(db).view();
  if (!sink) throw new NotFoundError('No CRM sink is set up');
  return sink;
}
