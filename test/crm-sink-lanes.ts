/** Helpers for CRM sink tests: what the outbox owes each person, and checks of what a receiver got. */
import { sql } from 'kysely';
import { expect } from 'vitest';
import { CaseRecordRepository } from '../store/case-record.repository.js';
import type { Db } from '../store/database.js';
import type { ReceivedDelivery } from './crm-receiver.js';

/** What the outbox says this sink owes, per person, in delivery order (the pull API's order). */
export async function owed(app: { db: Db }): Promise<Map<string, string[]>> {
  const rows = await app.db
    .selectFrom('case_record_deliveries')
    .select(['participant_id', 'event_id'])
    .orderBy('xid')
    .orderBy('event_id')
    .execute();
  const lanes = new Map<string, string[]>();
  for (const row of rows) lanes.set(row.participant_id, [...(lanes.get(row.participant_id) ?? []), row.event_id]);
  return lanes;
}

export async function nothingPending(app: { db: Db }): Promise<boolean> {
  const row = await app.db
    .selectFrom('case_record_deliveries')
    .select(sql<string>`count(*)`.as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Per person: every request (accepted or not) is for the event at the head of the lane or the one before it was
 * accepted, never a later one; and the accepted ones are exactly the lane, once each, in order.
 */
export function expectLaneOrder(deliveries: readonly ReceivedDelivery[], lanes: Map<string, string[]>): void {
  for (const [participantId, lane] of lanes) {
    const requests = deliveries.filter((d) => d.payload.participantId === participantId);
    let head = 0;
    for (const request of requests) {
      const position = lane.indexOf(request.payload.id);
      expect(position, `event ${request.payload.id} of ${participantId} was never owed`).toBeGreaterThanOrEqual(0);
      // Only the head may be sent (a resend of the one just accepted is the one exception).
      expect(position === head || position === head - 1, `event ${request.payload.id} overtook an earlier one`).toBe(true);
      if (typeof request.answer === 'number' && request.answer >= 200 && request.answer < 300 && position === head) head++;
    }
    expect(head, `all of ${participantId}'s events accepted`).toBe(lane.length);
    expect(requests.filter((r) => typeof r.answer === 'number' && r.answer < 300).map((r) => r.payload.id)).toEqual(lane);
  }
}

export async function appendEvents(app: { db: Db }, participantIds: readonly string[], perParticipant: number, tag: string): Promise<void> {
  const repo = new CaseRecordRepository(app.db);
  for (let i = 0; i < perParticipant; i++) {
    for (const participantId of participantIds) {
      await repo.append({ participantId, type: 'checkin.response', at: new Date(), data: { week: i, answer: 'ok' }, sourceKey: `${tag}-${participantId}-${i}` });
    }
  }
}
