import { CASE_RECORD_SINK_ID } from '../../domain/case-record/case-record-sink.js';
import { CaseRecordDeliveryRepository } from '../../store/case-record-delivery.repository.js';
import type { Db } from '../../store/database.js';
import { caseRecordSinkView } from './case-record-sink-lanes.js';

/** What an admin reads of the CRM sink: its settings (never the secret) and its dead letters. */
export class ReadCaseRecordSink {
  constructor(private readonly deps: { db: Db }) {}

  async view() {
    return caseRecordSinkView(this.deps.db);
  }

  /** Deliveries the CRM did not accept for 24 hours, oldest first. */
  async failures(limit: number) {
    return new CaseRecordDeliveryRepository(this.deps.db).listParked(CASE_RECORD_SINK_ID, limit);
  }
}
