import { type Kysely, sql } from 'kysely';
import { createClaimLaneFunction, createSettleFunction } from './0023-crm-sink-batches.js';

/**
 * case_record_claim_lane and case_record_settle as in 0023, except that each update of a delivery row names its
 * person as well as its sink and event. With (sink_id, event_id) alone, a planner without statistics on
 * case_record_deliveries (a new table, or autovacuum off) took the lane index (sink_id, participant_id, xid,
 * event_id) for it, reading the whole sink's part of the index for every row: about 0.4 ms of PostgreSQL a settled
 * event instead of 0.06. With the person named, either index finds the row directly. The settle also looks up
 * each person's erasure by key instead of joining participants, which was planned as a scan of the whole table
 * every statement. Same rows, same results.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function case_record_claim_lane(
      p_sink text, p_participant uuid, p_lease_ms integer,
      p_expected_event bigint, p_expected_attempts integer, p_limit integer,
      p_done_event bigint, p_done_outcome text, p_done_status integer, p_done_at timestamptz
    ) returns table (
      kind text, event_id bigint, attempts integer, first_failed_at timestamptz,
      url text, secret text, event_types jsonb, sink_version timestamptz, erased boolean,
      type text, at timestamptz, participant_id uuid, appointment_id uuid, data jsonb
    ) language plpgsql as $$
    declare
      head record;
      sink record;
      verdict text;
      ready_before xid8;
    begin
      -- A lease or a mark lost to a crash of PostgreSQL itself only means an event is sent again (and the CRM stores
      -- by Idempotency-Key), so these commits need not wait for the disk.
      set local synchronous_commit = off;
      if p_done_event is not null then
        update case_record_deliveries d set
          status = p_done_outcome,
          attempts = d.attempts + case when p_done_outcome = 'delivered' then 1 else 0 end,
          delivered_at = p_done_at,
          last_status = coalesce(p_done_status, d.last_status),
          last_error = case when p_done_outcome = 'delivered' then null else d.last_error end,
          leased_until = null,
          next_attempt_at = null
        where d.sink_id = p_sink and d.participant_id = p_participant and d.event_id = p_done_event and d.status = 'pending';
      end if;

      select d.event_id, d.status, d.attempts, d.next_attempt_at, d.xid, d.leased_until
        into head
        from case_record_deliveries d
        where d.sink_id = p_sink and d.participant_id = p_participant and d.status in ('pending', 'parked')
        order by d.xid, d.event_id
        limit 1
        for update;
      if not found then
        return;
      end if;
      select s.url, s.secret, s.event_types, s.enabled, s.updated_at into sink from case_record_sinks s where s.id = p_sink;
      ready_before := pg_snapshot_xmin(pg_current_snapshot());

      verdict := case
        when head.status = 'parked' then 'blocked'
        when not sink.enabled then 'paused'
        -- an older transaction still running might yet add an earlier event for this person
        when head.xid >= ready_before then 'not_ready'
        when head.leased_until is not null and head.leased_until > clock_timestamp() then 'busy'
        when head.next_attempt_at is not null
          and not coalesce(head.event_id = p_expected_event and head.attempts = p_expected_attempts, false) then 'waiting'
        else 'claimed'
      end;
      if verdict <> 'claimed' then
        kind := verdict;
        event_id := head.event_id;
        attempts := head.attempts;
        return next;
        return;
      end if;

      -- Rows of a transaction older than every running one sort before any row of a running one ((xid, id) order),
      -- so the events that may go form a run from the head: the run stops at the first that may not.
      return query
        with lane as (
          select d.event_id as lane_event, d.xid as lane_xid, d.status as lane_status, d.next_attempt_at as lane_retry_at
          from case_record_deliveries d
          where d.sink_id = p_sink and d.participant_id = p_participant and d.status in ('pending', 'parked')
          order by d.xid, d.event_id
          limit greatest(p_limit, 1)
        ),
        run as (
          select l.lane_event from (
            select l0.lane_event,
              bool_and(l0.lane_event = head.event_id
                or (l0.lane_status = 'pending' and l0.lane_xid < ready_before and l0.lane_retry_at is null))
                over (order by l0.lane_xid, l0.lane_event) as in_run
            from lane l0
          ) l
          where l.in_run
        ),
        leased as (
          update case_record_deliveries d set leased_until = clock_timestamp() + p_lease_ms * interval '1 millisecond'
          from run r
          where d.sink_id = p_sink and d.participant_id = p_participant and d.event_id = r.lane_event
          returning d.event_id as leased_event, d.xid as leased_xid, d.attempts as leased_attempts,
            d.first_failed_at as leased_failed_at
        )
        select 'claimed'::text, l.leased_event, l.leased_attempts, l.leased_failed_at,
          sink.url, sink.secret, sink.event_types, sink.updated_at, p.erased_at is not null,
          e.type, e.at, e.participant_id, e.appointment_id, e.data
        from leased l
          join case_record_events e on e.id = l.leased_event
          left join participants p on p.id = e.participant_id
        order by l.leased_xid, l.leased_event;
    end
    $$`.execute(db);

  await sql`
    create or replace function case_record_settle(
      p_sinks text[], p_events bigint[], p_participants uuid[], p_outcomes text[], p_statuses integer[], p_at timestamptz[]
    ) returns table (event_id bigint, settled boolean, sink_version timestamptz, sink_enabled boolean, erased boolean)
    language plpgsql as $$
    begin
      set local synchronous_commit = off;
      return query
        with input as (
          select * from unnest(p_sinks, p_events, p_participants, p_outcomes, p_statuses, p_at) with ordinality
            as i (in_sink, in_event, in_participant, in_outcome, in_status, in_at, in_order)
        ),
        done as (
          update case_record_deliveries d set
            status = i.in_outcome,
            attempts = d.attempts + case when i.in_outcome = 'delivered' then 1 else 0 end,
            delivered_at = i.in_at,
            last_status = coalesce(i.in_status, d.last_status),
            last_error = case when i.in_outcome = 'delivered' then null else d.last_error end,
            leased_until = null,
            next_attempt_at = null
          from input i
          where d.sink_id = i.in_sink and d.participant_id = i.in_participant and d.event_id = i.in_event and d.status = 'pending'
          returning d.sink_id as done_sink, d.event_id as done_event
        )
        select i.in_event, done.done_event is not null, s.updated_at, coalesce(s.enabled, false),
          coalesce((select p.erased_at is not null from participants p where p.id = i.in_participant), false)
        from input i
          left join done on done.done_sink = i.in_sink and done.done_event = i.in_event
          left join case_record_sinks s on s.id = i.in_sink
        order by i.in_order;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await createClaimLaneFunction(db);
  await createSettleFunction(db);
}
