/**
 * rss_mb: the resident memory of the workers role (its own process, see workers-process.ts) about 5 s after it
 * started and swept, with the 100,000 booked appointments' 200,000 reminder jobs delayed in Redis and their
 * rows in PostgreSQL. With it, `redis_mb`: what the queue's keys take in Redis (MEMORY USAGE of each key).
 */
import { readFile } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import { progress, round, type BenchResult } from './bench-result.js';
import { sleep } from './reminder-fixture.js';
import type { WorkersProcess } from '../test/workers-process.js';

const BENCH = 'rss_mb';
const SETTLE_MS = 5_000;
const MB = 1024 * 1024;

/** VmRSS and VmHWM (peak) of a process from /proc, in MB; undefined off Linux. */
export async function procMemory(pid: number): Promise<{ rssMb: number; peakMb: number } | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Bytes that the keys under `prefix:` take in Redis, by key kind (job hashes, the delayed set, the event streams…). */
export async function queueMemory(redis: Redis, prefix: string): Promise<{ bytes: number; keys: number; byKind: Record<string, number> }> {
  let cursor = '0';
  let bytes = 0;
  let keys = 0;
  const byKind: Record<string, number> = {};
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (found.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const key of found) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    const answers = (await pipeline.exec()) ?? [];
    for (const [index, [error, value]] of answers.entries()) {
      if (error || typeof value !== 'number') continue;
      const rest = (found[index] as string).slice(prefix.length + 1).split(':');
      // `reminder:<job id>` is one job's hash; `reminder:delayed`, `reminder:events`… are the queue's own keys.
      const kind = rest.length === 2 && /^(appt|send|inbound|writeback)-|^\d+$/.test(rest[1] as string) ? `${rest[0]}:<job>` : rest.join(':');
      byKind[kind] = (byKind[kind] ?? 0) + value;
      bytes += value;
      keys++;
    }
  } while (cursor !== '0');
  return { bytes, keys, byKind };
}

async function redisUsedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? Number.NaN);
}

export async function measureWorkerRss(
  redis: Redis,
  prefix: string,
  workers: WorkersProcess,
  scheduled: { appointments: number; reminders: number },
): Promise<BenchResult[]> {
  const { ready } = workers;
  progress(
    `${BENCH}: workers role started in its own process (pid ${workers.pid}, ${workers.runner}) in ${Math.round(ready.startMs)} ms; ` +
      `a sweep took ${Math.round(ready.sweepMs)} ms (${JSON.stringify(ready.sweep)})`,
  );
  const atReady = await workers.memory();
  await sleep(SETTLE_MS);
  const settled = await workers.memory();
  const proc = await procMemory(workers.pid);
  const rssMb = settled.usage.rss / MB;
  progress(
    `${BENCH}: with ${scheduled.appointments} appointments and ${scheduled.reminders} scheduled reminders: ` +
      `RSS ${round(atReady.usage.rss / MB)} MB when ready, ${round(rssMb)} MB after ${round(settled.uptimeS, 1)} s ` +
      `(heap used ${round(settled.usage.heapUsed / MB)} MB of ${round(settled.usage.heapTotal / MB)} MB, external ${round(settled.usage.external / MB)} MB` +
      `${proc ? `; /proc VmRSS ${round(proc.rssMb)} MB, peak ${round(proc.peakMb)} MB` : ''})`,
  );

  const queue = await queueMemory(redis, prefix);
  const used = await redisUsedMemory(redis);
  const kinds = Object.entries(queue.byKind)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([kind, b]) => `${kind} ${round(b / MB)} MB`)
    .join(', ');
  progress(
    `${BENCH}: Redis keys under ${prefix}: ${queue.keys} keys, ${round(queue.bytes / MB)} MB (${kinds}); ` +
      `Redis used_memory (whole instance) ${round(used / MB)} MB`,
  );
  return [
    { bench: BENCH, metric: 'rss_mb', value: round(rssMb), unit: 'MB' },
    { bench: BENCH, metric: 'redis_mb', value: round(queue.bytes / MB), unit: 'MB' },
  ];
}
