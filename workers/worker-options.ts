/**
 * How long a worker holds a job before another may take it back (BullMQ `lockDuration`, checked every
 * `stalledInterval`): the jobs a killed workers process had in flight run again elsewhere within about twice this.
 * The lock is renewed while a job runs, so it bounds recovery, not how long a job may take.
 *
 * A job whose lock lapses is "stalled" and goes back to wait; after `maxStalledCount` stalls BullMQ fails it, and a
 * failed job keeps its id, so the sweep's re-add of the same keyed job does nothing and the text or send it carries
 * would wait for an operator. BullMQ's default allows one stall: a kill, and then one event-loop pause longer than
 * the lock on a busy machine, was enough to lose a turn. Every job here is keyed and safe to run twice, so a stall is
 * never a reason to give up on one; only a job that stalls over and over (it keeps killing its process) is failed.
 */
export const STALLS_BEFORE_FAILED = 10;

export function lockOptions(lockMs: number | undefined): { lockDuration?: number; stalledInterval?: number; maxStalledCount: number } {
  return lockMs === undefined
    ? { maxStalledCount: STALLS_BEFORE_FAILED }
    : { lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: STALLS_BEFORE_FAILED };
}
