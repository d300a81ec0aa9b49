/**
 * import_participants: a participants CSV through the ImportParticipants action on PostgreSQL (the route's parse and
 * the BullMQ enqueue are not measured: the queues are in-process recorders).
 *  - import_participants_per_s: rows per second for a 1,000-row file of new people (half consenting, so half get a
 *    welcome), the median of three runs, each into a fresh database. Baseline: one raw multi-row INSERT of the same
 *    people, same run. 1,000 is the largest honest file: tests and benches may use only Ofcom's drama numbers
 *    (+44 7700 900000-900999), and a phone may be on one row only. 20,000 rows in <= 30 s needs >= 667 rows/s.
 *  - import_participants_rss_mb_5000 / _20000: peak RSS growth (sampled every 5 ms) while importing a 5,000- and a
 *    20,000-row file: its 1,000 drama numbers, then rows repeating them (each rejected as a repeat, so the file is
 *    read, checked and answered for every row, but only 1,000 people are written).
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { sql } from 'kysely';
import { ImportParticipants } from '../app/import-participants.action.js';
import type { StaffIdentity } from '../domain/caseload.js';
import { systemClock } from '../domain/clock.js';
import { openDatabase, type CaseRecordDatabase } from '../store/database.js';
import { StaffRepository } from '../store/staff.repository.js';
import { createTestDatabase } from '../test/test-database.js';
import { progress, round, type BenchResult } from './bench-result.js';

const BENCH = 'import_participants';
const DISTINCT = 1000;
const RUNS = 3;

const phoneOf = (i: number) => `07700 900${String(i % DISTINCT).padStart(3, '0')}`;

function participantsCsv(rows: number): Uint8Array {
  const lines = ['first_name,last_name,phone,consent,external_ref,referred_at'];
  for (let i = 0; i < rows; i += 1) lines.push(`Person${i},Bench,${phoneOf(i)},${i % 2 === 0 ? 'yes' : 'no'},CRM-${i},01/03/2026`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

interface Fresh {
  database: CaseRecordDatabase;
  staff: StaffIdentity;
  done: () => Promise<void>;
}

async function freshDatabase(): Promise<Fresh> {
  const created = await createTestDatabase('bench_import', { migrated: true });
  const database = await openDatabase({ databaseUrl: created.url });
  const staff = await new StaffRepository(database.db).create({
    name: 'Bench Worker',
    role: 'key_worker',
    team: 'BenchImport',
    email: `bench-${randomUUID()}@example.org`,
    tokenLookup: randomUUID(),
    tokenHash: 'h',
  });
  return {
    database,
    staff,
    done: async () => {
      await database.close();
      await created.drop();
    },
  };
}

function importer(database: CaseRecordDatabase): ImportParticipants {
  const queues = { enqueueFollowUps: async () => undefined, enqueueSends: async () => undefined };
  return new ImportParticipants({ db: database.db, clock: systemClock, timeZone: 'Europe/London', programmeName: 'Bench', queues, logger: pino({ level: 'silent' }) });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function importRate(csv: Uint8Array): Promise<number> {
  const fresh = await freshDatabase();
  try {
    const started = performance.now();
    const report = await importer(fresh.database).execute({ csv, dryRun: false, staff: fresh.staff });
    const seconds = (performance.now() - started) / 1000;
    if (report.created !== DISTINCT || report.rejected.length > 0) throw new Error(`import went wrong: ${JSON.stringify({ ...report, rejected: report.rejected.slice(0, 3) })}`);
    return DISTINCT / seconds;
  } finally {
    await fresh.done();
  }
}

async function rawInsertRate(): Promise<number> {
  const fresh = await freshDatabase();
  try {
    const started = performance.now();
    await fresh.database.db
      .insertInto('participants')
      .values(
        Array.from({ length: DISTINCT }, (_, i) => ({
          first_name: `Person${i}`,
          last_name: 'Bench',
          phone: `+447700900${String(i).padStart(3, '0')}`,
          external_ref: `CRM-${i}`,
          channel: 'sms' as const,
          key_worker_id: fresh.staff.id,
          team: fresh.staff.team,
          consent_contact: i % 2 === 0,
          consent_basis: i % 2 === 0 ? 'bench' : null,
          consent_at: i % 2 === 0 ? new Date() : null,
          referred_at: new Date('2026-03-01T00:00:00Z'),
        })),
      )
      .execute();
    const seconds = (performance.now() - started) / 1000;
    const count = await sql<{ n: string }>`select count(*) as n from participants`.execute(fresh.database.db);
    if (Number(count.rows[0]?.n) !== DISTINCT) throw new Error('baseline insert went wrong');
    return DISTINCT / seconds;
  } finally {
    await fresh.done();
  }
}

/** Peak RSS above the RSS at the start, in MB, while `work` runs. */
async function peakRssGrowth(work: () => Promise<unknown>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return (peak - start) / 1024 / 1024;
}

async function importRssGrowth(rows: number): Promise<number> {
  const fresh = await freshDatabase();
  try {
    const csv = participantsCsv(rows);
    return await peakRssGrowth(async () => {
      const report = await importer(fresh.database).execute({ csv, dryRun: false, staff: fresh.staff });
      if (report.rows !== rows || report.created !== DISTINCT) throw new Error(`import went wrong: ${report.rows} rows, ${report.created} created`);
    });
  } finally {
    await fresh.done();
  }
}

export async function participantsImportBench(): Promise<BenchResult[]> {
  const csv = participantsCsv(DISTINCT);
  const rates: number[] = [];
  const baselines: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    rates.push(await importRate(csv));
    baselines.push(await rawInsertRate());
    progress(`${BENCH}: run ${run + 1}: ${round(rates[run] ?? 0)} rows/s (raw insert ${round(baselines[run] ?? 0)} rows/s)`);
  }
  const rss5000 = await importRssGrowth(5_000);
  const rss20000 = await importRssGrowth(20_000);
  progress(`${BENCH}: peak RSS growth ${round(rss5000)} MB (5,000 rows), ${round(rss20000)} MB (20,000 rows)`);
  return [
    { bench: BENCH, metric: 'import_participants_per_s', value: round(median(rates)), unit: 'rows/s', baseline: round(median(baselines)) },
    { bench: BENCH, metric: 'import_participants_rss_mb_5000', value: round(rss5000), unit: 'MB' },
    { bench: BENCH, metric: 'import_participants_rss_mb_20000', value: round(rss20000), unit: 'MB' },
  ];
}
