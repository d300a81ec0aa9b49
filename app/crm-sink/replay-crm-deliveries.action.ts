import { CASE_RECORD_SINK_ID } from '../../domain/case-record/case-record-sink.js';
import { CaseRecordDeliveryRepository } from '../../store/case-record-delivery.repository.js';
import { startDeliveryLanes, type CaseRecordSinkDeps } from './case-record-sink-lanes.js';

/** Parked CRM deliveries (all, or these events) get another 24 hours of retries, with the events held behind them. */
export class ReplayCrmDeliveries {
  constructor(private readonly deps: CaseRecordSinkDeps) {}

  async execute(eventIds: string[] | undefined): Promise<number> {
    const { replayed, lanes } = await new CaseRecordDeliveryRepository(this.deps.db).replay(CASE_RECORD_SINK_ID, eventIds);
    await startDeliveryLanes(this.deps, lanes);
    return replayed;
  }
}
