import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../domain/caseload.js';
import { ManualClock } from '../../domain/time/clock.js';
import type { CaseRecordDatabase, Db } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { eventually } from '../../test/test-app.js';
import { openTestEngine } from '../../test/test-database.js';
import { type ImportReport, ImportParticipants } from './import-participants.action.js';

const AT = new Date('2026-03-02T10:00:00Z');
const importer = (db: Db, queues: { enqueueFollowUps: (steps: readonly unknown[]) => Promise<void>; enqueueSends: () => Promise<undefined> }) =>
  new ImportParticipants({ db, clock: new ManualClock(AT), timeZone: 'Europe/London', programmeName: 'Next Steps', queues, logger: pino({ level: 'silent' }) });
const phone = (i: number) => `+447700900${String(i).padStart(3, '0')}`;

interface Row {
  row: number;
  phone: string;
  ref: string;
}

/**
 * Two key workers import at the same moment on PostgreSQL (several connections), with 300 numbers and 50 CRM ids in
 * both files, one file in the other's reverse order so that their batches meet from both ends.
 */
function twoFiles(): { rows: { ann: Row[]; ben: Row[] }; csv: { ann: Uint8Array; ben: Uint8Array } } {
  const ann: Array<Omit<Row, 'row'>> = [];
  const ben: Array<Omit<Row, 'row'>> = [];
  for (let i = 0; i < 600; i += 1) ann.push({ phone: phone(i), ref: `P-${i}` });
  for (let i = 899; i >= 300; i -= 1) ben.push({ phone: phone(i), ref: `P-${i}` });
  // The same CRM id with a different number in each file.
  for (let k = 0; k < 50; k += 1) {
    ann.push({ phone: phone(900 + k), ref: `SHARED-${k}` });
    ben.unshift({ phone: phone(950 + k), ref: `SHARED-${k}` });
  }
  const numbered = (rows: Array<Omit<Row, 'row'>>) => rows.map((r, index) => ({ ...r, row: index + 2 }));
  const csv = (rows: Row[]) =>
    new TextEncoder().encode(`first_name,phone,consent,external_ref\n${rows.map((r) => `P${r.row},${r.phone},${r.row % 3 === 0 ? 'yes' : 'no'},${r.ref}`).join('\n')}\n`);
  const rows = { ann: numbered(ann), ben: numbered(ben) };
  return { rows, csv: { ann: csv(rows.ann), ben: csv(rows.ben) } };
}

/**
 * A database of this file's own on PostgreSQL with two key workers, Ann and Ben, and the queues an import hands its
 * welcomes to (recorded). Filled in by the describe's beforeAll.
 */
function twoKeyWorkersOnPostgres(label: string) {
  const keyWorkers = {
    db: undefined as unknown as Db,
    ann: undefined as unknown as StaffIdentity,
    ben: undefined as unknown as StaffIdentity,
    welcomesQueued: [] as unknown[],
    queues: {
      enqueueFollowUps: async (steps: readonly unknown[]) => void keyWorkers.welcomesQueued.push(...steps),
      enqueueSends: async () => undefined,
    },
  };
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    let database: CaseRecordDatabase;
    ({ database, close } = await openTestEngine('postgres', label));
    keyWorkers.db = database.db;
    const staff = new StaffRepository(database.db);
    keyWorkers.ann = await staff.create({ name: 'Ann', role: 'key_worker', team: 'North', email: 'ann@example.org', tokenLookup: randomUUID(), tokenHash: 'h' });
    keyWorkers.ben = await staff.create({ name: 'Ben', role: 'key_worker', team: 'North', email: 'ben@example.org', tokenLookup: randomUUID(), tokenHash: 'h' });
  }, 60_000);
  afterAll(async () => close?.());
  return keyWorkers;
}

describe('two participant imports at once, on postgres', () => {
  const keyWorkers = twoKeyWorkersOnPostgres('app_import_concurrent');
  const { welcomesQueued, queues } = keyWorkers;
  let db: Db;
  let ann: StaffIdentity;
  let ben: StaffIdentity;
  beforeAll(() => void ({ db, ann, ben } = keyWorkers));

  it('neither fails, and every shared number and CRM id ends in exactly one caseload, the other file rejecting it as already registered', async () => {
    const { rows, csv } = twoFiles();
    const [annReport, benReport] = await Promise.all([
      importer(db, queues).execute({ csv: csv.ann, dryRun: false, staff: ann }),
      importer(db, queues).execute({ csv: csv.ben, dryRun: false, staff: ben }),
    ]);

    const people = await db.selectFrom('participants').select(['id', 'phone', 'external_ref', 'key_worker_id', 'consent_contact']).execute();
    const byPhone = new Map(people.map((p) => [p.phone, p]));
    const byRef = new Map(people.map((p) => [p.external_ref, p]));
    expect(byRef.size).toBe(people.length);

    const check = (report: ImportReport, fileRows: Row[], who: StaffIdentity) => {
      const rejected = new Map(report.rejected.map((r) => [r.row, r]));
      expect(rejected.size, 'one problem per rejected row').toBe(report.rejected.length);
      for (const r of fileRows) {
        const owner = byRef.get(r.ref);
        const mine = owner?.key_worker_id === who.id && owner.phone === r.phone;
        if (mine) expect(rejected.get(r.row), `row ${r.row} went in for ${who.name}`).toBeUndefined();
        else expect(rejected.get(r.row), `row ${r.row} of ${who.name}'s file`).toMatchObject({ message: 'is already registered' });
      }
      expect(report.created).toBe(fileRows.length - rejected.size);
    };
    check(annReport, rows.ann, ann);
    check(benReport, rows.ben, ben);

    // 900 numbers and 50 CRM ids in all: each once; the 300 shared numbers and 50 shared ids were split between the two.
    expect(people).toHaveLength(950);
    expect(annReport.created + benReport.created).toBe(950);
    expect(annReport.rejected.length + benReport.rejected.length).toBe(350);
    for (let i = 0; i < 900; i += 1) expect(byPhone.get(phone(i)), phone(i)).toBeDefined();
    for (let k = 0; k < 50; k += 1) expect(byPhone.has(phone(900 + k)) !== byPhone.has(phone(950 + k)), `SHARED-${k}`).toBe(true);

    // Each person created once: one creation on the record, one welcome for each who consented.
    const created = await db.selectFrom('case_record_events').select('participant_id').where('type', '=', 'participant.created').execute();
    expect(new Set(created.map((e) => e.participant_id)).size).toBe(950);
    expect(created).toHaveLength(950);
    const welcomes = await db.selectFrom('follow_ups').select('participant_id').where('kind', '=', 'welcome').execute();
    expect(welcomes).toHaveLength(people.filter((p) => p.consent_contact).length);
    expect(welcomesQueued).toHaveLength(welcomes.length);
  }, 120_000);
});

describe('a row that fails when its batch is written, on postgres', () => {
  const keyWorkers = twoKeyWorkersOnPostgres('app_import_write_clash');
  const { welcomesQueued, queues } = keyWorkers;
  let db: Db;
  let ann: StaffIdentity;
  let ben: StaffIdentity;
  beforeAll(() => void ({ db, ann, ben } = keyWorkers));

  it('is rejected on its own as already registered, and the rest of its batch still goes in, each exactly once', async () => {
    // Ben's new participant is written in a transaction still open when the import reads the batch's numbers, so
    // the import cannot see it and its write of the batch waits on it, then clashes once it commits.
    let insertedByBen!: () => void;
    let benMayCommit!: () => void;
    const inserted = new Promise<void>((resolve) => (insertedByBen = resolve));
    const mayCommit = new Promise<void>((resolve) => (benMayCommit = resolve));
    const bens = db.transaction().execute(async (tx) => {
      await new ParticipantRepository(tx).create({ firstName: 'Taken', phone: phone(510), channel: 'sms', language: 'en', keyWorkerId: ben.id, team: 'North', referredAt: null, consentBasis: null, consentAt: null, consentContact: false });
      insertedByBen();
      await mayCommit;
    });
    await inserted;

    const lines = Array.from({ length: 20 }, (_, i) => `W${i},${phone(500 + i)},${i % 2 === 0 ? 'yes' : 'no'},W-${i}`);
    const running = importer(db, queues).execute({ csv: new TextEncoder().encode(`first_name,phone,consent,external_ref\n${lines.join('\n')}\n`), dryRun: false, staff: ann });
    await eventually(
      async () => Number((await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db)).rows[0]?.n) > 0,
      10_000,
      'the import waiting on Ben’s uncommitted number',
    );
    benMayCommit();
    await bens;
    const report = await running;

    expect(report).toMatchObject({ rows: 20, created: 19, updated: 0, unchanged: 0, rejected: [{ row: 12, field: 'phone', message: 'is already registered' }] });
    const people = await db.selectFrom('participants').select(['id', 'phone', 'key_worker_id', 'consent_contact']).where('key_worker_id', '=', ann.id).execute();
    expect(people.map((p) => p.phone).sort()).toEqual(Array.from({ length: 20 }, (_, i) => phone(500 + i)).filter((p) => p !== phone(510)));
    const ids = people.map((p) => p.id);
    const created = await db.selectFrom('case_record_events').select('participant_id').where('type', '=', 'participant.created').where('participant_id', 'in', ids).execute();
    expect(created).toHaveLength(19);
    const welcomes = await db.selectFrom('follow_ups').select('participant_id').where('kind', '=', 'welcome').execute();
    expect(welcomes.map((w) => w.participant_id).sort()).toEqual(people.filter((p) => p.consent_contact).map((p) => p.id).sort());
    expect(welcomesQueued).toHaveLength(9);
  }, 60_000);
});
