import { type Selectable, sql } from 'kysely';
import type { WritebackPayload } from '../domain/case-record/writeback.types.js';
import type { Executor } from './database.js';
import type { PendingWritebacksTable } from './schema.js';

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

  async lock(id: string): Promise<PendingWriteback | undefined> {
    const row = await this.db
      .selectFrom('pending_writebacks')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    return row ? toPending(row) : undefined;
  }

  /** This person's outcomes not yet applied, up to and including `upToSeq`, oldest first, locked. */
  async lockUnappliedForParticipant(participantId: string, upToSeq: string): Promise<PendingWriteback[]> {
    const rows = await this.db
      .selectFrom('pending_writebacks')
      .selectAll()
      .where('participant_id', '=', participantId)
      .where('applied_at', 'is', null)
      .where('seq', '<=', upToSeq)
      .orderBy('seq')
      .forUpdate()
      .execute();
    return rows.map(toPending);
  }

  async markApplied(id: string, at: Date): Promise<void> {
    await this.db.updateTable('pending_writebacks').set({ applied_at: at }).where('id', '=', id).execute();
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
