import type { Db } from '../../store/database.js';
import { DeadLetterRepository, type DeadLetterCursor, type DeadLetterKind, type DeadLetterRow } from '../../store/dead-letter.repository.js';
import { withoutNumbers } from './dead-letter-error.js';

export interface DeadLetterView extends Omit<DeadLetterRow, 'errorMessage'> {
  error: string | null;
  /** Whether a replay can put it back on the normal path, and if not, why. */
  replayable: boolean;
  notReplayableBecause: string | null;
}

/** Why an unconfirmed send is never replayed from here: Twilio may have it, and a second copy is worse. */
export const UNCONFIRMED_NOT_REPLAYED = 'cut off mid-call: Twilio may already have it, so it is not sent again from here';

/** Turns and sends that kept failing, newest first, a page at a time (admins only: the route checks). */
export class ListDeadLetters {
  constructor(private readonly deps: { db: Db }) {}

  async execute(input: { kind?: DeadLetterKind; limit: number; cursor?: string }): Promise<{ deadLetters: DeadLetterView[]; next: string | null }> {
    const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
    const rows = await new DeadLetterRepository(this.deps.db).list({ ...(input.kind && { kind: input.kind }), limit: input.limit, ...(after && { after }) });
    const last = rows.at(-1);
    return {
      deadLetters: rows.map(({ errorMessage, ...row }) => ({
        ...row,
        error: errorMessage === null ? null : withoutNumbers(errorMessage),
        replayable: row.status === 'failed',
        notReplayableBecause: row.status === 'failed' ? null : UNCONFIRMED_NOT_REPLAYED,
      })),
      next: rows.length === input.limit && last ? encodeCursor({ deadSince: last.deadSince, id: last.id }) : null,
    };
  }
}

export class BadCursorError extends Error {}

export function encodeCursor(cursor: DeadLetterCursor): string {
  return Buffer.from(`${cursor.deadSince.toISOString()}|${cursor.id}`).toString('base64url');
}

function decodeCursor(text: string): DeadLetterCursor {
  const [at, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const deadSince = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(deadSince.getTime())) throw new BadCursorError('not a cursor from this list');
  return { deadSince, id };
}
