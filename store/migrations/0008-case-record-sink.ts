import { type Kysely, sql } from 'kysely';

/**
 * The programme's CRM: a commit-order key on every case-record event (for the pull API and per-person delivery
 * order), the sink's settings, and an outbox with one row per event and sink holding its delivery state.
 *
 * bigserial ids are handed out when a row is inserted, not when its transaction commits, so a reader paging by id
 * can pass an id whose transaction is still open and never see it. Each event records the id of the transaction
 * that wrote it (`xid`, xid8); a reader only takes rows whose transaction is older than every transaction still
 * running (`pg_snapshot_xmin(pg_current_snapshot())`), so nothing can appear later behind its cursor.
 *
 * The outbox is filled by a trigger, not by the code that writes events: every path (Kysely inserts, the raw SQL
 * of `insertInboundBatch`, bulk bookings, erasure) gets its delivery rows in the same transaction as the event,
 * on PostgreSQL and PGlite alike. It is a statement-level trigger, so a bulk insert adds its rows in one insert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Events written before this migration are all committed: they share xid 0 and keep their id order.
  await sql`alter table case_record_events add column xid xid8 not null default '0'`.execute(db);
  await sql`alter table case_record_events alter column xid set default pg_current_xact_id()`.execute(db);
  await sql`create index events_commit_order on case_record_events (xid, id)`.execute(db);

  await db.schema
    .createTable('case_record_sinks')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9]+$'`))
    .addColumn('url', 'text', (c) => c.notNull())
    // Used to sign deliveries, so it is kept as given; never logged, never returned by the API.
    .addColumn('secret', 'text', (c) => c.notNull())
    // null: every event type.
    .addColumn('event_types', 'jsonb')
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.references('staff.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('case_record_deliveries')
    .addColumn('sink_id', 'text', (c) => c.notNull().references('case_record_sinks.id').onDelete('cascade'))
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('case_record_events.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull())
    // The event's own xid: one person's events go out in (xid, event_id) order, the order of the pull API.
    .addColumn('xid', sql`xid8`, (c) => c.notNull())
    // pending → delivered; pending → parked (dead letter) → pending again on replay; skipped (type no longer wanted)
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'delivered', 'parked', 'skipped')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // Set while a retry is waiting (its job is delayed until then); null when the next try may go at once.
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('first_failed_at', 'timestamptz')
    // A worker holds the head of a person's queue while it posts it (database time, not the app's clock).
    .addColumn('leased_until', 'timestamptz')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('parked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('case_record_deliveries_pk', ['sink_id', 'event_id'])
    .execute();
  // The head of one person's queue.
  await sql`create index case_record_deliveries_lane on case_record_deliveries (sink_id, participant_id, xid, event_id)
    where status in ('pending', 'parked')`.execute(db);
  // What the feeder has not seen yet, in commit order.
  await sql`create index case_record_deliveries_pending on case_record_deliveries (xid, event_id) where status = 'pending'`.execute(db);
  await sql`create index case_record_deliveries_done on case_record_deliveries (delivered_at) where status in ('delivered', 'skipped')`.execute(db);

  // participant.erased always goes, whatever the sink's eventTypes: the CRM must erase its copy too
  // (domain/case-record/case-record-sink.ts says the same for deliveries).
  await sql`
    create function case_record_events_to_sinks() returns trigger language plpgsql as $$
    begin
      insert into case_record_deliveries (sink_id, event_id, participant_id, xid)
      select s.id, e.id, e.participant_id, e.xid
      from new_events e
      join case_record_sinks s on s.event_types is null or s.event_types ? e.type or e.type = 'participant.erased';
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger case_record_events_outbox after insert on case_record_events
    referencing new table as new_events for each statement execute function case_record_events_to_sinks()`.execute(db);

  await createClaimHeadFunction(db);
}

/**
 * One call per delivery: mark the previous head (if any), lock the lane's head, decide whether it may go now, and
 * lease it. A function rather than a statement sent each time: PL/pgSQL keeps its plans, and planning the statement
 * would cost more than running it. Replaced by case_record_claim_lane in 0023, whose `down` puts this back.
 */
export async function createClaimHeadFunction(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function case_record_claim_head(
      p_sink text, p_participant uuid, p_lease_ms integer,
      p_expected_event bigint, p_expected_attempts integer,
      p_done_event bigint, p_done_outcome text, p_done_status integer, p_done_at timestamptz
    ) returns table (
      kind text, event_id bigint, attempts integer, first_failed_at timestamptz,
      url text, secret text, event_types jsonb,
      type text, at timestamptz, participant_id uuid, appointment_id uuid, data jsonb
    ) language plpgsql as $$
    declare
      head record;
      sink record;
      verdict text;
    begin
      if p_done_event is not null then
        update case_record_deliveries d set
          status = p_done_outcome,
          attempts = d.attempts + case when p_done_outcome = 'delivered' then 1 else 0 end,
          delivered_at = p_done_at,
          last_status = coalesce(p_done_status, d.last_status),
          last_error = case when p_done_outcome = 'delivered' then null else d.last_error end,
          leased_until = null,
          next_attempt_at = null
        where d.sink_id = p_sink and d.event_id = p_done_event and d.status = 'pending';
      end if;

      select d.event_id, d.status, d.attempts, d.first_failed_at, d.next_attempt_at, d.xid, d.leased_until
        into head
        from case_record_deliveries d
        where d.sink_id = p_sink and d.participant_id = p_participant and d.status in ('pending', 'parked')
        order by d.xid, d.event_id
        limit 1
        for update;
      if not found then
        return;
      end if;
      select s.url, s.secret, s.event_types, s.enabled into sink from case_record_sinks s where s.id = p_sink;

      verdict := case
        when head.status = 'parked' then 'blocked'
        when not sink.enabled then 'paused'
        -- an older transaction still running might yet add an earlier event for this person
        when head.xid >= pg_snapshot_xmin(pg_current_snapshot()) then 'not_ready'
        when head.leased_until is not null and head.leased_until > clock_timestamp() then 'busy'
        when head.next_attempt_at is not null
          and not coalesce(head.event_id = p_expected_event and head.attempts = p_expected_attempts, false) then 'waiting'
        else 'claimed'
      end;
      if verdict = 'claimed' then
        update case_record_deliveries d set leased_until = clock_timestamp() + p_lease_ms * interval '1 millisecond'
          where d.sink_id = p_sink and d.event_id = head.event_id;
      end if;

      return query
        select verdict, head.event_id, head.attempts, head.first_failed_at, sink.url, sink.secret, sink.event_types,
          e.type, e.at, e.participant_id, e.appointment_id, e.data
        from case_record_events e where e.id = head.event_id;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists case_record_claim_head(text, uuid, integer, bigint, integer, bigint, text, integer, timestamptz)`.execute(db);
  await sql`drop trigger if exists case_record_events_outbox on case_record_events`.execute(db);
  await sql`drop function if exists case_record_events_to_sinks()`.execute(db);
  await db.schema.dropTable('case_record_deliveries').ifExists().execute();
  await db.schema.dropTable('case_record_sinks').ifExists().execute();
  await sql`drop index if exists events_commit_order`.execute(db);
  await db.schema.alterTable('case_record_events').dropColumn('xid').execute();
}
