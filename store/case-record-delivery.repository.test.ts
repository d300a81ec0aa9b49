import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_RECORD_SINK_ID } from '../domain/case-record/case-record-sink.js';
import { openTestEngine } from '../test/test-database.js';
import { CaseRecordDeliveryRepository, type DeliveryLane } from './case-record-delivery.repository.js';
import { CaseRecordFeedRepository, FEED_START, type FeedPosition } from './case-record-feed.repository.js';
import { CaseRecordSinkRepository, SinkSecretRequiredError } from './case-record-sink.repository.js';
import { CaseRecordRepository } from './case-record.repository.js';
import type { CaseRecordDatabase, Db } from './database.js';
import { MessageRepository } from './message.repository.js';
import { ParticipantRepository } from './participant.repository.js';
import { participantRow } from '../test/participant-row.fixture.js';

const LEASE_MS = 60_000;

describe.each([['postgres'], ['pglite']] as const)('the CRM outbox and feed on %s', (engine) => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let nextPhone = 300;
  let nextSource = 0;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'crm_outbox'));
    db = database.db;
  });
  afterAll(async () => close?.());

  const newParticipant = async (): Promise<string> => {
    const row = await new ParticipantRepository(db).create(participantRow({ phone: `+447700900${nextPhone++}` }));
    return row.id;
  };
  const append = (participantId: string, type: 'appointment.created' | 'dna.reason' | 'participant.erased' = 'appointment.created') =>
    new CaseRecordRepository(db).append({ participantId, type, at: new Date(), data: { n: nextSource }, sourceKey: `test-${nextSource++}` });
  const deliveries = (participantId: string) =>
    db.selectFrom('case_record_deliveries').selectAll().where('participant_id', '=', participantId).orderBy('event_id').execute();
  const outbox = { repo: () => new CaseRecordDeliveryRepository(db) };
  const lane = (participantId: string): DeliveryLane => ({ sinkId: CASE_RECORD_SINK_ID, participantId });
  /**
   * Waits until every event written so far is older than every transaction still running on the server (other test
   * files share it): until then the outbox holds it back, as it should.
   */
  const settled = async () => {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      const row = await sql<{ ok: boolean | null }>`
        select bool_and(xid < pg_snapshot_xmin(pg_current_snapshot())) as ok from case_record_events`.execute(db);
      if (row.rows[0]?.ok !== false) return;
    }
    throw new Error('events never settled');
  };
  /** A transaction kept open (on a connection of its own) until `commit` is called. */
  const openTransaction = async (work: (tx: Db) => Promise<void>): Promise<{ commit: () => Promise<void> }> => {
    let commit!: () => void;
    const released = new Promise<void>((resolve) => (commit = resolve));
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const done = db.transaction().execute(async (tx) => {
      await work(tx);
      ready();
      await released;
    });
    await Promise.race([started, done]);
    return {
      commit: async () => {
        commit();
        await done;
      },
    };
  };

  it('needs a secret the first time the sink is set, and keeps it when it is left out later', async () => {
    const sinks = new CaseRecordSinkRepository(db);
    await expect(sinks.save({ url: 'http://127.0.0.1:9/x', eventTypes: null, enabled: true, updatedBy: null })).rejects.toBeInstanceOf(
      SinkSecretRequiredError,
    );
    await sinks.save({ url: 'http://127.0.0.1:9/x', secret: 'first-secret-0123456789', eventTypes: null, enabled: true, updatedBy: null });
    await sinks.save({ url: 'http://127.0.0.1:9/y', eventTypes: null, enabled: true, updatedBy: null });
    const row = await db.selectFrom('case_record_sinks').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ url: 'http://127.0.0.1:9/y', secret: 'first-secret-0123456789' });
    expect(JSON.stringify(await sinks.view())).not.toContain('first-secret');
  });

  it('gets an outbox row with every event, however it is written, in the same transaction', async () => {
    const sam = await newParticipant();
    await append(sam);
    await new CaseRecordRepository(db).appendMany([
      { participantId: sam, type: 'dna.reason', at: new Date(), data: {}, sourceKey: `many-${nextSource++}` },
      { participantId: sam, type: 'dna.reason', at: new Date(), data: {}, sourceKey: `many-${nextSource++}` },
    ]);
    const phone = (await db.selectFrom('participants').select('phone').where('id', '=', sam).executeTakeFirstOrThrow()).phone as string;
    // The raw SQL that writes a text's event from the row the inbound webhook stored.
    const sid = `SM${nextSource++}`;
    const stored = await new MessageRepository(db).insertInboundBatch([{ twilioSid: sid, channel: 'sms', phone, body: 'hello' }], new Date());
    await new CaseRecordRepository(db).appendInboundArrivals([stored.get(sid)?.messageId as string]);
    // A repeated source key writes no event, and so no delivery.
    await new CaseRecordRepository(db).append({ participantId: sam, type: 'dna.reason', at: new Date(), data: {}, sourceKey: 'test-0' });
    // A rolled-back event leaves no delivery either.
    await db
      .transaction()
      .execute(async (tx) => {
        await new CaseRecordRepository(tx).append({ participantId: sam, type: 'dna.reason', at: new Date(), data: {}, sourceKey: 'rolled-back' });
        throw new Error('roll back');
      })
      .catch(() => undefined);

    const rows = await deliveries(sam);
    const events = await db.selectFrom('case_record_events').select(['id', 'xid']).where('participant_id', '=', sam).orderBy('id').execute();
    expect(rows.map((r) => r.event_id)).toEqual(events.map((e) => e.id));
    expect(rows.map((r) => r.xid)).toEqual(events.map((e) => e.xid));
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
  });

  const delivered = (participantId: string, eventId: string, httpStatus: number) => ({
    sinkId: CASE_RECORD_SINK_ID,
    participantId,
    eventId,
    outcome: 'delivered' as const,
    httpStatus,
    at: new Date(),
  });

  it('claims the head and the events behind it up to a limit, all leased, and settles deliveries of several lanes at once', async () => {
    const kit = await newParticipant();
    const [first, second, third] = [(await append(kit)) as string, (await append(kit)) as string, (await append(kit)) as string];
    const ash = await newParticipant();
    const ashFirst = (await append(ash)) as string;
    await settled();
    const repo = outbox.repo();

    const claim = await repo.claimLane(lane(kit), LEASE_MS, 2);
    expect(claim).toMatchObject({
      kind: 'claimed',
      erased: false,
      sink: { secret: 'first-secret-0123456789', eventTypes: null },
      deliveries: [
        { eventId: first, attempts: 0, event: { id: first, type: 'appointment.created', participantId: kit } },
        { eventId: second, attempts: 0, event: { id: second } },
      ],
    });
    expect(await repo.claimLane(lane(kit), LEASE_MS, 2)).toEqual({ kind: 'busy' });
    expect(await repo.claimLane(lane(ash), LEASE_MS, 5)).toMatchObject({ kind: 'claimed', deliveries: [{ eventId: ashFirst }] });

    // Settling the head leaves the next claimed event as the head, still leased.
    const [kitSettled, ashSettled] = await repo.settle([delivered(kit, first, 204), delivered(ash, ashFirst, 200)]);
    expect(kitSettled).toMatchObject({ eventId: first, settled: true, sinkEnabled: true, erased: false });
    expect(kitSettled?.sinkVersion).toEqual(claim.kind === 'claimed' ? claim.sink.version : undefined);
    expect(ashSettled).toMatchObject({ eventId: ashFirst, settled: true });
    expect(await repo.claimLane(lane(kit), LEASE_MS, 2)).toEqual({ kind: 'busy' });
    // Settling again changes nothing, and says so.
    expect(await repo.settle([delivered(kit, first, 202)])).toEqual([expect.objectContaining({ eventId: first, settled: false })]);

    // A claimed event given back is the head again, free for the next claim.
    await repo.releaseLeases(lane(kit), [second]);
    expect(await repo.claimLane(lane(kit), LEASE_MS, 5)).toMatchObject({ kind: 'claimed', deliveries: [{ eventId: second }, { eventId: third }] });
    await repo.settle([delivered(kit, second, 200), delivered(kit, third, 200)]);
    expect(await repo.claimLane(lane(kit), LEASE_MS, 5)).toEqual({ kind: 'idle' });
    expect((await deliveries(kit)).map((r) => [r.status, r.attempts, r.last_status, r.leased_until])).toEqual([
      ['delivered', 1, 204, null],
      ['delivered', 1, 200, null],
      ['delivered', 1, 200, null],
    ]);
  });

  // PGlite has one connection: a transaction left open there would hold up everything else.
  it.skipIf(engine === 'pglite')('stops a claim at an event committed while an older transaction still runs', async () => {
    const jo = await newParticipant();
    const first = (await append(jo)) as string;
    await settled();
    // An older transaction, still running, could yet write an event that comes before anything committed after it.
    const older = await openTransaction(async (tx) => {
      await sql`select pg_current_xact_id()`.execute(tx);
    });
    try {
      const second = (await append(jo)) as string;
      const claim = await outbox.repo().claimLane(lane(jo), LEASE_MS, 10);
      expect(claim).toMatchObject({ kind: 'claimed', deliveries: [{ eventId: first }] });
      expect(claim.kind === 'claimed' && claim.deliveries.length).toBe(1);
      await outbox.repo().settle([delivered(jo, first, 200)]);
      expect(await outbox.repo().claimLane(lane(jo), LEASE_MS, 10)).toEqual({ kind: 'not_ready' });
      await older.commit();
      await settled();
      expect(await outbox.repo().claimLane(lane(jo), LEASE_MS, 10)).toMatchObject({ kind: 'claimed', deliveries: [{ eventId: second }] });
    } finally {
      await older.commit();
    }
  });

  it('leaves a head waiting for its retry to the job made for that retry, and parks it when told to', async () => {
    const lee = await newParticipant();
    const first = (await append(lee)) as string;
    const later = (await append(lee)) as string;
    await settled();
    const repo = outbox.repo();
    expect(await repo.claimLane(lane(lee), LEASE_MS, 1)).toMatchObject({ kind: 'claimed', deliveries: [{ eventId: first }] });
    const failedAt = new Date('2026-03-01T10:00:00Z');
    await repo.recordFailure(lane(lee), first, { at: failedAt, httpStatus: 500, error: 'HTTP 500', retryAt: new Date('2026-03-01T10:00:05Z') });

    expect(await repo.claimLane(lane(lee), LEASE_MS, 5)).toEqual({ kind: 'waiting' });
    expect(await repo.claimLane(lane(lee), LEASE_MS, 5, { eventId: first, attempts: 0 })).toEqual({ kind: 'waiting' });
    expect(await repo.laneHeads([lane(lee)])).toEqual([
      { ...lane(lee), eventId: first, attempts: 1, nextAttemptAt: new Date('2026-03-01T10:00:05Z') },
    ]);
    const retry = await repo.claimLane(lane(lee), LEASE_MS, 5, { eventId: first, attempts: 1 });
    expect(retry).toMatchObject({ kind: 'claimed', deliveries: [{ eventId: first, attempts: 1, firstFailedAt: failedAt }, { eventId: later }] });

    await repo.recordFailure(lane(lee), first, { at: new Date('2026-03-02T10:00:00Z'), httpStatus: null, error: 'timeout', retryAt: null });
    await repo.releaseLeases(lane(lee), [later]);
    expect(await repo.claimLane(lane(lee), LEASE_MS, 5)).toEqual({ kind: 'blocked' });
    expect(await repo.laneHeads([lane(lee)])).toEqual([]);
    const parked = await repo.listParked(CASE_RECORD_SINK_ID, 10);
    expect(parked).toEqual([
      expect.objectContaining({ eventId: first, participantId: lee, attempts: 2, lastStatus: null, lastError: 'timeout', firstFailedAt: failedAt, waitingBehind: 1 }),
    ]);

    expect(await repo.replay(CASE_RECORD_SINK_ID, ['999999999'])).toEqual({ replayed: 0, lanes: [] });
    expect(await repo.replay(CASE_RECORD_SINK_ID, [first])).toEqual({ replayed: 1, lanes: [lane(lee)] });
    expect(await repo.claimLane(lane(lee), LEASE_MS, 1)).toMatchObject({ kind: 'claimed', deliveries: [{ eventId: first, attempts: 2, firstFailedAt: null }] });
    await repo.settle([delivered(lee, first, 201)]);
    expect(await repo.claimLane(lane(lee), LEASE_MS, 5)).toMatchObject({ kind: 'claimed', deliveries: [{ eventId: later }] });
    expect((await deliveries(lee)).map((r) => [r.status, r.last_status, r.attempts])).toEqual([
      ['delivered', 201, 3],
      ['pending', null, 0],
    ]);
  });

  it('holds deliveries while the sink is disabled and skips types it no longer takes, but never an erasure', async () => {
    const ash = await newParticipant();
    const sinks = new CaseRecordSinkRepository(db);
    await sinks.save({ url: 'http://127.0.0.1:9/y', eventTypes: null, enabled: false, updatedBy: null });
    const dna = (await append(ash, 'dna.reason')) as string;
    await settled();
    expect(await outbox.repo().claimLane(lane(ash), LEASE_MS, 5)).toEqual({ kind: 'paused' });

    await sinks.save({ url: 'http://127.0.0.1:9/y', eventTypes: ['appointment.created'], enabled: true, updatedBy: null });
    // The type filter decides which events get an outbox row; one already there is skipped when it comes up.
    const laterDna = await append(ash, 'dna.reason');
    const erased = (await append(ash, 'participant.erased')) as string;
    await settled();
    const rows = await deliveries(ash);
    expect(rows.map((r) => r.event_id)).toEqual([dna, erased]);
    expect(laterDna).toBeDefined();
    const claim = await outbox.repo().claimLane(lane(ash), LEASE_MS, 5);
    expect(claim).toMatchObject({ kind: 'claimed', sink: { eventTypes: ['appointment.created'] }, deliveries: [{ eventId: dna }, { eventId: erased }] });
    const skipped = { sinkId: CASE_RECORD_SINK_ID, participantId: ash, eventId: dna, outcome: 'skipped' as const, httpStatus: null, at: new Date() };
    // A settlement tells the lane when the sink's settings changed after its claim.
    await sinks.save({ url: 'http://127.0.0.1:9/y', eventTypes: ['appointment.created'], enabled: false, updatedBy: null });
    const [mark] = await outbox.repo().settle([skipped]);
    expect(mark).toMatchObject({ settled: true, sinkEnabled: false });
    expect(mark?.sinkVersion?.getTime()).not.toBe(claim.kind === 'claimed' ? claim.sink.version.getTime() : undefined);
    expect((await deliveries(ash)).map((r) => [r.status, r.attempts])).toEqual([
      ['skipped', 0],
      ['pending', 0],
    ]);
    await sinks.save({ url: 'http://127.0.0.1:9/y', eventTypes: null, enabled: true, updatedBy: null });
  });

  it('lists new pending deliveries after a cursor, and the heads due for the sweep', async () => {
    const repo = outbox.repo();
    await settled();
    const all = await repo.listNewPending({ xid: '0', eventId: '0' }, 1000);
    const last = all.at(-1);
    expect(last).toBeDefined();
    const jo = await newParticipant();
    const id = (await append(jo)) as string;
    await settled();
    const fresh = await repo.listNewPending({ xid: last?.xid ?? '0', eventId: last?.eventId ?? '0' }, 1000);
    expect(fresh).toEqual([expect.objectContaining({ participantId: jo, eventId: id })]);
    const due = await repo.listDueHeads(new Date(Date.now() + 60_000), 1000);
    expect(due).toContainEqual({ ...lane(jo), eventId: id, attempts: 0, nextAttemptAt: null });
  });

  it('pages the feed in commit order without repeats, ending where it started when nothing is new', async () => {
    await settled();
    const feed = new CaseRecordFeedRepository(db);
    const seen: string[] = [];
    let position: FeedPosition = FEED_START;
    for (;;) {
      const page = await feed.page(position, 3);
      if (page.events.length === 0) {
        expect(page.last).toEqual(position);
        break;
      }
      seen.push(...page.events.map((e) => e.id));
      position = page.last;
    }
    const ids = await db.selectFrom('case_record_events').select('id').orderBy('xid').orderBy('id').execute();
    expect(seen).toEqual(ids.map((r) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('forgets finished deliveries once they are old enough', async () => {
    const repo = outbox.repo();
    const finished = await db.selectFrom('case_record_deliveries').select('event_id').where('status', 'in', ['delivered', 'skipped']).execute();
    expect(finished.length).toBeGreaterThan(0);
    expect(await repo.pruneFinished(new Date(Date.now() - 3_600_000), 1000)).toBe(0);
    expect(await repo.pruneFinished(new Date(Date.now() + 3_600_000), 1000)).toBe(finished.length);
  });
});
