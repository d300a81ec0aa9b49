import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { Redis } from 'ioredis';

/** Where the bot's Redis is, how to say so in the start-up lines, and how to stop it (a no-op unless it is ours). */
export interface StartRedis {
  address: string;
  summary: string;
  stop(): Promise<void>;
}

/** No Redis to be had: the message is the one line to print before exiting non-zero. */
export class RedisUnavailableError extends Error {}

// A unix socket path may be at most 107 bytes on Linux (103 on macOS).
const MAX_SOCKET_PATH = 100;

/**
 * The Redis for `npm start` when REDIS_URL is unset: the default address if something answers there, otherwise a
 * private redis-server on a unix socket under DATA_DIR, with nothing on disk (the database is the truth; the sweep
 * rebuilds lost jobs), stopped when the bot stops. `defaultUrl` is injectable so a test can point it at a port
 * nothing listens on (the machine's own 6379 cannot be stopped for a test).
 */
export async function startOrFindRedis(options: { defaultUrl: string; dataDir: string; path: string | undefined }): Promise<StartRedis> {
  if (await redisAnswers(options.defaultUrl)) {
    return { address: options.defaultUrl, summary: options.defaultUrl, stop: async () => undefined };
  }
  const binary = findOnPath('redis-server', options.path);
  if (!binary) {
    throw new RedisUnavailableError(
      `No Redis: nothing answers at ${options.defaultUrl} and redis-server is not on PATH. Install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a Redis you run.`,
    );
  }
  return startPrivateRedis(binary, socketPath(options.dataDir), options.defaultUrl);
}

function socketPath(dataDir: string): string {
  const underDataDir = resolve(dataDir, 'redis', 'redis.sock');
  if (underDataDir.length <= MAX_SOCKET_PATH) {
    mkdirSync(resolve(dataDir, 'redis'), { recursive: true, mode: 0o700 });
    return underDataDir;
  }
  return join(mkdtempSync(join(tmpdir(), 'engagement-bot-redis-')), 'redis.sock');
}

async function startPrivateRedis(binary: string, socket: string, defaultUrl: string): Promise<StartRedis> {
  const child = spawn(
    binary,
    [
      '--port', '0',
      '--unixsocket', socket,
      '--unixsocketperm', '700',
      '--save', '',
      '--appendonly', 'no',
      '--maxmemory-policy', 'noeviction',
      '--daemonize', 'no',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  // Whatever way this process ends (an uncaught error included), the private redis-server goes with it.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);

  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(socket))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      process.off('exit', killOnExit);
      const last = output.trim().split('\n').pop() ?? '';
      throw new RedisUnavailableError(`No Redis: nothing answers at ${defaultUrl} and the private redis-server did not start (${last || 'no output'}). Set REDIS_URL to a Redis you run.`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    address: socket,
    summary: `private redis-server (pid ${child.pid}) on ${socket}, nothing kept on disk; it stops with the bot (nothing answered at ${defaultUrl})`,
    stop: () => stopChild(child, killOnExit),
  };
}

async function stopChild(child: ChildProcess, killOnExit: () => void): Promise<void> {
  process.off('exit', killOnExit);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Whether a Redis answers PING at this URL or socket path, trying once. */
export async function redisAnswers(address: string): Promise<boolean> {
  const client = new Redis(address, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, connectTimeout: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function findOnPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}
