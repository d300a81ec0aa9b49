/**
 * How long a worker holds a job before another may take it back (BullMQ `lockDuration`, checked every
 * `stalledInterval`): the jobs a killed workers process had in flight run again elsewhere within about twice this.
 * The lock is renewed while a job runs, so it bounds recovery, not how long a job may take.
 */
export function lockOptions(lockMs: number | undefined): { lockDuration?: number; stalledInterval?: number } {
  return lockMs === undefined ? {} : { lockDuration: lockMs, stalledInterval: lockMs };
}
