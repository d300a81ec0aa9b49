import { sinkWantsEvent, type PostToSink } from '../../domain/case-record/case-record-sink.js';
import type { Clock } from '../../domain/time/clock.js';
import { crmRetryDelayMs, crmShouldPark, type CrmRetryPolicy } from '../../domain/case-record/crm-retry-schedule.js';
import {
  CaseRecordDeliveryRepository,
  type DeliveryLane,
  type FinishedHead,
  type HeadClaim,
  type LaneHead,
} from '../../store/case-record-delivery.repository.js';
import type { Db } from '../../store/database.js';
import { caseRecordSignature } from '../../domain/case-record/case-record-sink.signature.js';

export interface DeliverCaseRecordEventsDeps {
  db: Db;
  clock: Clock;
  post: PostToSink;
  /** How long the CRM has to answer one delivery. */
  timeoutMs: number;
  /** When a delivery not accepted is tried again, and when it is parked (domain/case-record/crm-retry-schedule.ts). */
  retry: CrmRetryPolicy;
  /** @defaultValue Math.random */
  random?: () => number;
  /**
   * After this many deliveries a job hands the lane on to a fresh job, so one busy person cannot hold a worker
   * (and a shutdown waits for at most this many). @defaultValue 100
   */
  maxPerJob?: number;
}

export type LaneOutcome =
  /** Nothing more this lane can do now (see HeadClaim for each reason). */
  | { kind: 'stopped'; delivered: number; reason: Exclude<HeadClaim['kind'], 'claimed'> }
  /** The head was not accepted: a job for its retry is to be added. */
  | { kind: 'retry'; delivered: number; head: LaneHead; status: number | null; error: string }
  /** This job delivered its share: a job for the lane's next head is to be added. */
  | { kind: 'more'; delivered: number; head: LaneHead }
  /** The head was not accepted for 24 hours: it is parked and holds back the rest of the lane. */
  | { kind: 'parked'; delivered: number; eventId: string; status: number | null; error: string };

/**
 * Delivers one person's case-record events to the CRM, oldest first, one at a time: each is claimed in the
 * database (so no other worker posts it or overtakes it), posted signed with its event id as Idempotency-Key,
 * and marked delivered only on a 2xx. The payload is read from the event row when it is sent, so what erasure or
 * retention removed never leaves. The first one not accepted stops the lane until its retry.
 */
export class DeliverCaseRecordEvents {
  private readonly leaseMs: number;

  constructor(private readonly deps: DeliverCaseRecordEventsDeps) {
    // Longer than any one post can take (plus room to record its answer), so a lease only runs out on a crash.
    this.leaseMs = deps.timeoutMs + Math.max(2000, Math.round(deps.timeoutMs / 2));
  }

  async execute(lane: DeliveryLane, expected?: { eventId: string; attempts: number }): Promise<LaneOutcome> {
    const repo = new CaseRecordDeliveryRepository(this.deps.db);
    let delivered = 0;
    let expect = expected;
    // The previous head's outcome is written by the call that claims the next head (every path that loops sets it).
    let finished: FinishedHead | undefined;
    for (;;) {
      const claim = await repo.claimHead(lane, this.leaseMs, expect, finished);
      expect = undefined;
      if (claim.kind !== 'claimed') return { kind: 'stopped', delivered, reason: claim.kind };
      if (delivered >= (this.deps.maxPerJob ?? 100)) {
        await repo.releaseLease(lane.sinkId, claim.eventId);
        return { kind: 'more', delivered, head: { ...lane, eventId: claim.eventId, attempts: claim.attempts, nextAttemptAt: null } };
      }
      if (!sinkWantsEvent(claim.sink.eventTypes, claim.event.type)) {
        finished = { eventId: claim.eventId, outcome: 'skipped', httpStatus: null, at: this.deps.clock.now() };
        continue;
      }
      const body = JSON.stringify(claim.event);
      const answer = await this.deps.post({
        url: claim.sink.url,
        body,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'engagement-bot-case-record-sink/1',
          'Idempotency-Key': claim.eventId,
          'X-Signature': caseRecordSignature(claim.sink.secret, Math.floor(this.deps.clock.now().getTime() / 1000), body),
        },
        timeoutMs: this.deps.timeoutMs,
      });
      const now = this.deps.clock.now();
      if (answer.kind === 'answered' && answer.status >= 200 && answer.status < 300) {
        finished = { eventId: claim.eventId, outcome: 'delivered', httpStatus: answer.status, at: now };
        delivered++;
        continue;
      }
      const status = answer.kind === 'answered' ? answer.status : null;
      const error = answer.kind === 'answered' ? `HTTP ${answer.status}` : answer.reason;
      const failures = claim.attempts + 1;
      if (crmShouldPark(claim.firstFailedAt ?? now, now, this.deps.retry)) {
        await repo.recordFailure(lane.sinkId, claim.eventId, { at: now, httpStatus: status, error, retryAt: null });
        return { kind: 'parked', delivered, eventId: claim.eventId, status, error };
      }
      const retryAt = new Date(now.getTime() + crmRetryDelayMs(failures, (this.deps.random ?? Math.random)(), this.deps.retry));
      await repo.recordFailure(lane.sinkId, claim.eventId, { at: now, httpStatus: status, error, retryAt });
      return { kind: 'retry', delivered, head: { ...lane, eventId: claim.eventId, attempts: failures, nextAttemptAt: retryAt }, status, error };
    }
  }
}
