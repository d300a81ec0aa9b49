import { sql } from 'kysely';
import type { Executor } from './database.js';

export type DeadLetterKind = 'turn' | 'send';

/** What an admin sees of a dead letter: where it stands and why, never the words or the number. */
export interface DeadLetterRow {
  id: string;
  kind: DeadLetterKind;
  participantId: string | null;
  recipient: string;
  channel: string;
  messageKind: string;
  status: string;
  attempts: number;
  errorCode: number | null;
  errorMessage: string | null;
  twilioSid: string | null;
  createdAt: Date;
  /** When it became a dead letter (for an unconfirmed send: when the sweep gave up waiting for Twilio's answer). */
  deadSince: Date;
}

/** Where a page ends: the next page starts after this one. */
export interface DeadLetterCursor {
  deadSince: Date;
  id: string;
}

/** The same predicate as the partial index messages_dead_letters (migration 0014). */
const IS_DEAD_LETTER = sql<boolean>`(parked_at is not null or status = 'unconfirmed')`;
const DEAD_SINCE = sql<Date>`coalesce(parked_at, updated_at)`;

/**
 * Turns that kept failing (an inbound text parked `failed` after its job's last try) and sends that did (parked
 * `failed` after every retry, or `unconfirmed` after a send cut mid-call), and putting them back on the normal path.
 */
export class DeadLetterRepository {
  constructor(private readonly db: Executor) {}

  /** Newest first. */
  async list(filter: { kind?: DeadLetterKind; limit: number; after?: DeadLetterCursor }): Promise<DeadLetterRow[]> {
    let query = this.db
      .selectFrom('messages')
      .select([
        'id',
        'direction',
        'participant_id',
        'recipient',
        'channel',
        'kind',
        'status',
        'attempts',
        'error_code',
        'error_message',
        'twilio_sid',
        'created_at',
        DEAD_SINCE.as('dead_since'),
      ])
      .where(IS_DEAD_LETTER);
    if (filter.kind) query = query.where('direction', '=', filter.kind === 'turn' ? 'inbound' : 'outbound');
    if (filter.after) query = query.where(sql<boolean>`(${DEAD_SINCE}, id) < (${filter.after.deadSince}, ${filter.after.id})`);
    const rows = await query.orderBy(DEAD_SINCE, 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.direction === 'inbound' ? 'turn' : 'send',
      participantId: r.participant_id,
      recipient: r.recipient,
      channel: r.channel,
      messageKind: r.kind,
      status: r.status,
      attempts: r.attempts,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      twilioSid: r.twilio_sid,
      createdAt: r.created_at,
      deadSince: new Date(r.dead_since),
    }));
  }

  async find(id: string): Promise<{ id: string; direction: string; status: string; parkedAt: Date | null; twilioSid: string | null } | undefined> {
    const row = await this.db
      .selectFrom('messages')
      .select(['id', 'direction', 'status', 'parked_at', 'twilio_sid'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { id: row.id, direction: row.direction, status: row.status, parkedAt: row.parked_at, twilioSid: row.twilio_sid };
  }

  /** A turn that kept failing is parked, unless it got through meanwhile (with a later text of theirs). */
  async parkTurn(id: string, error: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('messages')
      .set({ status: 'failed', parked_at: at, error_message: error.slice(0, 500), updated_at: at })
      .where('id', '=', id)
      .where('direction', '=', 'inbound')
      .where('status', '=', 'received')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A parked turn waits for its turn again; false when it is not (or no longer) a parked turn. */
  async reopenTurn(id: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('messages')
      .set({ status: 'received', parked_at: null, updated_at: at })
      .where('id', '=', id)
      .where('direction', '=', 'inbound')
      .where('status', '=', 'failed')
      .where('parked_at', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * A parked send is queued again with a fresh set of tries; false when it is not (or no longer) a parked send.
   * The caller has checked that no resend or fallback of it exists.
   */
  async requeueSend(id: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('messages')
      .set({ status: 'queued', parked_at: null, attempts: 0, error_code: null, error_message: null, updated_at: at })
      .where('id', '=', id)
      .where('direction', '=', 'outbound')
      .where('status', '=', 'failed')
      .where('parked_at', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Whether another message was made to stand in for this one (a resend or a WhatsApp fallback). */
  async hasStandIn(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('messages').select('id').where('fallback_of', '=', id).executeTakeFirst();
    return row !== undefined;
  }
}
