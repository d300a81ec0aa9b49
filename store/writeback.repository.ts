import { type Selectable, sql } from 'kysely';
import type { WritebackPayload } from '../domain/case-record/writeback.types.js';
import type { Executor } from './database.js';
import type { ParticipantRow, PendingWritebacksTable } from './schema.js';

interface ClaimedColumns {
  claimed_id: string;
  claimed_seq: string;
  claimed_payload: unknown;
}

export interface PendingWriteback {
  id: string;
  seq: string;
  participantId: string;
  payload: WritebackPayload;
  appliedAt: Date | null;
}

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
   * In one statement: locks the person `writebackId` belongs to, then marks as applied their outcomes still waiting
   * up to and including it, and returns the person's row as locked with those outcomes, oldest first, for the caller
   * to apply in the same transaction. Undefined when there is nothing to apply (unknown, or applied already).
   * The person is locked before any outcome: the claim's rows are found by the lock's result, so this takes its
   * locks in the same order as every other writer of the person (person first).
   */
  async lockOwnerAndClaimThrough(writebackId: string, at: Date): Promise<{ owner: ParticipantRow; claimed: PendingWriteback[] } | undefined> {
    const result = await sql<ParticipantRow & ClaimedColumns>`
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
      )
      select owner.*, claimed.id as claimed_id, claimed.seq as claimed_seq, claimed.payload as claimed_payload
      from owner cross join claimed
      order by claimed.seq`.execute(this.db);
    const first = result.rows[0];
    if (!first) return undefined;
    const { claimed_id: _id, claimed_seq: _seq, claimed_payload: _payload, ...owner } = first;
    const claimed = result.rows.map((row) => ({
      id: row.claimed_id,
      seq: row.claimed_seq,
      participantId: owner.id,
      payload: row.claimed_payload as unknown as WritebackPayload,
      appliedAt: at,
    }));
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
