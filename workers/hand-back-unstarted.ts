import { Job, type Queue, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * A worker asked to close can still move a job to active (a fetch already under way as close() begins,
 * taskforcesh/bullmq#3349) and then never start it: the job would wait in active for its lock to expire and for the
 * stalled check to move it back, delaying, say, a reply by half a minute after every deploy. Once the workers have
 * closed, a job still locked by one of them was not started: it goes back to wait at once, for the next workers
 * process. Returns how many went back.
 */
export async function handBackUnstartedJobs(workers: readonly Worker[], queues: readonly Queue[], redis: Redis): Promise<number> {
  let handedBack = 0;
  for (const worker of workers) {
    const queue = queues.find((candidate) => candidate.name === worker.name);
    if (!queue) continue;
    for (const jobId of await redis.lrange(queue.toKey('active'), 0, -1)) {
      const token = await redis.get(queue.toKey(`${jobId}:lock`));
      if (!token?.startsWith(`${worker.id}:`)) continue;
      const job = await Job.fromId(queue, jobId);
      if (!job) continue;
      await job.moveToWait(token);
      handedBack++;
    }
  }
  return handedBack;
}
