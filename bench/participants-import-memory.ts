/**
 * The memory of one participants import of ROWS rows, measured in a process of its own (run by
 * participants-import.bench.ts with --expose-gc): a process that has already run bigger imports keeps the memory
 * they grew, so a later peak would not show (the old bench's 0.2 and 0 MB). After a 100-row warm-up import (modules
 * loaded, code compiled, pools open) it prints one JSON line:
 *  - rssMb: peak RSS above the RSS just before the import (sampled every 5 ms);
 *  - liveMb: the most the live heap (after a full GC, with external memory) grew above its level before the import,
 *    checked every 1,000 rows and with the answer in hand;
 *  - rejectedMb, rejected: what the answer's `rejected` list holds, the only thing allowed to grow with the file:
 *    when nothing else grows, liveMb is about rejectedMb.
 */
import { DISTINCT, eraseEveryone, type Fresh, freshDatabase, importer, participantsCsv } from './participants-import-fixture.js';

const rows = Number(process.argv[2]);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !Number.isInteger(rows) || rows < DISTINCT) throw new Error('usage: node --expose-gc participants-import-memory.ts ROWS (>= 1000)');

const MB = 1024 * 1024;
const live = (): number => {
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
};

const fresh = await freshDatabase();
try {
  const csv = participantsCsv(rows);
  const imports = importer(fresh.database);
  const run = async (onProgress?: (done: number) => void) => {
    const report = await imports.execute({ csv, dryRun: false, staff: fresh.staff, ...(onProgress && { onProgress }) });
    if (report.rows !== rows || report.created !== DISTINCT) throw new Error(`import went wrong: ${report.rows} rows, ${report.created} created`);
    await eraseEveryone(fresh.database.db);
    return report;
  };
  // Each measurement runs in a function of its own: a finished run's answer left in a stale interpreter register of
  // a frame that is still running would stay alive through a GC and be counted in the next measurement.
  await warmUp(imports, fresh);
  const rssMb = await peakRssGrowth(run);
  const { liveMb, rejectedMb, rejected } = await peakLiveGrowth(run);
  process.stdout.write(`${JSON.stringify({ rows, rssMb, liveMb, rejectedMb, rejected })}\n`);
} finally {
  await fresh.done();
}

async function warmUp(imports: ReturnType<typeof importer>, at: Fresh): Promise<void> {
  const report = await imports.execute({ csv: participantsCsv(100, 'warm-up-'), dryRun: false, staff: at.staff });
  if (report.created !== 100) throw new Error('warm-up import went wrong');
  await eraseEveryone(at.database.db);
}

type Run = (onProgress?: (done: number) => void) => Promise<{ rejected: unknown[] }>;

async function peakRssGrowth(run: Run): Promise<number> {
  gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  return (Math.max(peak, process.memoryUsage.rss()) - before) / MB;
}

/** The live heap's peak growth (checked every 1,000 rows and at the end), and what the answer's list holds. */
async function peakLiveGrowth(run: Run): Promise<{ liveMb: number; rejectedMb: number; rejected: number }> {
  const before = live();
  let peak = before;
  const report = await run((done) => {
    if (done > 0 && done % 1000 === 0) peak = Math.max(peak, live());
  });
  const withAnswer = live();
  peak = Math.max(peak, withAnswer);
  const rejected = dropRejected(report);
  const rejectedBytes = withAnswer - live();
  return { liveMb: (peak - before) / MB, rejectedMb: rejectedBytes / MB, rejected };
}

/** Empties the answer's list in a frame of its own (see above), returning how many rows it held. */
function dropRejected(report: { rejected: unknown[] }): number {
  const count = report.rejected.length;
  report.rejected = [];
  return count;
}
