/**
 * CPU time spent by this process, by the PostgreSQL backends serving one database, and by redis-server over a
 * stretch of a benchmark, from /proc (Linux; elsewhere only this process is counted). It says which process the
 * time goes to when a benchmark is CPU-bound.
 */
import { readFile } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Db } from '../store/database.js';

const CLOCK_TICKS_PER_S = 100;

/** utime + stime of a process in ms, or undefined when it is gone or /proc is not there. */
async function processCpuMs(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S) * 1000;
  } catch {
    return undefined;
  }
}

async function backendPids(db: Db): Promise<number[]> {
  const result = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  return result.rows.map((r) => r.pid);
}

async function redisPid(redis: Redis): Promise<number | undefined> {
  const info = await redis.info('server');
  const pid = Number(/^process_id:(\d+)/m.exec(info)?.[1]);
  return Number.isFinite(pid) ? pid : undefined;
}

export interface CpuSpent {
  nodeMs: number;
  /** undefined when /proc could not be read (not Linux, or another user's processes). */
  postgresMs: number | undefined;
  redisMs: number | undefined;
}

/** Starts counting; the returned function gives the CPU spent since (Redis's only when a connection is given). */
export async function startCpuCount(db: Db, redis?: Redis): Promise<() => Promise<CpuSpent>> {
  const node = process.cpuUsage();
  const pids = new Set(await backendPids(db));
  const before = new Map<number, number | undefined>();
  for (const pid of pids) before.set(pid, await processCpuMs(pid));
  const redisServer = redis ? await redisPid(redis) : undefined;
  const redisBefore = redisServer === undefined ? undefined : await processCpuMs(redisServer);
  return async () => {
    const spent = process.cpuUsage(node);
    // Backends that connected since started at zero.
    for (const pid of await backendPids(db)) if (!before.has(pid)) before.set(pid, 0);
    let postgresMs: number | undefined = 0;
    for (const [pid, start] of before) {
      if (start === undefined) {
        postgresMs = undefined;
        break;
      }
      // A backend gone since (the pool closed it) is not counted.
      const now = await processCpuMs(pid);
      if (now !== undefined) postgresMs += now - start;
    }
    const redisNow = redisServer === undefined ? undefined : await processCpuMs(redisServer);
    return {
      nodeMs: (spent.user + spent.system) / 1000,
      postgresMs,
      redisMs: redisBefore === undefined || redisNow === undefined ? undefined : redisNow - redisBefore,
    };
  };
}

/** "node 812 µs, postgres 640 µs, redis 35 µs" per unit of work. */
export function cpuPerUnit(spent: CpuSpent, units: number): string {
  const per = (ms: number | undefined) => (ms === undefined ? '?' : `${Math.round((ms * 1000) / Math.max(1, units))} µs`);
  return `node ${per(spent.nodeMs)}, postgres ${per(spent.postgresMs)}${spent.redisMs === undefined ? '' : `, redis ${per(spent.redisMs)}`}`;
}
