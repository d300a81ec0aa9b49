import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../test/test-database.js';
import type { CaseRecordDatabase, Db } from './database.js';
import { holdsParticipantWords, RetentionRepository } from './retention.repository.js';

const OLD = new Date('2025-01-10T10:00:00Z');
const NEW = new Date('2026-01-10T10:00:00Z');
const CUTOFF = new Date('2025-06-01T00:00:00Z');

describe.each([['postgres'], ['pglite']] as const)('retention of participants\u2019 words on %s', (engine) => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let participantId: string;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'retention_words'));
    db = database.db;
    const row = await sql<{ id: string }>`
      insert into participants (first_name, phone, channel, consent_contact, consent_basis, consent_at)
      values ('Sam', '+447700900700', 'sms', true, 'test', now()) returning id`.execute(db);
    participantId = row.rows[0]!.id;
  });
  afterAll(async () => close?.());

  let serial = 0;
  const alert = async (type: string, data: object, at: Date) =>
    (
      await db
        .insertInto('alerts')
        .values({ participant_id: participantId, type, priority: 'normal', data: JSON.stringify(data), source_key: `a-${serial++}`, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const event = async (type: string, data: object, at: Date) =>
    (
      await db
        .insertInto('case_record_events')
        .values({ participant_id: participantId, type, at, data: JSON.stringify(data), source_key: `e-${serial++}` })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const alertData = async (id: string) => (await db.selectFrom('alerts').select('data').where('id', '=', id).executeTakeFirstOrThrow()).data;
  const eventData = async (id: string) => (await db.selectFrom('case_record_events').select('data').where('id', '=', id).executeTakeFirstOrThrow()).data;

  it('clears old words in batches, leaves newer rows and rows without words alone, and finds nothing left to do after', async () => {
    const words = 'my stepdad hits me';
    const oldAlerts = await Promise.all([1, 2, 3].map(() => alert('message_for_key_worker', { text: words }, OLD)));
    const safeguarding = await alert('safeguarding', { category: 'domestic_abuse', categories: ['domestic_abuse'], reason: `domestic_abuse: power-hits "${words}"`, flags: [{ category: 'domestic_abuse', rule: 'power-hits', words }] }, OLD);
    const reason = await event('appointment.cancel_requested', { reason: words }, OLD);
    const loop = await alert('loop_detected', { sameText: 20, texts: 20, windowMinutes: 5 }, OLD);
    const newer = await alert('message_for_key_worker', { text: words }, NEW);
    const repository = new RetentionRepository(db);

    expect(await repository.clearWordsBefore(CUTOFF, 2)).toBe(3);
    let total = 3;
    for (let run = 0; run < 5; run++) total += await repository.clearWordsBefore(CUTOFF, 2);
    expect(total).toBe(5);
    expect(await repository.clearWordsBefore(CUTOFF, 100)).toBe(0);

    for (const id of oldAlerts) expect(await alertData(id)).toEqual({});
    expect(await alertData(safeguarding)).toEqual({ category: 'domestic_abuse', categories: ['domestic_abuse'], reason: 'domestic_abuse: power-hits', flags: [{ category: 'domestic_abuse', rule: 'power-hits' }] });
    expect(await eventData(reason)).toEqual({});
    expect(await alertData(loop)).toEqual({ sameText: 20, texts: 20, windowMinutes: 5 });
    expect(await alertData(newer)).toEqual({ text: words });
  });

  // Migration 0012 froze the predicate; a query that drifts from it would read every alert and event on each sweep.
  it('finds the words through the partial indexes the migrations built', async () => {
    const plans = await db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const explain = async (table: 'alerts' | 'case_record_events', at: 'created_at' | 'at') =>
        (await sql<{ 'QUERY PLAN': string }>`explain select id from ${sql.table(table)} where ${sql.ref(at)} < ${CUTOFF} and ${holdsParticipantWords()} limit 100`.execute(trx)).rows
          .map((row) => row['QUERY PLAN'])
          .join('\n');
      return [await explain('alerts', 'created_at'), await explain('case_record_events', 'at')];
    });
    expect(plans[0]).toContain('alerts_words_by_age');
    expect(plans[1]).toContain('events_words_by_age');
  });

  it('leaves an erased alert as erasure left it', async () => {
    const id = await alert('message_for_key_worker', { text: 'leave me out of it' }, OLD);
    await db.updateTable('alerts').set({ data: JSON.stringify({ erased: true }) }).where('id', '=', id).execute();
    expect(await new RetentionRepository(db).clearWordsBefore(CUTOFF, 100)).toBe(0);
    expect(await alertData(id)).toEqual({ erased: true });
  });
});
