import { sql } from 'kysely';
import type { JsonObject } from '../domain/case-record/case-record.types.js';
import { toCaseRecordEventPayload, type CaseRecordEventPayload } from './case-record-event-payload.js';
import type { Executor } from './database.js';

/** One person's queue of deliveries to one sink: delivered strictly one after another, in (xid, event id) order. */
export interface DeliveryLane {
  sinkId: string;
  participantId: string;
}

/** The first undelivered event of a lane, which is the only one that may be tried. */
export interface LaneHead extends DeliveryLane {
  eventId: string;
  attempts: number;
  /** When its retry is due; null when it may be tried at once. */
  nextAttemptAt: Date | null;
}

/** Where a reader of the outbox has got to, in commit order. */
export interface OutboxCursor {
  xid: string;
  eventId: string;
}

export interface NewDelivery extends DeliveryLane {
  xid: string;
  eventId: string;
}

/** What the claim found, when it found nothing to post. */
export type LaneHalt =
  /** Nothing left to deliver. */
  | 'idle'
  /** The head is parked (a dead letter): nothing after it goes until it is replayed. */
  | 'blocked'
  /** The sink is disabled: deliveries wait. */
  | 'paused'
  /** An older transaction is still running and might yet add an earlier event for this person. */
  | 'not_ready'
  /** Another worker holds the head (it will carry on with the lane). */
  | 'busy'
  /** The head waits for its retry, which a job of its own will make. */
  | 'waiting';

/** The sink as it was when a lane was claimed; `version` changes whenever its settings do. */
export interface ClaimedSink {
  url: string;
  secret: string;
  eventTypes: string[] | null;
  version: Date;
}

export interface ClaimedDelivery {
  eventId: string;
  attempts: number;
  firstFailedAt: Date | null;
  event: CaseRecordEventPayload;
}

export type LaneClaim =
  | {
      kind: 'claimed';
      sink: ClaimedSink;
      /** Whether the person had been erased when the payloads were read. */
      erased: boolean;
      /** The head first, then the events right behind it that may go too, in lane order; all leased. */
      deliveries: ClaimedDelivery[];
    }
  | { kind: LaneHalt };

/** A delivery posted (and accepted) or skipped, to be marked so. */
export interface Settlement {
  sinkId: string;
  participantId: string;
  eventId: string;
  outcome: 'delivered' | 'skipped';
  /** The CRM's 2xx (delivered); null when skipped. */
  httpStatus: number | null;
  at: Date;
}

/** What a settlement found: whether it was still pending, and the sink and person as they are now. */
export interface SettledDelivery {
  eventId: string;
  settled: boolean;
  sinkVersion: Date | null;
  sinkEnabled: boolean;
  erased: boolean;
}

export interface ParkedDelivery {
  eventId: string;
  participantId: string;
  type: string;
  at: Date;
  attempts: number;
  firstFailedAt: Date | null;
  parkedAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  /** Later events of the same person held back behind this one. */
  waitingBehind: number;
}

interface ClaimRow {
  kind: LaneHalt | 'claimed';
  event_id: string;
  attempts: number;
  first_failed_at: Date | null;
  url: string;
  secret: string;
  event_types: string[] | null;
  sink_version: Date;
  erased: boolean;
  type: string;
  at: Date;
  participant_id: string;
  appointment_id: string | null;
  data: JsonObject;
}

interface HeadRow {
  sink_id: string;
  participant_id: string;
  event_id: string;
  status: string;
  attempts: number;
  next_attempt_at: Date | null;
  ready: boolean;
}

const toHead = (row: HeadRow): LaneHead => ({
  sinkId: row.sink_id,
  participantId: row.participant_id,
  eventId: String(row.event_id),
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
});

/**
 * The outbox of case-record events × sinks (store/migrations/0008-case-record-sink.ts). The database holds all
 * delivery state; Redis only carries jobs that name a lane, so any job can be lost or run twice.
 */
export class CaseRecordDeliveryRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Takes the head of a lane for one delivery attempt, and up to `limit` events in all that may go right after it,
   * in one call: locks the head, checks it may go now, and leases what it takes for `leaseMs` so no other worker
   * posts any of it (or anything after it) meanwhile. A head with a retry pending is only taken by the job made for
   * that retry (`expected`); a crashed worker's lease simply runs out. `finished` first marks the last delivery of
   * the lane's previous claim, in the same call.
   */
  async claimLane(
    lane: DeliveryLane,
    leaseMs: number,
    limit: number,
    expected?: { eventId: string; attempts: number },
    finished?: Settlement,
  ): Promise<LaneClaim> {
    // store/migrations/0023-crm-sink-batches.ts: case_record_claim_lane.
    const result = await sql<ClaimRow>`
      select * from case_record_claim_lane(
        ${lane.sinkId}, ${lane.participantId}::uuid, ${leaseMs}::int,
        ${expected?.eventId ?? null}::bigint, ${expected?.attempts ?? null}::int, ${limit}::int,
        ${finished?.eventId ?? null}::bigint, ${finished?.outcome ?? null}::text, ${finished?.httpStatus ?? null}::int,
        ${finished?.at ?? null}::timestamptz
      )`.execute(this.db);
    const first = result.rows[0];
    if (!first) return { kind: 'idle' };
    if (first.kind !== 'claimed') return { kind: first.kind };
    return {
      kind: 'claimed',
      sink: { url: first.url, secret: first.secret, eventTypes: first.event_types, version: first.sink_version },
      erased: first.erased,
      deliveries: result.rows.map((row) => ({
        eventId: String(row.event_id),
        attempts: row.attempts,
        firstFailedAt: row.first_failed_at,
        event: toCaseRecordEventPayload({ ...row, id: row.event_id }),
      })),
    };
  }

  /**
   * Marks deliveries of any lanes delivered or skipped in one statement, each only while it is still pending (a
   * worker that lost its lease learns so here). Answers one row a settlement, in the order given.
   */
  async settle(settlements: readonly Settlement[]): Promise<SettledDelivery[]> {
    if (settlements.length === 0) return [];
    // store/migrations/0023-crm-sink-batches.ts: case_record_settle.
    const result = await sql<{ event_id: string; settled: boolean; sink_version: Date | null; sink_enabled: boolean; erased: boolean }>`
      select * from case_record_settle(
        ${settlements.map((s) => s.sinkId)}::text[], ${settlements.map((s) => s.eventId)}::bigint[],
        ${settlements.map((s) => s.participantId)}::uuid[], ${settlements.map((s) => s.outcome)}::text[],
        ${settlements.map((s) => s.httpStatus)}::int[], ${settlements.map((s) => s.at.toISOString())}::timestamptz[]
      )`.execute(this.db);
    return result.rows.map((r) => ({
      eventId: String(r.event_id),
      settled: r.settled,
      sinkVersion: r.sink_version,
      sinkEnabled: r.sink_enabled,
      erased: r.erased,
    }));
  }

  /**
   * Gives back claimed deliveries not posted (their job hands the lane on, or stopped short). Rows are
   * found by their lane as well as their event, as in store/migrations/0025-crm-sink-lane-keys.ts.
   */
  async releaseLeases(lane: DeliveryLane, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.db
      .updateTable('case_record_deliveries')
      .set({ leased_until: null })
      .where('sink_id', '=', lane.sinkId)
      .where('participant_id', '=', lane.participantId)
      .where('event_id', 'in', [...eventIds])
      .where('status', '=', 'pending')
      .execute();
  }

  /** Counts a failed try; `retryAt` null parks the delivery (the dead-letter list). */
  async recordFailure(
    lane: DeliveryLane,
    eventId: string,
    failure: { at: Date; httpStatus: number | null; error: string; retryAt: Date | null },
  ): Promise<void> {
    const park = failure.retryAt === null;
    await this.db
      .updateTable('case_record_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_status: failure.httpStatus,
        last_error: failure.error.slice(0, 200),
        first_failed_at: sql<Date>`coalesce(first_failed_at, ${failure.at})`,
        leased_until: null,
        next_attempt_at: failure.retryAt,
        status: park ? 'parked' : 'pending',
        parked_at: park ? failure.at : null,
      }))
      .where('sink_id', '=', lane.sinkId)
      .where('participant_id', '=', lane.participantId)
      .where('event_id', '=', eventId)
      .where('status', '=', 'pending')
      .execute();
  }

  /**
   * Pending deliveries after `cursor` in commit order, only from transactions older than every one still running,
   * so a reader that moves its cursor to the last row returned never passes one that could still appear.
   */
  async listNewPending(cursor: OutboxCursor, limit: number): Promise<NewDelivery[]> {
    const result = await sql<{ sink_id: string; participant_id: string; xid: string; event_id: string }>`
      select sink_id, participant_id, xid::text as xid, event_id
      from case_record_deliveries
      where status = 'pending'
        and (xid, event_id) > (${cursor.xid}::xid8, ${cursor.eventId}::bigint)
        and xid < pg_snapshot_xmin(pg_current_snapshot())
      order by xid, event_id
      limit ${limit}`.execute(this.db);
    return result.rows.map((r) => ({ sinkId: r.sink_id, participantId: r.participant_id, xid: r.xid, eventId: String(r.event_id) }));
  }

  /** The heads of these lanes that may be tried (pending, not behind a parked one, their transaction settled). */
  async laneHeads(lanes: readonly DeliveryLane[]): Promise<LaneHead[]> {
    if (lanes.length === 0) return [];
    const result = await sql<HeadRow>`
      select distinct on (d.sink_id, d.participant_id)
        d.sink_id, d.participant_id, d.event_id, d.status, d.attempts, d.next_attempt_at,
        d.xid < pg_snapshot_xmin(pg_current_snapshot()) as ready
      from case_record_deliveries d
      join unnest(${lanes.map((l) => l.sinkId)}::text[], ${lanes.map((l) => l.participantId)}::uuid[]) as lane (sink_id, participant_id)
        on lane.sink_id = d.sink_id and lane.participant_id = d.participant_id
      where d.status in ('pending', 'parked')
      order by d.sink_id, d.participant_id, d.xid, d.event_id`.execute(this.db);
    return result.rows.filter((r) => r.status === 'pending' && r.ready).map(toHead);
  }

  /** Heads that may be tried now or before `before` (the sweep re-adds their jobs), retries due soonest first. */
  async listDueHeads(before: Date, limit: number): Promise<LaneHead[]> {
    const result = await sql<HeadRow>`
      select * from (
        select distinct on (sink_id, participant_id)
          sink_id, participant_id, event_id, status, attempts, next_attempt_at,
          xid < pg_snapshot_xmin(pg_current_snapshot()) as ready
        from case_record_deliveries
        where status in ('pending', 'parked')
        order by sink_id, participant_id, xid, event_id
      ) head
      where head.status = 'pending' and head.ready and (head.next_attempt_at is null or head.next_attempt_at <= ${before})
      order by head.next_attempt_at nulls first
      limit ${limit}`.execute(this.db);
    return result.rows.map(toHead);
  }

  async listParked(sinkId: string, limit: number): Promise<ParkedDelivery[]> {
    const result = await sql<{
      event_id: string;
      participant_id: string;
      type: string;
      at: Date;
      attempts: number;
      first_failed_at: Date | null;
      parked_at: Date;
      last_status: number | null;
      last_error: string | null;
      waiting_behind: string;
    }>`
      select d.event_id, d.participant_id, e.type, e.at, d.attempts, d.first_failed_at, d.parked_at, d.last_status, d.last_error,
        (select count(*) from case_record_deliveries w
          where w.sink_id = d.sink_id and w.participant_id = d.participant_id and w.status = 'pending') as waiting_behind
      from case_record_deliveries d join case_record_events e on e.id = d.event_id
      where d.sink_id = ${sinkId} and d.status = 'parked'
      order by d.parked_at, d.xid, d.event_id
      limit ${limit}`.execute(this.db);
    return result.rows.map((r) => ({
      eventId: String(r.event_id),
      participantId: r.participant_id,
      type: r.type,
      at: r.at,
      attempts: r.attempts,
      firstFailedAt: r.first_failed_at,
      parkedAt: r.parked_at,
      lastStatus: r.last_status,
      lastError: r.last_error,
      waitingBehind: Number(r.waiting_behind),
    }));
  }

  /**
   * Puts parked deliveries (these, or all) back at the head of their lanes with a fresh 24 hours of retries;
   * returns the lanes to start again.
   */
  async replay(sinkId: string, eventIds?: readonly string[]): Promise<{ replayed: number; lanes: DeliveryLane[] }> {
    let query = this.db
      .updateTable('case_record_deliveries')
      .set({ status: 'pending', next_attempt_at: null, first_failed_at: null, parked_at: null, leased_until: null })
      .where('sink_id', '=', sinkId)
      .where('status', '=', 'parked');
    if (eventIds) {
      if (eventIds.length === 0) return { replayed: 0, lanes: [] };
      query = query.where('event_id', 'in', [...eventIds]);
    }
    const rows = await query.returning(['sink_id', 'participant_id']).execute();
    const lanes = new Map(rows.map((r) => [r.participant_id, { sinkId: r.sink_id, participantId: r.participant_id }]));
    return { replayed: rows.length, lanes: [...lanes.values()] };
  }

  /** Every lane of a sink with something pending (to start them all when the sink is enabled again). */
  async pendingLanes(sinkId: string, limit: number): Promise<DeliveryLane[]> {
    const rows = await this.db
      .selectFrom('case_record_deliveries')
      .select('participant_id')
      .distinct()
      .where('sink_id', '=', sinkId)
      .where('status', '=', 'pending')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ sinkId, participantId: r.participant_id }));
  }

  /** Forgets deliveries finished before `before` (the events themselves stay); returns how many. */
  async pruneFinished(before: Date, limit: number): Promise<number> {
    const result = await sql`
      delete from case_record_deliveries
      where (sink_id, event_id) in (
        select sink_id, event_id from case_record_deliveries
        where status in ('delivered', 'skipped') and delivered_at < ${before}
        limit ${limit}
      )`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }
}
