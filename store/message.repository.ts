import { sql } from 'kysely';
import type { Channel } from '../domain/channel.js';
import type { ReplyKind } from '../domain/conversation/conversation.types.js';
import { preparedStatement, type Executor } from './database.js';
import type { MessageRow, NewMessage } from './schema.js';

export interface InboundArrival {
  twilioSid: string;
  channel: Channel;
  phone: string;
  body: string;
}

export interface StoredArrival {
  twilioSid: string;
  messageId: string;
  participantId: string | null;
  status: string;
  created: boolean;
}

export interface OutboundMessage {
  participantId: string;
  channel: Channel;
  phone: string;
  body: string;
  kind: ReplyKind | string;
  sourceKey: string;
  status: 'queued' | 'suppressed';
  fallbackOf?: string;
  /** `whatsapp` when this SMS stands in for a WhatsApp message (outside WhatsApp's 24 hours). */
  insteadOf?: 'whatsapp' | null;
}

/** A text to a member of staff (a safeguarding contact): no participant, SMS only, nothing about anyone in it. */
export interface StaffOutboundMessage {
  phone: string;
  body: string;
  kind: string;
  sourceKey: string;
}

/** One claimed send attempt: the row and the attempt count it was claimed with. */
export interface SendAttempt {
  id: string;
  attempts: number;
}

export interface StatusFields {
  twilioSid?: string;
  errorCode?: number | null;
  errorMessage?: string | null;
  attempts?: number;
  claimedAt?: Date;
  sentAsTemplate?: boolean;
  /** It became a dead letter (see `parked_at`). */
  parkedAt?: Date;
}

function statusFields(fields: StatusFields) {
  return {
    ...(fields.twilioSid !== undefined && { twilio_sid: fields.twilioSid }),
    ...(fields.errorCode !== undefined && { error_code: fields.errorCode }),
    ...(fields.errorMessage !== undefined && { error_message: fields.errorMessage }),
    ...(fields.attempts !== undefined && { attempts: fields.attempts }),
    ...(fields.claimedAt !== undefined && { claimed_at: fields.claimedAt }),
    ...(fields.sentAsTemplate !== undefined && { sent_as_template: fields.sentAsTemplate }),
    ...(fields.parkedAt !== undefined && { parked_at: fields.parkedAt }),
  };
}

export class MessageRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Stores many inbound texts in one statement: each matched to a live participant by phone, stored once per
   * MessageSid, with `at` as its time. One statement is one atomic commit and one round trip, which is what lets
   * the webhook acknowledge thousands of texts a second without ever acknowledging an unsaved one. The row is all
   * that is written: its `message.inbound` event is written from it before its turn runs (appendInboundArrivals).
   */
  async insertInboundBatch(arrivals: readonly InboundArrival[], at: Date): Promise<Map<string, StoredArrival>> {
    const unique = [...new Map(arrivals.map((a) => [a.twilioSid, a])).values()];
    const stored = new Map<string, StoredArrival>();
    if (unique.length === 0) return stored;
    // Four array parameters whatever the batch's size: the statement's text is always the same, so it is prepared
    // once a connection and planned once (the planning cost about as much as storing a few texts), and node builds
    // four parameters instead of five a text.
    const inserted = await sql<{ id: string; twilio_sid: string; participant_id: string | null }>`${preparedStatement('inbound-batch')}
      with input (sid, channel, phone, body, ord) as (
        select * from unnest(${sql.val(unique.map((a) => a.twilioSid))}::text[], ${sql.val(unique.map((a) => a.channel))}::text[],
          ${sql.val(unique.map((a) => a.phone))}::text[], ${sql.val(unique.map((a) => a.body))}::text[]) with ordinality
      ),
      matched as (
        select input.*, p.id as participant_id
        from input left join participants p on p.phone = input.phone and p.erased_at is null
      ),
      inserted as (
        insert into messages (participant_id, direction, channel, phone, body, source_key, twilio_sid, status, received_at)
        select participant_id, 'inbound', channel, phone, body, 'inbound-' || sid, sid, 'received', ${at}::timestamptz
        from matched order by ord
        on conflict do nothing
        returning id, twilio_sid, participant_id
      )
      select id, twilio_sid, participant_id from inserted`.execute(this.db);
    for (const row of inserted.rows) {
      stored.set(row.twilio_sid, {
        twilioSid: row.twilio_sid,
        messageId: row.id,
        participantId: row.participant_id,
        status: 'received',
        created: true,
      });
    }
    const repeats = unique.filter((a) => !stored.has(a.twilioSid)).map((a) => a.twilioSid);
    if (repeats.length > 0) {
      const existing = await this.db
        .selectFrom('messages')
        .select(['id', 'twilio_sid', 'participant_id', 'status'])
        .where('twilio_sid', 'in', repeats)
        .execute();
      for (const row of existing) {
        stored.set(row.twilio_sid as string, {
          twilioSid: row.twilio_sid as string,
          messageId: row.id,
          participantId: row.participant_id,
          status: row.status,
          created: false,
        });
      }
    }
    return stored;
  }

  /** Creates an outbound row once per source key; returns it whether new or already there. */
  async insertOutbound(m: OutboundMessage): Promise<{ message: MessageRow; created: boolean }> {
    return this.insertOnce({
      participant_id: m.participantId,
      direction: 'outbound',
      channel: m.channel,
      phone: m.phone,
      body: m.body,
      kind: m.kind,
      source_key: m.sourceKey,
      status: m.status,
      fallback_of: m.fallbackOf ?? null,
      instead_of: m.insteadOf ?? null,
    });
  }

  /** Creates a queued text to a member of staff once per source key; returns it whether new or already there. */
  async insertForStaff(m: StaffOutboundMessage): Promise<{ message: MessageRow; created: boolean }> {
    return this.insertOnce({
      participant_id: null,
      recipient: 'staff',
      direction: 'outbound',
      channel: 'sms',
      phone: m.phone,
      body: m.body,
      kind: m.kind,
      source_key: m.sourceKey,
      status: 'queued',
    });
  }

  private async insertOnce(row: NewMessage & { source_key: string }): Promise<{ message: MessageRow; created: boolean }> {
    const inserted = await this.db
      .insertInto('messages')
      .values(row)
      .onConflict((oc) => oc.column('source_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { message: inserted, created: true };
    const existing = await this.db.selectFrom('messages').selectAll().where('source_key', '=', row.source_key).executeTakeFirstOrThrow();
    return { message: existing, created: false };
  }

  async findById(id: string): Promise<MessageRow | undefined> {
    return this.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findBySid(sid: string): Promise<MessageRow | undefined> {
    return this.db.selectFrom('messages').selectAll().where('twilio_sid', '=', sid).executeTakeFirst();
  }

  async lockById(id: string): Promise<MessageRow | undefined> {
    return this.db.selectFrom('messages').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async setStatus(
    id: string,
    status: string,
    fields: StatusFields = {},
  ): Promise<void> {
    await this.db
      .updateTable('messages')
      .set({ status, ...statusFields(fields), updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Moves a send on from `sending` only if it is still the attempt that claimed it (no sid yet, the same attempt
   * count): a late answer to an attempt the sweep has since reconciled, or a second reconciler, changes nothing.
   */
  async settleAttempt(attempt: SendAttempt, status: string, fields: StatusFields = {}): Promise<boolean> {
    let query = this.db
      .updateTable('messages')
      .set({ status, ...statusFields(fields), updated_at: sql<Date>`now()` })
      .where('id', '=', attempt.id)
      .where('status', '=', 'sending')
      .where('twilio_sid', 'is', null)
      .where('attempts', '=', attempt.attempts);
    // A sid another row already holds is never taken (the unique index would abort the whole transaction).
    if (fields.twilioSid !== undefined) {
      const sid = fields.twilioSid;
      query = query.where(({ not, exists, selectFrom }) => not(exists(selectFrom('messages as held').select('held.id').where('held.twilio_sid', '=', sid))));
    }
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A cut send Twilio does not have goes back to `queued`, counted, at most `maxResends` times. */
  async requeueCutSend(attempt: SendAttempt, maxResends: number, note: string): Promise<boolean> {
    const result = await this.db
      .updateTable('messages')
      .set((eb) => ({ status: 'queued', reconcile_resends: eb('reconcile_resends', '+', 1), error_message: note, updated_at: sql<Date>`now()` }))
      .where('id', '=', attempt.id)
      .where('status', '=', 'sending')
      .where('twilio_sid', 'is', null)
      .where('attempts', '=', attempt.attempts)
      .where('reconcile_resends', '<', maxResends)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A lookup of a cut send failed: counted, and it stays `sending` for the next sweep. */
  async noteFailedLookup(attempt: SendAttempt, note: string): Promise<boolean> {
    const result = await this.db
      .updateTable('messages')
      .set((eb) => ({ reconcile_lookups: eb('reconcile_lookups', '+', 1), error_message: note, updated_at: sql<Date>`now()` }))
      .where('id', '=', attempt.id)
      .where('status', '=', 'sending')
      .where('twilio_sid', 'is', null)
      .where('attempts', '=', attempt.attempts)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Sends it on another channel; `insteadOf` names the one it stands in for (SMS instead of WhatsApp). */
  async setChannel(id: string, channel: Channel, insteadOf: 'whatsapp' | null = null): Promise<void> {
    await this.db.updateTable('messages').set({ channel, instead_of: insteadOf, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
  }

  /** Changes status only if it is still `from`; true when it did. */
  async setStatusIf(id: string, from: string, to: string, errorMessage: string | null = null): Promise<boolean> {
    const result = await this.db
      .updateTable('messages')
      .set({ status: to, ...(errorMessage !== null && { error_message: errorMessage }), updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Moves a message to `status` only from one of `replaceable` (the caller's ordering rule), atomically,
   * so concurrent or late callbacks can never move a status backwards.
   */
  async advanceStatusBySid(
    sid: string,
    status: string,
    replaceable: readonly string[],
    error: { code: number | null; message: string | null },
  ): Promise<MessageRow | undefined> {
    if (replaceable.length === 0) return undefined;
    return this.db
      .updateTable('messages')
      .set({
        status,
        ...(error.code !== null && { error_code: error.code }),
        ...(error.message !== null && { error_message: error.message }),
        updated_at: sql<Date>`now()`,
      })
      .where('twilio_sid', '=', sid)
      .where('status', 'in', replaceable)
      .returningAll()
      .executeTakeFirst();
  }

  /** Work the database says is due but Redis may have lost: inbound not yet turned, outbound not yet sent. */
  async listPending(direction: 'inbound' | 'outbound', olderThan: Date, limit: number): Promise<MessageRow[]> {
    return this.db
      .selectFrom('messages')
      .selectAll()
      .where('status', '=', direction === 'inbound' ? 'received' : 'queued')
      .where('direction', '=', direction)
      .where('updated_at', '<', olderThan)
      .orderBy('updated_at')
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /** This person's inbound texts still waiting for their turn, up to and including `upToSeq`, oldest first. */
  async listReceivedForParticipant(participantId: string, upToSeq: string): Promise<MessageRow[]> {
    return this.db
      .selectFrom('messages')
      .selectAll()
      .where('participant_id', '=', participantId)
      .where('direction', '=', 'inbound')
      .where('status', '=', 'received')
      .where('seq', '<=', upToSeq)
      .orderBy('seq')
      .execute();
  }

  /**
   * Sends cut mid-call (no answer from Twilio, or a crash between "sending" and Twilio's answer) whose attempt was
   * claimed at or before `claimedBefore`, oldest first. Rows claimed before claims were timed go by their last update.
   */
  async listStuckSending(claimedBefore: Date, limit: number): Promise<MessageRow[]> {
    return this.db
      .selectFrom('messages')
      .selectAll()
      .where('status', '=', 'sending')
      // Ours only: a row with a sid was handed over, and `sending` is then Twilio's own status from a callback.
      .where('twilio_sid', 'is', null)
      .where(sql<Date>`coalesce(claimed_at, updated_at)`, '<=', claimedBefore)
      .orderBy(sql`coalesce(claimed_at, updated_at)`)
      .limit(limit)
      .execute();
  }

  /** Which of these sids are already on one of our rows. */
  async heldSids(sids: readonly string[]): Promise<Set<string>> {
    if (sids.length === 0) return new Set();
    const rows = await this.db.selectFrom('messages').select('twilio_sid').where('twilio_sid', 'in', sids).execute();
    return new Set(rows.map((r) => r.twilio_sid as string));
  }

  async listForParticipant(participantId: string, direction?: 'inbound' | 'outbound'): Promise<MessageRow[]> {
    let query = this.db.selectFrom('messages').selectAll().where('participant_id', '=', participantId);
    if (direction) query = query.where('direction', '=', direction);
    return query.orderBy('seq').execute();
  }

  async listOutbound(participantId: string | undefined, limit: number): Promise<MessageRow[]> {
    let query = this.db.selectFrom('messages').selectAll().where('direction', '=', 'outbound');
    if (participantId) query = query.where('participant_id', '=', participantId);
    return query.orderBy('seq', 'desc').limit(limit).execute();
  }

  /** Messages of these kinds made for one person since `since` that were not held back (the daily cap). */
  async countSince(participantId: string, kinds: readonly string[], since: Date): Promise<number> {
    const row = await this.db
      .selectFrom('messages')
      .select(sql<string>`count(*)`.as('n'))
      .where('participant_id', '=', participantId)
      .where('direction', '=', 'outbound')
      .where('kind', 'in', kinds)
      .where('status', 'not in', ['suppressed', 'failed'])
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * How many texts this person sent since `since` up to and including the one at `upToSeq`, and how many of them
   * said exactly `body` (the loop guard).
   */
  async countInboundSince(participantId: string, since: Date, upToSeq: string, body: string): Promise<{ same: number; all: number }> {
    const row = await this.db
      .selectFrom('messages')
      .select([sql<string>`count(*)`.as('all'), sql<string>`count(*) filter (where body = ${body})`.as('same')])
      .where('participant_id', '=', participantId)
      .where('direction', '=', 'inbound')
      .where('created_at', '>=', since)
      .where('seq', '<=', upToSeq)
      .executeTakeFirstOrThrow();
    return { same: Number(row.same), all: Number(row.all) };
  }

  /** When this person last texted us (on one channel: WhatsApp allows free text for 24 hours after). */
  async lastInboundAt(participantId: string, channel?: Channel): Promise<Date | undefined> {
    let query = this.db
      .selectFrom('messages')
      .select(sql<Date | null>`max(created_at)`.as('at'))
      .where('participant_id', '=', participantId)
      .where('direction', '=', 'inbound');
    if (channel) query = query.where('channel', '=', channel);
    const row = await query.executeTakeFirst();
    return row?.at ? new Date(row.at) : undefined;
  }

  /** When a message of this kind last went (or is going) to this person. */
  async lastOutboundAt(participantId: string, kind: string): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('messages')
      .select(sql<Date | null>`max(created_at)`.as('at'))
      .where('participant_id', '=', participantId)
      .where('direction', '=', 'outbound')
      .where('kind', '=', kind)
      .where('status', 'not in', ['suppressed', 'failed'])
      .executeTakeFirst();
    return row?.at ? new Date(row.at) : undefined;
  }

  async eraseForParticipant(participantId: string): Promise<void> {
    await this.db
      .updateTable('messages')
      // Twilio's error texts can quote the number ("The 'To' number +44… is not valid"): they go too.
      .set({ body: null, phone: null, error_message: null, updated_at: sql<Date>`now()` })
      .where('participant_id', '=', participantId)
      .execute();
    // Anything not yet sent must never be sent now.
    await this.db
      .updateTable('messages')
      .set({ status: 'suppressed' })
      .where('participant_id', '=', participantId)
      .where('status', 'in', ['queued', 'sending'])
      .execute();
  }
}
