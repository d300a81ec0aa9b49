import { sinkWantsEvent, type PostToSink } from '../../domain/case-record/case-record-sink.js';
import type { Clock } from '../../domain/time/clock.js';
import { crmRetryDelayMs, crmShouldPark, type CrmRetryPolicy } from '../../domain/case-record/crm-retry-schedule.js';
import {
  CaseRecordDeliveryRepository,
  type ClaimedDelivery,
  type DeliveryLane,
  type LaneClaim,
  type LaneHalt,
  type LaneHead,
  type Settlement,
} from '../../store/case-record-delivery.repository.js';
import type { Db } from '../../store/database.js';
import { caseRecordSignature } from '../../domain/case-record/case-record-sink.signature.js';
import { CrmSettlementQueue } from './crm-settlement-queue.js';

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
  /** Events of a lane claimed in one call (posted one by one, each settled before the next). @defaultValue 50 */
  claimBatch?: number;
}

export type LaneOutcome =
  /** Nothing more this lane can do now (see LaneHalt for each reason). */
  | { kind: 'stopped'; delivered: number; reason: LaneHalt }
  /** The head was not accepted: a job for its retry is to be added. */
  | { kind: 'retry'; delivered: number; head: LaneHead; status: number | null; error: string }
  /** This job delivered its share: a job for the lane's next head is to be added. */
  | { kind: 'more'; delivered: number; head: LaneHead }
  /** The head was not accepted for 24 hours: it is parked and holds back the rest of the lane. */
  | { kind: 'parked'; delivered: number; eventId: string; status: number | null; error: string };

/** How a claimed run of a lane ended, short of a failed post. */
type RunEnd =
  /**
   * Every claimed event was posted (`finished`, the last, is marked by the next claim), or the claim went out of
   * date (sink changed, person erased): claim again.
   */
  | { kind: 'claim_again'; finished?: Settlement }
  /** A mark found its delivery no longer pending: another worker took the lane over (after a lease ran out). */
  | { kind: 'lease_lost' }
  /** This job delivered maxPerJob: `head` goes to the next job. */
  | { kind: 'share_done'; head: ClaimedDelivery }
  /** Not accepted: `delivery` waits for its retry (or is parked), holding the rest of the lane back. */
  | { kind: 'failed'; delivery: ClaimedDelivery; status: number | null; error: string };

/**
 * Delivers one person's case-record events to the CRM, oldest first, one at a time: the next events of the lane are
 * claimed together in the database (so no other worker posts them or overtakes them), each is posted signed with its
 * event id as Idempotency-Key, and marked delivered only on a 2xx, before the next one is posted (the marks of all
 * lanes go to the database together: CrmSettlementQueue). The payloads are read from the event rows when they are
 * claimed, and a claim is dropped as soon as a mark shows the sink's settings changed or the person was erased, so
 * what erasure or retention removed never leaves. The first one not accepted stops the lane until its retry.
 */
export class DeliverCaseRecordEvents {
  /** How long after its claim a run may start another post. */
  private readonly postWindowMs: number;
  private readonly leaseMs: number;
  private readonly settlements: CrmSettlementQueue;

  constructor(private readonly deps: DeliverCaseRecordEventsDeps) {
    // The last post of a run starts within the window and may take the whole timeout; the margin leaves room to
    // record its answer. So a lease only runs out on a crash.
    const marginMs = Math.max(2000, Math.round(deps.timeoutMs / 2));
    this.postWindowMs = marginMs;
    this.leaseMs = this.postWindowMs + deps.timeoutMs + marginMs;
    this.settlements = new CrmSettlementQueue(deps.db);
  }

  async execute(lane: DeliveryLane, expected?: { eventId: string; attempts: number }): Promise<LaneOutcome> {
    const repo = new CaseRecordDeliveryRepository(this.deps.db);
    const maxPerJob = this.deps.maxPerJob ?? 100;
    const counter = { delivered: 0 };
    let expect = expected;
    let finished: Settlement | undefined;
    for (;;) {
      const claimedAt = performance.now();
      // One more than this job may still deliver, so that the head to hand on is known without another claim.
      const limit = Math.min(this.deps.claimBatch ?? 50, maxPerJob - counter.delivered + 1);
      const claim = await repo.claimLane(lane, this.leaseMs, limit, expect, finished);
      expect = undefined;
      if (claim.kind !== 'claimed') return { kind: 'stopped', delivered: counter.delivered, reason: claim.kind };
      const end = await this.postRun(lane, claim, claimedAt, maxPerJob, counter);
      const delivered = counter.delivered;
      // Every other ending returns, so the mark of a run's last event always reaches the next claim.
      finished = end.kind === 'claim_again' ? end.finished : undefined;
      if (end.kind === 'claim_again') continue;
      if (end.kind === 'lease_lost') return { kind: 'stopped', delivered, reason: 'busy' };
      if (end.kind === 'share_done') {
        return { kind: 'more', delivered, head: { ...lane, eventId: end.head.eventId, attempts: end.head.attempts, nextAttemptAt: null } };
      }
      return this.recordFailure(repo, lane, end, delivered);
    }
  }

  /** Posts the claimed events in order, each marked before the next; gives back the leases of any not posted. */
  private async postRun(
    lane: DeliveryLane,
    claim: Extract<LaneClaim, { kind: 'claimed' }>,
    claimedAt: number,
    maxPerJob: number,
    counter: { delivered: number },
  ): Promise<RunEnd> {
    const { sink, deliveries } = claim;
    const giveBack = (from: number) =>
      new CaseRecordDeliveryRepository(this.deps.db).releaseLeases(lane, deliveries.slice(from).map((d) => d.eventId));
    for (let i = 0; i < deliveries.length; i++) {
      const delivery = deliveries[i] as ClaimedDelivery;
      if (counter.delivered >= maxPerJob) {
        await giveBack(i);
        return { kind: 'share_done', head: delivery };
      }
      if (i > 0 && performance.now() - claimedAt > this.postWindowMs) {
        await giveBack(i);
        return { kind: 'claim_again' };
      }
      let settlement: Settlement;
      if (!sinkWantsEvent(sink.eventTypes, delivery.event.type)) {
        settlement = { ...lane, eventId: delivery.eventId, outcome: 'skipped', httpStatus: null, at: this.deps.clock.now() };
      } else {
        const answer = await this.post(sink, delivery);
        if (answer.kind !== 'answered' || answer.status < 200 || answer.status >= 300) {
          await giveBack(i + 1);
          const status = answer.kind === 'answered' ? answer.status : null;
          return { kind: 'failed', delivery, status, error: answer.kind === 'answered' ? `HTTP ${answer.status}` : answer.reason };
        }
        settlement = { ...lane, eventId: delivery.eventId, outcome: 'delivered', httpStatus: answer.status, at: this.deps.clock.now() };
      }
      if (settlement.outcome === 'delivered') counter.delivered++;
      // The last of the run is marked by the claim that follows (one call, as for a lane of one event).
      if (i === deliveries.length - 1) return { kind: 'claim_again', finished: settlement };
      const settled = await this.settlements.settle(settlement);
      if (!settled.settled) return { kind: 'lease_lost' };
      const outOfDate = !settled.sinkEnabled || settled.sinkVersion?.getTime() !== sink.version.getTime() || settled.erased !== claim.erased;
      if (outOfDate) {
        await giveBack(i + 1);
        return { kind: 'claim_again' };
      }
    }
    return { kind: 'claim_again' };
  }

  private post(sink: { url: string; secret: string }, delivery: ClaimedDelivery) {
    const body = JSON.stringify(delivery.event);
    return this.deps.post({
      url: sink.url,
      body,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'engagement-bot-case-record-sink/1',
        'Idempotency-Key': delivery.eventId,
        'X-Signature': caseRecordSignature(sink.secret, Math.floor(this.deps.clock.now().getTime() / 1000), body),
      },
      timeoutMs: this.deps.timeoutMs,
    });
  }

  private async recordFailure(
    repo: CaseRecordDeliveryRepository,
    lane: DeliveryLane,
    failure: Extract<RunEnd, { kind: 'failed' }>,
    delivered: number,
  ): Promise<LaneOutcome> {
    const { delivery, status, error } = failure;
    const now = this.deps.clock.now();
    if (crmShouldPark(delivery.firstFailedAt ?? now, now, this.deps.retry)) {
      await repo.recordFailure(lane, delivery.eventId, { at: now, httpStatus: status, error, retryAt: null });
      return { kind: 'parked', delivered, eventId: delivery.eventId, status, error };
    }
    const failures = delivery.attempts + 1;
    const retryAt = new Date(now.getTime() + crmRetryDelayMs(failures, (this.deps.random ?? Math.random)(), this.deps.retry));
    await repo.recordFailure(lane, delivery.eventId, { at: now, httpStatus: status, error, retryAt });
    return { kind: 'retry', delivered, head: { ...lane, eventId: delivery.eventId, attempts: failures, nextAttemptAt: retryAt }, status, error };
  }
}
