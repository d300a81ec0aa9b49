import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../test/test-database.js';
import { handBackUnstartedJobs } from './hand-back-unstarted.js';

describe('jobs fetched as the workers close go back to wait', () => {
  const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const prefix = `handback${randomBytes(4).toString('hex')}`;
  const queue = new Queue('outbound', { connection, prefix });
  const opened: Worker[] = [];
  const worker = () => {
    const made = new Worker('outbound', async () => undefined, { connection, prefix, autorun: false });
    opened.push(made);
    return made;
  };

  afterAll(async () => {
    await Promise.all(opened.map((made) => made.close()));
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  });

  it('a job this worker moved to active and never started is waiting again; one another worker holds stays active', async () => {
    const closing = worker();
    const other = worker();
    await queue.add('send', { n: 1 }, { jobId: 'fetched-as-it-closed' });
    await queue.add('send', { n: 2 }, { jobId: 'held-by-another' });
    // What the race leaves behind: moved to active under the closing worker's token, and never processed.
    const fetched = await closing.getNextJob(`${closing.id}:1`, { block: false });
    const held = await other.getNextJob(`${other.id}:1`, { block: false });
    expect([fetched?.id, held?.id].sort()).toEqual(['fetched-as-it-closed', 'held-by-another']);
    await closing.close();

    expect(await handBackUnstartedJobs([closing], [queue], connection)).toBe(1);
    expect(await queue.getJobState(fetched!.id!)).toBe('waiting');
    expect(await queue.getJobState(held!.id!)).toBe('active');
    // Nothing left of this worker's to hand back a second time.
    expect(await handBackUnstartedJobs([closing], [queue], connection)).toBe(0);
  });
});
