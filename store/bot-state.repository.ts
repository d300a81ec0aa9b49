import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { JsonObject } from '../domain/case-record/case-record.types.js';
import type { Executor } from './database.js';

export interface StoredState {
  data: JsonObject;
  eTag: string;
}

export class StateConflictError extends Error {
  constructor(key: string) {
    super(`State for ${key} changed since it was read`);
  }
}

/**
 * botbuilder state as jsonb rows with optimistic concurrency (its Storage eTag rules):
 * a write succeeds when the row is new, the eTag is `*` or missing, or it matches the stored one.
 */
export class BotStateRepository {
  constructor(private readonly db: Executor) {}

  async read(keys: string[]): Promise<Map<string, StoredState>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db.selectFrom('bot_state').select(['key', 'data', 'etag']).where('key', 'in', keys).execute();
    return new Map(rows.map((r) => [r.key, { data: r.data, eTag: r.etag }]));
  }

  async write(key: string, data: JsonObject, expectedETag: string | undefined, participantId: string | null): Promise<string> {
    const eTag = randomUUID();
    const json = JSON.stringify(data);
    if (expectedETag === undefined || expectedETag === '*') {
      await this.db
        .insertInto('bot_state')
        .values({ key, data: json, etag: eTag, participant_id: participantId })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ data: json, etag: eTag, participant_id: participantId, updated_at: sql<Date>`now()` }),
        )
        .execute();
      return eTag;
    }
    const updated = await this.db
      .updateTable('bot_state')
      .set({ data: json, etag: eTag, participant_id: participantId, updated_at: sql<Date>`now()` })
      .where('key', '=', key)
      .where('etag', '=', expectedETag)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return eTag;
    // A key that vanished (e.g. deleted) with a stale eTag is a conflict too: the reader's view is gone.
    throw new StateConflictError(key);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.deleteFrom('bot_state').where('key', 'in', keys).execute();
  }

  async deleteForParticipant(participantId: string): Promise<void> {
    await this.db.deleteFrom('bot_state').where('participant_id', '=', participantId).execute();
  }
}
