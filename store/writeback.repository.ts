import { type Selectable, sql } from 'kysely';
import type { WritebackPayload } from '../domain/case-record/writeback.types.js';
import { preparedStatement, type Executor } from './database.js';
import type { ParticipantRow, PendingWritebacksTable } from './schema.js';

interface ClaimedColumns {
  claimed_id: string;
  claimed_seq: string;
  claimed_events_recorded: boolean;
  claimed_payload: unknown;
}

export interface PendingWriteback {
  id: string;
  seq: string;
  participantId: string;
  payload: WritebackPayload;
  appliedAt: Date | null;
}

/** An outcome just claimed: with its events when the claim did not record them, without them when it did. */
export type ClaimedWriteback = Omit<PendingWriteback, 'payload'> &
  ({ eventsRecorded: false; payload: WritebackPayload } | { eventsRecorded: true; payload: Omit<WritebackPayload, 'events'> });

/**
 * The person's columns the claim returns, by name rather than `*`: a prepared statement whose `*` gains a column (a
 * migration run by a newer process) fails on every call until its connection closes. The compiler keeps this list
 * in step with ParticipantRow.
 */
const OWNER_COLUMNS = sql.raw(
  Object.keys({
    id: true, first_name: true, last_name: true, phone: true, external_ref: true, channel: true, language: true,
    key_worker_id: true, team: true, referred_at: true, consent_contact: true, consent_basis: true, consent_at: true,
    opted_out: true, opted_out_at: true, muted_streams: true, in_work_since: true, wrong_number_at: true,
    in_work_adviser_id: true, introduced_adviser_id: true, created_at: true, updated_at: true, erased_at: true,
  } satisfies Record<keyof ParticipantRow, true>)
    .map((column) => `owner.${column}`)
    .join(', '),
);

/** Outcomes waiting to be written to the case record: durable before any queue job refers to them. */
export class WritebackRepository {
  constructor(private readonly db: Executor) {}

  /** Saves an outcome once per source key and returns its id (the existing one on a repeat). */
  async save(payload: WritebackPayload): Promise<string> {
    const inserted = await this.db
      .insertInto('pending_writebacks')
      .values({
        source_key: payload.sourceKey,
        participant_id: payload.participantId,
        payload: JSON.stringify(payload),
      })
      .onConflict((oc) => oc.column('source_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return inserted.id;
    const existing = await this.db
      .selectFrom('pending_writebacks')
      .select('id')
      .where('source_key', '=', payload.sourceKey)
      .executeTakeFirstOrThrow();
    return existing.id;
  }

  async find(id: string): Promise<PendingWriteback | undefined> {
    const row = await this.db.selectFrom('pending_writebacks').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toPending(row) : undefined;
  }

  /**
   * In one statement: locks the person `writebackId` belongs to, marks as applied their outcomes still waiting up to
   * and including it, and records the events of those outcomes on the case record, in order; returns the person's
   * row as locked with the outcomes, oldest first, for the caller to apply the rest of them in the same transaction.
   * Undefined when there is nothing to apply (unknown, or applied already).
   * The person is locked before any outcome: the claim's rows are found by the lock's result, so this takes its
   * locks in the same order as every other writer of the person (person first).
   * An outcome's events are recorded here unless the person is erased, or an earlier outcome of the claim raises
   * alerts (its alert.raised events must come first): then `eventsRecorded` is false and the caller records them.
   * Prepared once a connection: planning this statement cost about as much as running it.
   */
  async lockOwnerClaimThroughAndRecordEvents(writebackId: string, at: Date): Promise<{ owner: ParticipantRow; claimed: ClaimedWriteback[] } | undefined> {
    const result = await sql<ParticipantRow & ClaimedColumns>`${preparedStatement('writeback-claim')}
      with owner as materialized (
        select * from participants
        where id = (select participant_id from pending_writebacks where id = ${writebackId})
        for update
      ),
      claimed as (
        update pending_writebacks set applied_at = ${at}
        where participant_id = (select id from owner)
          and applied_at is null
          and seq <= (select seq from pending_writebacks where id = ${writebackId})
        returning id, seq, payload
      ),
      decided as materialized (
        select c.id, c.seq, c.payload,
          (select o.erased_at is null from owner o)
            and coalesce(bool_and(jsonb_array_length(c.payload -> 'alerts') = 0)
              over (order by c.seq rows between unbounded preceding and 1 preceding), true) as events_recorded
        from claimed c
      ),
      -- Each row as applyWriteback writes it; the source key as sourceKeys.writebackEvent makes it (a test holds them equal).
      recorded as (
        insert into case_record_events (participant_id, type, at, appointment_id, data, source_key)
        select (select o.id from owner o), e.event ->> 'type', (d.payload ->> 'at')::timestamptz,
          (e.event ->> 'appointmentId')::uuid, e.event -> 'data',
          (d.payload ->> 'sourceKey') || '/' || (e.event ->> 'type') || '/' || (e.event ->> 'key')
        from decided d cross join lateral jsonb_array_elements(d.payload -> 'events') with ordinality as e (event, n)
        where d.events_recorded
        order by d.seq, e.n
        on conflict (source_key) do nothing
      )
      select ${OWNER_COLUMNS}, d.id as claimed_id, d.seq as claimed_seq, d.events_recorded as claimed_events_recorded,
        case when d.events_recorded then d.payload - 'events' else d.payload end as claimed_payload
      from owner cross join decided d
      order by d.seq`.execute(this.db);
    const first = result.rows[0];
    if (!first) return undefined;
    const { claimed_id: _id, claimed_seq: _seq, claimed_events_recorded: _recorded, claimed_payload: _payload, ...owner } = first;
    const claimed = result.rows.map(
      (row) =>
        ({
          id: row.claimed_id,
          seq: row.claimed_seq,
          participantId: owner.id,
          appliedAt: at,
          eventsRecorded: row.claimed_events_recorded,
          payload: row.claimed_payload,
        }) as ClaimedWriteback,
    );
    return { owner, claimed };
  }

  async listUnapplied(olderThan: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('pending_writebacks')
      .select('id')
      .where('applied_at', 'is', null)
      .where('created_at', '<', olderThan)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Erasure: payloads hold message text, so they go (applied or not). */
  async deleteForParticipant(participantId: string): Promise<void> {
    await this.db
      .updateTable('pending_writebacks')
      .set({ payload: sql`'{}'::jsonb`, applied_at: sql`coalesce(applied_at, now())` })
      .where('participant_id', '=', participantId)
      .execute();
  }
}

function toPending(row: Selectable<PendingWritebacksTable>): PendingWriteback {
  return {
    id: row.id,
    seq: row.seq,
    participantId: row.participant_id,
    payload: row.payload as unknown as WritebackPayload,
    appliedAt: row.applied_at,
  };
}
