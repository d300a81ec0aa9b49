/**
 * writeback: case-record events committed per second by the real ApplyPendingWritebacks use case (lock the pending
 * outcome, lock the participant, append its events, mark it applied, one transaction each), with several
 * concurrent callers as the write-back workers would be. On PostgreSQL, and on PGlite for information.
 * `baseline`: the same events written raw on the same database in the same run: one multi-row INSERT per
 * transaction of the same size, from the same number of callers, with nothing read, locked or marked — the most
 * this machine's database can commit that way (issue 20's target: the real path ≥ 70% of it).
 * `BENCH_PROFILE_WRITEBACK=<file>` writes a CPU profile of the timed write-backs on PostgreSQL.
 */
import { sql } from 'kysely';
import type { EventDraft } from '../domain/case-record/case-record.types.js';
import { systemClock } from '../domain/time/clock.js';
import type { WritebackPayload } from '../domain/case-record/writeback.types.js';
import { migrateToLatest, openDatabase, type CaseRecordDatabase } from '../store/database.js';
import { ParticipantRepository } from '../store/participant.repository.js';
import { WritebackRepository } from '../store/writeback.repository.js';
import { createTestDatabase } from '../test/test-database.js';
import { ApplyPendingWritebacks } from '../app/conversation/apply-pending-writebacks.action.js';
import { progress, round, type BenchResult } from './bench-result.js';
import { cpuPerUnit, startCpuCount } from './process-cpu.js';
import { pool } from './reminder-fixture.js';
import { withCpuProfile } from './cpu-profile.js';

const BENCH = 'writeback';
const CONCURRENCY = 8;
const EVENTS_PER_WRITEBACK = 5;
const PARTICIPANTS = 500;
const PHONES = Array.from({ length: PARTICIPANTS }, (_, i) => `+447700900${200 + i}`);

interface Plan {
  /** Outcomes saved beforehand; the run stops when they are all applied or at the deadline. */
  writebacks: number;
  warmup: number;
  maxSeconds: number;
}

function eventsFor(n: number, at: string): EventDraft[] {
  const drafts: EventDraft[] = [
    { type: 'appointment.confirmed', key: 'confirm', data: { reply: 'yes', via: 'sms' } },
    { type: 'checkin.response', key: 'checkin', data: { answer: 'ok', score: n % 5, week: 2 } },
    { type: 'pulse.response', key: 'pulse', data: { confidence: 3 + (n % 3), question: 'confidence', at } },
    { type: 'contact.confirmed', key: 'contact', data: { channel: 'sms' } },
    { type: 'dna.reason', key: 'dna', data: { reason: 'transport', text: 'The bus did not come, sorry' } },
  ];
  return drafts.slice(0, EVENTS_PER_WRITEBACK);
}

interface Rates {
  rate: number;
  baseline: number;
}

async function measure(database: CaseRecordDatabase, plan: Plan): Promise<Rates> {
  const { db } = database;
  await migrateToLatest(db);
  const participants = new ParticipantRepository(db);
  const participantIds: string[] = [];
  for (const [i, phone] of PHONES.entries()) {
    const row = await participants.create({
      firstName: `Bench${i}`,
      phone,
      channel: 'sms',
      language: 'en',
      keyWorkerId: null,
      team: 'North',
      referredAt: null,
      consentBasis: 'bench',
      consentAt: new Date(),
    });
    participantIds.push(row.id);
  }

  const at = new Date().toISOString();
  const writebackIds: string[] = new Array<string>(plan.writebacks);
  const saved = Date.now();
  await pool(plan.writebacks, CONCURRENCY, async (i) => {
    const payload: WritebackPayload = {
      participantId: participantIds[i % participantIds.length] as string,
      sourceKey: `bench-${i}`,
      at,
      events: eventsFor(i, at),
      alerts: [],
      replies: [],
    };
    writebackIds[i] = await new WritebackRepository(db).save(payload);
  });
  progress(`${database.engine}: ${plan.writebacks} pending write-backs saved in ${Date.now() - saved} ms`);

  const useCase = new ApplyPendingWritebacks({ db, clock: systemClock, enqueueSends: async () => undefined, enqueueEscalations: async () => undefined });
  let applied = 0;
  // A job applies its outcome and any earlier one of the same person still waiting, so one may find its own done.
  const apply = async (i: number) => {
    const outcome = await useCase.execute(writebackIds[i] as string);
    applied += Number(outcome.applied);
  };
  // Warm-up (connections, JIT, plan cache), not timed.
  await pool(plan.warmup, CONCURRENCY, apply);
  applied = 0;
  const before = await countEvents(database);
  const cpu = database.engine === 'postgres' ? await startCpuCount(db) : undefined;
  const started = performance.now();
  const profile = database.engine === 'postgres' ? process.env.BENCH_PROFILE_WRITEBACK : undefined;
  await withCpuProfile(profile, 'the write-backs on PostgreSQL', () =>
    pool(plan.writebacks - plan.warmup, CONCURRENCY, (i) => apply(i + plan.warmup), Date.now() + plan.maxSeconds * 1000),
  );
  const seconds = (performance.now() - started) / 1000;
  const spent = await cpu?.();
  const committed = (await countEvents(database)) - before;
  if (committed !== applied * EVENTS_PER_WRITEBACK) {
    progress(`WARNING: ${applied} write-backs applied but ${committed} events committed (want ${applied * EVENTS_PER_WRITEBACK})`);
  }
  const rate = committed / seconds;
  progress(
    `${database.engine}: ${applied} write-backs (${committed} events) in ${round(seconds, 2)} s with ${CONCURRENCY} callers: ` +
      `${round(rate)} events/s, ${round(applied / seconds)} write-backs/s`,
  );
  if (spent) progress(`${database.engine}: CPU per event: ${cpuPerUnit(spent, committed)}`);
  const baseline = await rawInserts(database, participantIds, applied, plan.maxSeconds);
  progress(`${database.engine}: raw INSERTs of the same events: ${round(baseline)} events/s (the real path at ${round((rate / baseline) * 100)}% of it)`);
  return { rate, baseline };
}

/** The same number of transactions of EVENTS_PER_WRITEBACK events each, inserted raw by CONCURRENCY callers. */
async function rawInserts(database: CaseRecordDatabase, participantIds: string[], transactions: number, maxSeconds: number): Promise<number> {
  const { db } = database;
  const at = new Date();
  const insert = (i: number): Promise<void> =>
    db.transaction().execute(async (tx) => {
      await tx
        .insertInto('case_record_events')
        .values(
          eventsFor(i, at.toISOString()).map((event) => ({
            participant_id: participantIds[i % participantIds.length] as string,
            type: event.type,
            at,
            appointment_id: null,
            data: JSON.stringify(event.data),
            source_key: `raw-${i}:${event.key}`,
          })),
        )
        .execute();
    });
  await pool(200, CONCURRENCY, (i) => insert(transactions + i));
  const before = await countEvents(database);
  const cpu = database.engine === 'postgres' ? await startCpuCount(db) : undefined;
  const started = performance.now();
  await pool(transactions, CONCURRENCY, insert, Date.now() + maxSeconds * 1000);
  const seconds = (performance.now() - started) / 1000;
  const spent = await cpu?.();
  const committed = (await countEvents(database)) - before;
  if (spent) progress(`${database.engine}: CPU per event of the raw INSERTs: ${cpuPerUnit(spent, committed)}`);
  return committed / seconds;
}

async function countEvents(database: CaseRecordDatabase): Promise<number> {
  const result = await sql<{ n: string }>`select count(*)::text as n from case_record_events`.execute(database.db);
  return Number(result.rows[0]?.n ?? 0);
}

async function onPostgres(): Promise<Rates> {
  const created = await createTestDatabase('bench_writeback');
  try {
    const database = await openDatabase({ databaseUrl: created.url });
    try {
      return await measure(database, { writebacks: 10_000, warmup: 300, maxSeconds: 8 });
    } finally {
      await database.close();
    }
  } finally {
    await created.drop();
  }
}

async function onPglite(): Promise<Rates> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    return await measure(database, { writebacks: 2_500, warmup: 200, maxSeconds: 6 });
  } finally {
    await database.close();
  }
}

export async function writebackBench(): Promise<BenchResult[]> {
  const postgres = await onPostgres();
  const pglite = await onPglite();
  return [
    { bench: BENCH, metric: 'events_per_s', value: round(postgres.rate), unit: 'events/s', baseline: round(postgres.baseline) },
    { bench: BENCH, metric: 'events_per_s_pglite', value: round(pglite.rate), unit: 'events/s', baseline: round(pglite.baseline) },
  ];
}
