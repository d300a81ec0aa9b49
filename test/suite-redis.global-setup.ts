import { spawnSync } from 'node:child_process';
import { redisAnswers } from '../start/private-redis.js';
import { RedisServerProcess } from './redis-server.js';

const MACHINE_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * vitest's global setup: the suite's Redis. With `TEST_REDIS_URL` set, or Redis answering on 127.0.0.1:6379, there
 * is nothing to do. With this machine's Redis stopped, the suite runs a redis-server of its own on a free loopback
 * port, keeping nothing on disk, and names it to every test process through `TEST_REDIS_URL` (they are started
 * after this runs and inherit its environment); it is stopped when the run ends.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_REDIS_URL || (await redisAnswers(MACHINE_REDIS_URL))) return undefined;
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(`Nothing answers on ${MACHINE_REDIS_URL} and redis-server is not on PATH: start Redis (apt-get install redis-server), or set TEST_REDIS_URL`);
  }
  const server = new RedisServerProcess();
  await server.start();
  process.env.TEST_REDIS_URL = server.url;
  process.stdout.write(`Redis is not running on 127.0.0.1:6379: the suite uses a redis-server of its own at ${server.url}\n`);
  return () => server.stop();
}
