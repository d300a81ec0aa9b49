/**
 * `kill -9` of the workers process in the middle of conversation turns. Three people's turns are held mid-transaction
 * (the test holds their participant rows locked, so each turn waits inside its transaction, after it began and
 * before it could commit) while thirty other people's texts stream through; then the process is killed. Nothing the
 * killed turns did may survive half-way, and the jobs come back to a new workers process: every text is answered
 * once, no reply goes twice and no event is written twice. Phones: +447700900750–799.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { startWorkersProcess, type WorkersProcess } from '../workers-process.js';
import { acceptedPerNumber, readDeliveryLedger } from '../delivery-ledger.js';
import { eventually, TestApp } from '../test-app.js';

const FREE = Array.from({ length: 30 }, (_, i) => `+4477009007${50 + i}`);
const HELD = ['+447700900790', '+447700900791', '+447700900792'];
const TEXTS_EACH = 3;
/** Sends in flight at once in one workers process (the outbound worker's concurrency): the most a kill can interrupt. */
const SENDS_IN_FLIGHT = 10;

describe('the workers process killed (SIGKILL) in the middle of turns', () => {
  let app: TestApp;
  let child: WorkersProcess | undefined;
  let locker: pg.Client | undefined;
  const heldIds: string[] = [];
  const posted: string[] = [];

  beforeAll(async () => {
    // Web here; workers in a child we can kill. A killed worker's jobs come back after about 2 × JOB_LOCK_MS.
    app = await TestApp.start({ workers: false, env: { JOB_LOCK_MS: '2000' } });
    for (const phone of [...FREE, ...HELD]) await app.createParticipant(phone);
    for (const phone of HELD) {
      heldIds.push((await app.db.selectFrom('participants').select('id').where('phone', '=', phone).executeTakeFirstOrThrow()).id);
    }
  }, 60_000);
  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    await child?.stop();
    await app?.close();
  });

  it('every text is answered once after the kill; nothing half-written, nothing twice', async () => {
    locker = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await locker.connect();
    await locker.query('begin');
    // NO KEY UPDATE: it blocks the turn's FOR UPDATE, but not the key-share lock that storing a text takes.
    await locker.query('select id from participants where id = any($1::uuid[]) for no key update', [heldIds]);

    child = await startWorkersProcess({ ...app.env, PATH: process.env.PATH ?? '' });
    for (const phone of HELD) {
      const { response, sid } = await app.inbound(phone, 'Can my key worker call me back please');
      expect(response.status).toBe(200);
      posted.push(sid);
    }
    // The held turns are inside their transactions, waiting on the rows the test holds.
    await eventually(
      async () => {
        const waiting = await sql<{ n: string }>`
          select count(*) as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query ilike '%participants%for update%'`.execute(app.db);
        return Number(waiting.rows[0]?.n) >= HELD.length;
      },
      20_000,
      'the held turns waiting inside their transactions',
    );
    const stream = (async () => {
      for (let round = 0; round < TEXTS_EACH; round++) {
        const results = await Promise.all(FREE.map((from, i) => app.inbound(from, `Question ${round}-${i}: when is the next jobs fair?`)));
        for (const { response, sid } of results) {
          expect(response.status).toBe(200);
          posted.push(sid);
        }
      }
    })();
    // Kill while the other people's turns are going through: some done, some not.
    await eventually(
      async () => {
        const done = await app.db.selectFrom('messages').select('id').where('direction', '=', 'inbound').where('status', '=', 'processed').execute();
        return done.length >= 15;
      },
      30_000,
      'some turns done',
    );
    process.kill(child.pid, 'SIGKILL');
    await child.stop();
    child = undefined;
    const killedAt = new Date();
    await stream;

    // The killed turns left nothing: the held texts are still waiting, no outcome and no reply of theirs exists.
    const heldRows = await app.db.selectFrom('messages').select(['status', 'twilio_sid']).where('participant_id', 'in', heldIds).execute();
    expect(heldRows.map((r) => r.status)).toEqual(['received', 'received', 'received']);
    const heldWritebacks = await app.db.selectFrom('pending_writebacks').select('id').where('participant_id', 'in', heldIds).execute();
    expect(heldWritebacks).toEqual([]);
    const inFlight = await app.db.selectFrom('messages').select('id').where('direction', '=', 'inbound').where('status', '=', 'received').execute();
    expect(inFlight.length).toBeGreaterThan(HELD.length);

    await locker.query('commit');
    await locker.end();
    locker = undefined;
    await app.startWorkers();

    const ledger = await eventually(
      async () => {
        const l = await readDeliveryLedger(app.db, posted, app.twilio.accepted);
        const answered = l.lostInbound.length === 0 && l.unappliedTurns.length === 0 && [...l.repliesPerInbound.values()].every((n) => n === 1);
        // A send the new workers are making right now is `sending` too: wait for those, so what is left `sending` is
        // only what the kill cut.
        const live = await app.db.selectFrom('messages').select('id').where('status', '=', 'sending').where('claimed_at', '>', killedAt).execute();
        if (answered && (l.outboundByStatus.queued ?? 0) === 0 && live.length === 0) return l;
        // Not yet: say where things stand, so a timeout shows what was still missing.
        const inbound = await app.db.selectFrom('messages').select(['status']).where('direction', '=', 'inbound').execute();
        const byStatus = inbound.reduce<Record<string, number>>((n, m) => ({ ...n, [m.status]: (n[m.status] ?? 0) + 1 }), {});
        throw new Error(JSON.stringify({
          lostInbound: l.lostInbound.length,
          unappliedTurns: l.unappliedTurns.length,
          notAnsweredOnce: [...l.repliesPerInbound.values()].filter((n) => n !== 1).length,
          outbound: l.outboundByStatus,
          inbound: byStatus,
        }));
      },
      60_000,
      'every text answered after the kill',
    );
    expect(posted).toHaveLength(HELD.length + FREE.length * TEXTS_EACH);
    expect(ledger.repliesPerInbound.size).toBe(posted.length);
    expect(ledger.duplicatedOutbound).toBe(0);
    // A reply cut off mid-call by the kill may or may not have reached Twilio; it stays `sending` until the sweep
    // looks it up in Twilio after the safe wait (two minutes: test/integration/send-reconcile.test.ts covers that).
    expect(ledger.lostOutbound).toBeLessThanOrEqual(ledger.interruptedOutbound);
    expect(ledger.interruptedOutbound).toBeLessThanOrEqual(SENDS_IN_FLIGHT);
    expect(ledger.eventProblems).toEqual([]);
    const perNumber = acceptedPerNumber(app.twilio.accepted);
    for (const phone of HELD) expect(perNumber.get(phone)).toBe(1);
    expect([...perNumber.values()].every((n) => n <= TEXTS_EACH)).toBe(true);

    // One alert per text for the key worker, each raised once on the record.
    const alerts = await app.db.selectFrom('alerts').select(['participant_id', 'id']).where('type', '=', 'message_for_key_worker').execute();
    expect(alerts).toHaveLength(posted.length);
    const raised = await app.db.selectFrom('case_record_events').select('id').where('type', '=', 'alert.raised').execute();
    expect(raised).toHaveLength(alerts.length);
  }, 150_000);
});
