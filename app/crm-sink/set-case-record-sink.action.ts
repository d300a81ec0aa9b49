import type { StaffIdentity } from '../../domain/caseload.js';
import { CASE_RECORD_SINK_ID } from '../../domain/case-record/case-record-sink.js';
import { CaseRecordDeliveryRepository } from '../../store/case-record-delivery.repository.js';
import { CaseRecordSinkRepository, SinkSecretRequiredError } from '../../store/case-record-sink.repository.js';
import { InvalidFieldError } from '../action-errors.js';
import { caseRecordSinkView, startDeliveryLanes, type CaseRecordSinkDeps } from './case-record-sink-lanes.js';

export interface CaseRecordSinkInput {
  url: string;
  /** Left out to keep the one stored; required the first time. */
  secret?: string | undefined;
  eventTypes: string[] | null;
  enabled: boolean;
}

/** PUT /api/integrations/case-record-sink: where events go and how they are signed; enabling starts what waits. */
export class SetCaseRecordSink {
  constructor(private readonly deps: CaseRecordSinkDeps) {}

  async execute(staff: StaffIdentity, input: CaseRecordSinkInput) {
    const { db } = this.deps;
    try {
      await new CaseRecordSinkRepository(db).save({ ...input, eventTypes: input.eventTypes ? [...new Set(input.eventTypes)] : null, updatedBy: staff.id });
    } catch (error) {
      if (error instanceof SinkSecretRequiredError) throw new InvalidFieldError('secret', error.message, 'The request body is not valid');
      throw error;
    }
    if (input.enabled) await startDeliveryLanes(this.deps, await new CaseRecordDeliveryRepository(db).pendingLanes(CASE_RECORD_SINK_ID, 50_000));
    return caseRecordSinkView(db);
  }
}
