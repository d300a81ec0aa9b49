import type { EventType, JsonObject } from '../domain/case-record/case-record.types.js';
import { sql } from 'kysely';
import type { Executor } from './database.js';
import type { EventRow } from './schema.js';

export interface NewEvent {
  participantId: string;
  type: EventType;
  at: Date;
  appointmentId?: string | null;
  data: JsonObject;
  /** Unique source of this event (message sid, appointment id + version…): a second write is ignored. */
  sourceKey: string;
}

/** What an event says once its person is erased. */
const ERASED_DATA = { erased: true };

export class CaseRecordRepository {
  constructor(private readonly db: Executor) {}

  /** Appends an event once; returns its id, or undefined when the source key was already recorded. */
  async append(event: NewEvent): Promise<string | undefined> {
    const row = await this.db
      .insertInto('case_record_events')
      .values(eventRow(event))
      .onConflict((oc) => oc.column('source_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  /** Many events in one statement, each once per source key (bulk bookings). */
  async appendMany(events: readonly NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.db
      .insertInto('case_record_events')
      .values(events.map(eventRow))
      .onConflict((oc) => oc.column('source_key').doNothing())
      .execute();
  }

  /**
   * The `message.inbound` event of each of these inbound texts that has a participant, once per MessageSid, in
   * arrival order: what the webhook's acknowledgement used to write beside the row, written from the row alone (so
   * nothing the acknowledgement wrote is needed but the row), timed when it was acknowledged. A person erased
   * since gets the event as erasure leaves it, so counts stay true.
   */
  async appendInboundArrivals(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await sql`
      insert into case_record_events (participant_id, type, at, data, source_key)
      select m.participant_id, 'message.inbound', coalesce(m.received_at, m.created_at),
        case when p.erased_at is null then jsonb_build_object('messageId', m.id, 'channel', m.channel, 'body', m.body)
          else ${JSON.stringify(ERASED_DATA)}::jsonb end,
        'message-' || coalesce(m.twilio_sid, m.id::text)
      from messages m join participants p on p.id = m.participant_id
      where m.id = any(${sql.val(messageIds)}::uuid[]) and m.direction = 'inbound'
      order by m.seq
      on conflict (source_key) do nothing`.execute(this.db);
  }

  /** The case record in the order it was written (writers in parallel may write a moment out of time order). */
  async listForParticipant(participantId: string): Promise<EventRow[]> {
    return this.db
      .selectFrom('case_record_events')
      .selectAll()
      .where('participant_id', '=', participantId)
      .orderBy('id')
      .execute();
  }

  /** When an event of this type was last recorded for this person (its own time, as the writer's clock had it). */
  async lastAt(participantId: string, type: EventType): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('case_record_events')
      .select((eb) => eb.fn.max('at').as('at'))
      .where('participant_id', '=', participantId)
      .where('type', '=', type)
      .executeTakeFirst();
    return row?.at ? new Date(row.at) : undefined;
  }

  /** Erasure keeps the event's type and time (anonymous counts) and drops what it said. */
  async eraseForParticipant(participantId: string): Promise<void> {
    await this.db
      .updateTable('case_record_events')
      .set({ data: JSON.stringify(ERASED_DATA) })
      .where('participant_id', '=', participantId)
      .execute();
  }
}

/** The row an event inserts. */
export function eventRow(event: NewEvent) {
  return {
    participant_id: event.participantId,
    type: event.type,
    at: event.at,
    appointment_id: event.appointmentId ?? null,
    data: JSON.stringify(event.data),
    source_key: event.sourceKey,
  };
}
