import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_RECORD_SINK_ID } from '../../domain/case-record/case-record-sink.js';
import { ManualClock } from '../../domain/time/clock.js';
import { CRM_RETRY_FOR_MS } from '../../domain/case-record/crm-retry-schedule.js';
import { CaseRecordSinkRepository } from '../../store/case-record-sink.repository.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { CrmReceiver } from '../../test/crm-receiver.js';
import { openTestEngine } from '../../test/test-database.js';
import { postToSink } from '../../workers/case-record-sink.client.js';
import { DeliverCaseRecordEvents } from './deliver-case-record-events.action.js';
import { participantRow } from '../../test/participant-row.fixture.js';

const SECRET = 'use-case-secret-0123456789';

/** The delivery use case on embedded PGlite, posting over HTTP to a local receiver, with a clock the test moves. */
describe('delivering one person’s case-record events', () => {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  let db: Db;
  let close: () => Promise<void>;
  let receiver: CrmReceiver;
  let deliver: DeliverCaseRecordEvents;
  let n = 0;

  beforeAll(async () => {
    const engine = await openTestEngine('pglite', 'crm_use_case');
    db = engine.database.db;
    close = engine.close;
    receiver = await new CrmReceiver(SECRET).start();
    await new CaseRecordSinkRepository(db).save({ url: receiver.url, secret: SECRET, eventTypes: null, enabled: true, updatedBy: null });
    deliver = new DeliverCaseRecordEvents({
      db,
      clock,
      post: postToSink,
      timeoutMs: 1000,
      retry: { baseMs: 1000, maxMs: 60_000, retryForMs: CRM_RETRY_FOR_MS },
      random: () => 0.5,
      maxPerJob: 3,
    });
  });
  afterAll(async () => {
    await receiver?.stop();
    await close?.();
  });

  const person = async (events: number) => {
    const row = await new ParticipantRepository(db).create(participantRow({ phone: `+4477009004${String(n++).padStart(2, '0')}`, consentAt: clock.now() }));
    const ids: string[] = [];
    for (let i = 0; i < events; i++) {
      const id = await new CaseRecordRepository(db).append({ participantId: row.id, type: 'dna.reason', at: clock.now(), data: { i }, sourceKey: `uc-${row.id}-${i}` });
      ids.push(id as string);
    }
    return { lane: { sinkId: CASE_RECORD_SINK_ID, participantId: row.id }, ids };
  };

  it('hands the lane on after its share, with the next head free for the next job', async () => {
    receiver.answer = () => 200;
    const { lane, ids } = await person(5);
    const first = await deliver.execute(lane);
    expect(first).toEqual({ kind: 'more', delivered: 3, head: { ...lane, eventId: ids[3], attempts: 0, nextAttemptAt: null } });
    const second = await deliver.execute(lane, { eventId: ids[3] as string, attempts: 0 });
    expect(second).toEqual({ kind: 'stopped', delivered: 2, reason: 'idle' });
    expect(receiver.accepted().filter((d) => d.payload.participantId === lane.participantId).map((d) => d.payload.id)).toEqual(ids);
    expect(receiver.deliveries.every((d) => d.signatureValid && d.signedAt === Math.floor(clock.now().getTime() / 1000))).toBe(true);
  });

  it('schedules the retry from the policy, takes it only for the job made for it, and parks after 24 hours', async () => {
    receiver.answer = () => 502;
    const { lane, ids } = await person(2);
    const failed = await deliver.execute(lane);
    // Equal jitter with random 0.5: three quarters of the base for the first retry.
    expect(failed).toEqual({
      kind: 'retry',
      delivered: 0,
      head: { ...lane, eventId: ids[0], attempts: 1, nextAttemptAt: new Date(clock.now().getTime() + 750) },
      status: 502,
      error: 'HTTP 502',
    });
    expect(await deliver.execute(lane)).toEqual({ kind: 'stopped', delivered: 0, reason: 'waiting' });

    clock.advance(CRM_RETRY_FOR_MS - 1);
    const again = await deliver.execute(lane, { eventId: ids[0] as string, attempts: 1 });
    expect(again).toMatchObject({ kind: 'retry', head: { attempts: 2, nextAttemptAt: new Date(clock.now().getTime() + 1500) } });
    clock.advance(1);
    expect(await deliver.execute(lane, { eventId: ids[0] as string, attempts: 2 })).toEqual({
      kind: 'parked',
      delivered: 0,
      eventId: ids[0],
      status: 502,
      error: 'HTTP 502',
    });
    expect(await deliver.execute(lane)).toEqual({ kind: 'stopped', delivered: 0, reason: 'blocked' });
    expect(receiver.deliveries.filter((d) => d.payload.participantId === lane.participantId).map((d) => d.payload.id)).toEqual([ids[0], ids[0], ids[0]]);
  });

  it('counts no answer as a failure, without the URL', async () => {
    receiver.answer = () => 'hold';
    const { lane } = await person(1);
    const outcome = await deliver.execute(lane);
    expect(outcome).toMatchObject({ kind: 'retry', status: null, error: 'timeout' });
    receiver.dropHeld();
  });

  it('skips events of types the sink no longer takes, and still sends an erasure', async () => {
    receiver.answer = () => 200;
    const { lane, ids } = await person(2);
    await new CaseRecordSinkRepository(db).save({ url: receiver.url, eventTypes: ['appointment.created'], enabled: true, updatedBy: null });
    const erased = await new CaseRecordRepository(db).append({ participantId: lane.participantId, type: 'participant.erased', at: clock.now(), data: {}, sourceKey: `uc-erased-${lane.participantId}` });
    const before = receiver.deliveries.length;
    expect(await deliver.execute(lane)).toEqual({ kind: 'stopped', delivered: 1, reason: 'idle' });
    expect(receiver.deliveries.slice(before).map((d) => d.payload.id)).toEqual([erased]);
    const rows = await db.selectFrom('case_record_deliveries').select(['event_id', 'status']).where('participant_id', '=', lane.participantId).orderBy('event_id').execute();
    expect(rows).toEqual([
      { event_id: ids[0], status: 'skipped' },
      { event_id: ids[1], status: 'skipped' },
      { event_id: erased, status: 'delivered' },
    ]);
  });

  it('drops what it claimed once a mark shows the person erased: later events go as erasure left them', async () => {
    receiver.answer = () => 200;
    await new CaseRecordSinkRepository(db).save({ url: receiver.url, eventTypes: null, enabled: true, updatedBy: null });
    const { lane, ids } = await person(3);
    let posts = 0;
    const erasingDeliver = new DeliverCaseRecordEvents({
      db,
      clock,
      timeoutMs: 1000,
      retry: { baseMs: 1000, maxMs: 60_000, retryForMs: CRM_RETRY_FOR_MS },
      // Erasure commits while the first of the three claimed events is on its way.
      post: async (request) => {
        const answer = await postToSink(request);
        if (posts++ === 0) {
          await new CaseRecordRepository(db).eraseForParticipant(lane.participantId);
          await db.updateTable('participants').set({ erased_at: clock.now() }).where('id', '=', lane.participantId).execute();
        }
        return answer;
      },
    });
    expect(await erasingDeliver.execute(lane)).toEqual({ kind: 'stopped', delivered: 3, reason: 'idle' });
    const mine = receiver.accepted().filter((d) => d.payload.participantId === lane.participantId);
    expect(mine.map((d) => [d.payload.id, d.payload.data])).toEqual([
      [ids[0], { i: 0 }],
      [ids[1], { erased: true }],
      [ids[2], { erased: true }],
    ]);
  });
});
