/**
 * Counts what a fault or soak run did with every message, from the database and from what the fake Twilio was
 * really sent: texts in that were lost, replies missing or duplicated, and case-record events written more than once.
 * Duplicates are looked for semantically (the same text to the same number more often than the database has rows
 * for it), not only by id, because ids are unique by construction and a duplicate send would have a sid of its own.
 */
import { sql } from 'kysely';
import type { Db } from '../store/database.js';
import type { FakeTwilioMessage } from './fake-twilio.js';

/**
 * A send cut mid-call (claimed, no sid) not yet reconciled (`sending`), or given up by the reconcile (`unconfirmed`):
 * it may or may not have reached Twilio. A run that lets the reconcile finish expects none.
 */
const INTERRUPTED = new Set(['sending', 'unconfirmed']);

export interface DeliveryLedger {
  /** Texts Twilio was told we received (200) that are not stored, or stored but never processed. */
  lostInbound: string[];
  /** Stored inbound texts from participants whose turn outcome was never written back. */
  unappliedTurns: string[];
  /** Replies per inbound text (by the reply's source key), for each processed text from a participant. */
  repliesPerInbound: Map<string, number>;
  /** Outbound rows by status. */
  outboundByStatus: Record<string, number>;
  /** Requests Twilio accepted (201) beyond the rows that account for them: a message sent twice. */
  duplicatedOutbound: number;
  /** Rows interrupted mid-send that Twilio never accepted, plus rows still waiting or failed (suppressed ones are not counted). */
  lostOutbound: number;
  /** Rows cut mid-send and not (or never) reconciled: they may have gone. */
  interruptedOutbound: number;
  /** message.inbound / message.outbound events that are missing or more than one for their message. */
  eventProblems: string[];
}

/**
 * Read in one snapshot: a send settling between the read of its row and the read of its events would otherwise look
 * like an event without a sid.
 */
export async function readDeliveryLedger(db: Db, postedInboundSids: readonly string[], accepted: readonly FakeTwilioMessage[]): Promise<DeliveryLedger> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      // The snapshot is taken by the first statement; what Twilio accepted is copied after it, so every row the
      // snapshot shows with a sid is among the copied requests.
      await sql`select 1`.execute(tx);
      return readLedgerIn(tx, postedInboundSids, [...accepted]);
    });
}

async function readLedgerIn(db: Db, postedInboundSids: readonly string[], accepted: readonly FakeTwilioMessage[]): Promise<DeliveryLedger> {
  const inbound = await db
    .selectFrom('messages')
    .select(['id', 'twilio_sid', 'status', 'participant_id'])
    .where('direction', '=', 'inbound')
    .execute();
  const bySid = new Map<string, Array<(typeof inbound)[number]>>();
  for (const row of inbound) if (row.twilio_sid) bySid.set(row.twilio_sid, [...(bySid.get(row.twilio_sid) ?? []), row]);
  const lostInbound = postedInboundSids.filter((sid) => (bySid.get(sid) ?? []).filter((r) => r.status === 'processed').length !== 1);

  const writebacks = await db.selectFrom('pending_writebacks').select(['source_key', 'applied_at']).where('source_key', 'like', 'inbound-%').execute();
  const applied = new Set(writebacks.filter((w) => w.applied_at !== null).map((w) => w.source_key));
  const fromParticipants = inbound.filter((r) => r.participant_id !== null && r.twilio_sid !== null);
  const unappliedTurns = fromParticipants.filter((r) => !applied.has(`inbound-${r.twilio_sid}`)).map((r) => r.twilio_sid as string);

  const outbound = await db
    .selectFrom('messages')
    .select(['id', 'phone', 'body', 'status', 'twilio_sid', 'source_key', 'channel'])
    .where('direction', '=', 'outbound')
    .execute();
  const repliesPerInbound = new Map<string, number>();
  for (const r of fromParticipants) repliesPerInbound.set(r.twilio_sid as string, 0);
  for (const row of outbound) {
    const match = /^inbound-([^/]+)\/reply\//.exec(row.source_key);
    if (match?.[1] && repliesPerInbound.has(match[1])) repliesPerInbound.set(match[1], (repliesPerInbound.get(match[1]) ?? 0) + 1);
  }
  const outboundByStatus: Record<string, number> = {};
  for (const row of outbound) outboundByStatus[row.status] = (outboundByStatus[row.status] ?? 0) + 1;

  // Per recipient and text: what the database says went (or may have gone) against what Twilio accepted.
  const key = (to: string, body: string) => `${to}\u0000${body}`;
  const rows = new Map<string, { handedOver: number; interrupted: number }>();
  let lostOutbound = 0;
  let interruptedOutbound = 0;
  for (const row of outbound) {
    if (row.status === 'suppressed') continue;
    // Twilio took it when it gave a sid, whatever its status callbacks have said since.
    const handedOver = row.twilio_sid !== null;
    if (!handedOver && !INTERRUPTED.has(row.status)) {
      lostOutbound++;
      continue;
    }
    const to = row.channel === 'whatsapp' ? `whatsapp:${row.phone}` : String(row.phone);
    const entry = rows.get(key(to, row.body ?? '')) ?? { handedOver: 0, interrupted: 0 };
    if (handedOver) entry.handedOver++;
    else {
      entry.interrupted++;
      interruptedOutbound++;
    }
    rows.set(key(to, row.body ?? ''), entry);
  }
  const sent = new Map<string, number>();
  for (const m of accepted) {
    const k = key(String(m.form.To), String(m.form.Body ?? ''));
    sent.set(k, (sent.get(k) ?? 0) + 1);
  }
  let duplicatedOutbound = 0;
  for (const k of new Set([...rows.keys(), ...sent.keys()])) {
    const expected = rows.get(k) ?? { handedOver: 0, interrupted: 0 };
    const got = sent.get(k) ?? 0;
    duplicatedOutbound += Math.max(0, got - expected.handedOver - expected.interrupted);
    // Rows with a sid were accepted by construction; an interrupted one that never arrived is lost.
    lostOutbound += Math.max(0, expected.handedOver + expected.interrupted - got);
  }

  const events = await db
    .selectFrom('case_record_events')
    .select(['type', sql<string>`data->>'messageId'`.as('message_id'), sql<string>`count(*)`.as('n')])
    .where('type', 'in', ['message.inbound', 'message.outbound'])
    .groupBy(['type', sql`data->>'messageId'`])
    .execute();
  const eventCount = new Map(events.map((e) => [`${e.type}/${e.message_id}`, Number(e.n)]));
  const eventProblems: string[] = [];
  for (const r of fromParticipants) {
    const n = eventCount.get(`message.inbound/${r.id}`) ?? 0;
    if (n !== 1) eventProblems.push(`message.inbound for ${r.id}: ${n}`);
  }
  for (const row of outbound) {
    const n = eventCount.get(`message.outbound/${row.id}`) ?? 0;
    const want = row.twilio_sid !== null ? 1 : 0;
    if (n !== want) eventProblems.push(`message.outbound for ${row.id} (${row.status}): ${n}`);
  }
  return { lostInbound, unappliedTurns, repliesPerInbound, outboundByStatus, duplicatedOutbound, lostOutbound, interruptedOutbound, eventProblems };
}

/** Requests Twilio accepted, per recipient (`To`). */
export function acceptedPerNumber(accepted: readonly FakeTwilioMessage[]): Map<string, number> {
  const perNumber = new Map<string, number>();
  for (const m of accepted) perNumber.set(String(m.form.To), (perNumber.get(String(m.form.To)) ?? 0) + 1);
  return perNumber;
}

/**
 * Whether sends at these times kept to `ratePerMinute`, for sends planned from `startedAt` on (a time taken before
 * the campaign was created): the n-th send never before n slots had passed, and never more than the rate in any
 * minute. A late send followed by on-time ones is not a breach (that is not faster than the plan); an early one is.
 * Returns what went wrong, or nothing.
 */
export function rateBreaches(times: readonly number[], ratePerMinute: number, startedAt: number, jitterMs = 100): string[] {
  const sorted = [...times].sort((a, b) => a - b);
  const slotMs = 60_000 / ratePerMinute;
  const problems: string[] = [];
  for (const [i, at] of sorted.entries()) {
    if (at < startedAt + i * slotMs - jitterMs) problems.push(`send ${i} at ${at - startedAt} ms, before its slot at ${i * slotMs} ms`);
  }
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= 60_000) j++;
    if (i - j + 1 > ratePerMinute) problems.push(`${i - j + 1} sends in the minute before send ${i}`);
  }
  return problems;
}

/**
 * Everything that should be zero after a run that let the reconcile finish: texts lost or unapplied, replies not
 * exactly once, sends twice, lost or still interrupted, events missing or twice. Empty when all is well.
 */
export function ledgerProblems(ledger: DeliveryLedger): string[] {
  const notOnce = [...ledger.repliesPerInbound.entries()].filter(([, n]) => n !== 1).map(([sid, n]) => `${sid}: ${n} replies`);
  return [
    ...ledger.lostInbound.map((sid) => `inbound ${sid} lost or not processed once`),
    ...ledger.unappliedTurns.map((sid) => `turn for ${sid} not written back`),
    ...notOnce,
    ...(ledger.duplicatedOutbound > 0 ? [`${ledger.duplicatedOutbound} sent twice`] : []),
    ...(ledger.lostOutbound > 0 ? [`${ledger.lostOutbound} sends lost`] : []),
    ...(ledger.interruptedOutbound > 0 ? [`${ledger.interruptedOutbound} sends interrupted and not reconciled`] : []),
    ...ledger.eventProblems,
  ];
}
