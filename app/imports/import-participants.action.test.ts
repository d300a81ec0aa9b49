import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../domain/caseload.js';
import { ManualClock } from '../../domain/time/clock.js';
import type { CaseRecordDatabase, Db } from '../../store/database.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { openTestEngine } from '../../test/test-database.js';
import { ImportParticipants } from './import-participants.action.js';

const AT = new Date('2026-03-02T10:00:00Z');

describe.each([['postgres'], ['pglite']] as const)('importing participants (the action), on %s', (engine) => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let priya: StaffIdentity;
  const queued = { followUps: [] as unknown[], sends: [] as string[] };
  const queues = {
    enqueueFollowUps: async (steps: readonly unknown[]) => void queued.followUps.push(...steps),
    enqueueSends: async (ids: readonly string[]) => void queued.sends.push(...ids),
  };

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'app_import_participants'));
    db = database.db;
    priya = await new StaffRepository(db).create({ name: 'Priya', role: 'key_worker', team: 'North', email: 'priya@example.org', tokenLookup: randomUUID(), tokenHash: 'h' });
  }, 60_000);
  afterAll(async () => close?.());

  const importer = () => new ImportParticipants({ db, clock: new ManualClock(AT), timeZone: 'Europe/London', programmeName: 'Next Steps', queues, logger: pino({ level: 'silent' }) });
  const csv = (text: string) => new TextEncoder().encode(text);
  const count = async (table: 'participants' | 'follow_ups' | 'case_record_events') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  const FILE = 'first_name,phone,consent,external_ref,referred_at\nAnn,07700 900740,yes,A-1,01/03/2026\nBo,07700 900741,no,A-2,\n';

  it('a dry run answers as the real run does, and leaves no row, event or follow-up behind', async () => {
    const dry = await importer().execute({ csv: csv(FILE), dryRun: true, staff: priya });
    expect(dry).toMatchObject({ dryRun: true, rows: 2, created: 2, rejected: [] });
    expect([await count('participants'), await count('follow_ups'), await count('case_record_events')]).toEqual([0, 0, 0]);
    expect(queued).toEqual({ followUps: [], sends: [] });

    const real = await importer().execute({ csv: csv(FILE), dryRun: false, staff: priya });
    expect({ ...real, dryRun: true }).toEqual(dry);
  });

  it('welcomes only the consenting participant; the other is kept with no consent; the referral day is the programme’s', async () => {
    const rows = await db.selectFrom('participants').selectAll().orderBy('external_ref').execute();
    expect(rows.map((r) => [r.external_ref, r.consent_contact, r.key_worker_id])).toEqual([
      ['A-1', true, priya.id],
      ['A-2', false, priya.id],
    ]);
    expect(rows[0]?.referred_at?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    const welcomes = await db.selectFrom('follow_ups').select('participant_id').where('kind', '=', 'welcome').execute();
    expect(welcomes.map((w) => w.participant_id)).toEqual([rows[0]?.id]);
    expect(queued.followUps).toHaveLength(1);
  });

  it('consent given later is an update that starts the welcome then', async () => {
    const later = await importer().execute({ csv: csv('first_name,phone,consent,external_ref\nBo,07700 900741,yes,A-2\n'), dryRun: false, staff: priya });
    expect(later).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(await db.selectFrom('follow_ups').select('id').where('kind', '=', 'welcome').execute()).toHaveLength(2);
  });

  it('names the key worker by email (looked up inside the row: the embedded database has one connection)', async () => {
    const file = 'first_name,phone,consent,external_ref,key_worker_email\nCy,07700 900742,no,A-3,PRIYA@example.org\nDi,07700 900743,no,A-4,nobody@example.org\n';
    const result = await importer().execute({ csv: csv(file), dryRun: false, staff: priya });
    expect(result).toMatchObject({ created: 1, rejected: [{ row: 3, field: 'key_worker_email' }] });
    const cy = await db.selectFrom('participants').select('key_worker_id').where('external_ref', '=', 'A-3').executeTakeFirstOrThrow();
    expect(cy.key_worker_id).toBe(priya.id);
  });

  it('a row moving someone to a new number frees the old one for a later row of the same file, in a dry run too', async () => {
    const file = 'first_name,phone,external_ref\nAnn,07700 900744,A-1\nEve,07700 900740,A-5\nBo,07700 900741,A-2\n';
    const expected = { rows: 3, created: 1, updated: 1, unchanged: 1, rejected: [] };
    const events = await count('case_record_events');
    expect(await importer().execute({ csv: csv(file), dryRun: true, staff: priya })).toMatchObject({ dryRun: true, ...expected });
    expect(await count('case_record_events')).toBe(events);

    const lastEvent = (await db.selectFrom('case_record_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id;
    expect(await importer().execute({ csv: csv(file), dryRun: false, staff: priya })).toMatchObject({ dryRun: false, ...expected });
    const rows = await db.selectFrom('participants').select(['id', 'external_ref', 'phone']).where('external_ref', 'in', ['A-1', 'A-5']).orderBy('external_ref').execute();
    expect(rows.map((r) => [r.external_ref, r.phone])).toEqual([
      ['A-1', '+447700900744'],
      ['A-5', '+447700900740'],
    ]);
    const record = await db.selectFrom('case_record_events').select(['participant_id', 'type', 'data']).where('id', '>', String(lastEvent)).orderBy('id').execute();
    expect(record.map((e) => [e.participant_id, e.type, (e.data as { fields?: string[] }).fields])).toEqual([
      [rows[0]?.id, 'participant.updated', ['phone']],
      [rows[1]?.id, 'participant.created', undefined],
    ]);
  });
});
