import type { Storage, StoreItems } from 'botbuilder';
import type { JsonObject } from '../../domain/case-record/case-record.types.js';
import { BotStateRepository } from '../../store/bot-state.repository.js';
import type { Executor, Tx } from '../../store/database.js';

interface PendingWrite {
  data: JsonObject;
  expectedETag: string | undefined;
}

/**
 * botbuilder Storage of the conversation state (the dialogs' memory) for one turn: reads from the database, holds writes until the turn's outcome is
 * committed, then writes them in that same transaction with eTag checks. A conflict rolls the whole turn
 * back, so state and case record never disagree.
 */
export class ConversationStateStorage implements Storage {
  private readonly writes = new Map<string, PendingWrite>();
  private readonly deletes = new Set<string>();

  constructor(
    private readonly db: Executor,
    private readonly participantId: string | null,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const stored = await new BotStateRepository(this.db).read(keys.filter((k) => !this.deletes.has(k)));
    const items: StoreItems = {};
    for (const key of keys) {
      const pending = this.writes.get(key);
      if (pending) items[key] = { ...pending.data };
      else {
        const row = stored.get(key);
        if (row) items[key] = { ...row.data, eTag: row.eTag };
      }
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, value] of Object.entries(changes)) {
      const { eTag, ...data } = (value ?? {}) as JsonObject & { eTag?: string };
      const earlier = this.writes.get(key);
      this.writes.set(key, { data, expectedETag: earlier ? earlier.expectedETag : eTag });
      this.deletes.delete(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      this.writes.delete(key);
      this.deletes.add(key);
    }
  }

  async commit(tx: Tx): Promise<void> {
    const repository = new BotStateRepository(tx);
    await repository.delete([...this.deletes]);
    for (const [key, write] of this.writes) {
      await repository.write(key, write.data, write.expectedETag, this.participantId);
    }
  }
}
