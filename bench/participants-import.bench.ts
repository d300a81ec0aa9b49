/**
 * import_participants: a participants CSV through the ImportParticipants action on PostgreSQL (the route's parse and
 * the BullMQ enqueue are not measured: the queues are in-process recorders). Tests and benches may use only Ofcom's
 * 1,000 drama numbers (+44 7700 900000-900999) and a number is on one live participant only, so no file here can
 * hold more than 1,000 new people.
 *  - import_participants_per_s: rows per second for a 1,000-row file of new people (half consenting, so half get a
 *    welcome), the median of three runs, each into a fresh database. Baseline: one raw multi-row INSERT of the same
 *    people, same run.
 *  - import_participants_20000_s: seconds for 20,000 rows of new people: twenty such files (CRM ids of their own)
 *    imported back to back into one database, everyone erased between two files (not timed) as erasure leaves
 *    them, so the tables and their indexes grow by 20,000 people, events and 10,000 welcomes as one big caseload
 *    would make them. Target <= 30 s. Baseline: the same twenty raw INSERTs, with the same erasures, same run.
 *  - import_participants_rss_mb_5000 / _20000: peak RSS growth while importing a 5,000- and a 20,000-row file (its
 *    1,000 people, then rows repeating their numbers, each rejected as a repeat), each in a process of its own
 *    (participants-import-memory.ts). import_participants_live_mb_5000 / _20000: the most the live heap grew during
 *    the import, with the memory of the answer's `rejected` list (the only thing allowed to grow with the file) as
 *    baseline: about equal when nothing else grows.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { progress, round, type BenchResult } from './bench-result.js';
import { DISTINCT, eraseEveryone, freshDatabase, importer, participantsCsv, rawInsert } from './participants-import-fixture.js';

const BENCH = 'import_participants';
const RUNS = 3;
const FILES_FOR_20000 = 20;

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
    await rawInsert(fresh.database.db, fresh.staff);
    const seconds = (performance.now() - started) / 1000;
    const count = await sql<{ n: string }>`select count(*) as n from participants`.execute(fresh.database.db);
    if (Number(count.rows[0]?.n) !== DISTINCT) throw new Error('baseline insert went wrong');
    return DISTINCT / seconds;
  } finally {
    await fresh.done();
  }
}

/** Twenty 1,000-row files back to back, erasing between them: seconds of import (or of raw INSERT) only. */
async function twentyThousandRows(write: (fresh: Awaited<ReturnType<typeof freshDatabase>>, file: number) => Promise<void>): Promise<{ seconds: number; perFile: number[] }> {
  const fresh = await freshDatabase();
  try {
    const perFile: number[] = [];
    for (let file = 0; file < FILES_FOR_20000; file += 1) {
      const started = performance.now();
      await write(fresh, file);
      perFile.push((performance.now() - started) / 1000);
      await eraseEveryone(fresh.database.db);
    }
    const count = await sql<{ n: string }>`select count(*) as n from participants`.execute(fresh.database.db);
    if (Number(count.rows[0]?.n) !== DISTINCT * FILES_FOR_20000) throw new Error(`${count.rows[0]?.n} participants written, not 20,000`);
    return { seconds: perFile.reduce((a, b) => a + b, 0), perFile };
  } finally {
    await fresh.done();
  }
}

async function import20000(): Promise<{ seconds: number; perFile: number[] }> {
  // Each file's CSV is made before its clock starts.
  const files = Array.from({ length: FILES_FOR_20000 }, (_, file) => participantsCsv(DISTINCT, `F${file}-`));
  return twentyThousandRows(async (fresh, file) => {
    const report = await importer(fresh.database).execute({ csv: files[file] as Uint8Array, dryRun: false, staff: fresh.staff });
    if (report.created !== DISTINCT || report.rejected.length > 0) throw new Error(`file ${file} went wrong: ${JSON.stringify({ ...report, rejected: report.rejected.slice(0, 3) })}`);
  });
}

interface MemoryReading {
  rows: number;
  rssMb: number;
  liveMb: number;
  rejectedMb: number;
  rejected: number;
}

/** participants-import-memory.ts in a process of its own, with the same Node and loader as this one. */
function memoryOf(rows: number): Promise<MemoryReading> {
  const script = fileURLToPath(new URL('./participants-import-memory.ts', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', script, String(rows)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`memory measurement of ${rows} rows exited ${code}`));
      else resolve(JSON.parse(out.trim()) as MemoryReading);
    });
  });
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

  const imported = await import20000();
  const raw = await twentyThousandRows((fresh, file) => rawInsert(fresh.database.db, fresh.staff, `F${file}-`));
  progress(
    `${BENCH}: 20,000 rows in ${round(imported.seconds, 2)} s (files: ${imported.perFile.map((s) => round(s, 2)).join(', ')}); raw insert ${round(raw.seconds, 2)} s`,
  );

  const memory5000 = await memoryOf(5_000);
  const memory20000 = await memoryOf(20_000);
  for (const m of [memory5000, memory20000]) {
    progress(`${BENCH}: ${m.rows} rows: peak RSS +${round(m.rssMb)} MB; live heap +${round(m.liveMb, 2)} MB at most, of which the answer's ${m.rejected} rejected rows hold ${round(m.rejectedMb, 2)} MB`);
  }
  return [
    { bench: BENCH, metric: 'import_participants_per_s', value: round(median(rates)), unit: 'rows/s', baseline: round(median(baselines)) },
    { bench: BENCH, metric: 'import_participants_20000_s', value: round(imported.seconds, 2), unit: 's', baseline: round(raw.seconds, 2) },
    { bench: BENCH, metric: 'import_participants_rss_mb_5000', value: round(memory5000.rssMb), unit: 'MB' },
    { bench: BENCH, metric: 'import_participants_rss_mb_20000', value: round(memory20000.rssMb), unit: 'MB' },
    { bench: BENCH, metric: 'import_participants_live_mb_5000', value: round(memory5000.liveMb, 2), unit: 'MB', baseline: round(memory5000.rejectedMb, 2) },
    { bench: BENCH, metric: 'import_participants_live_mb_20000', value: round(memory20000.liveMb, 2), unit: 'MB', baseline: round(memory20000.rejectedMb, 2) },
  ];
}
