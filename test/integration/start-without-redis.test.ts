import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, REPO_ROOT, childEnv } from '../bot-process.js';
import { bundleForNode, type NodeBundle } from '../node-bundle.js';
import { TestApp } from '../test-app.js';
import { createTestDatabase } from '../test-database.js';

/** A port on 127.0.0.1 that nothing listens on: taken from the OS, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// `start.ts` bundled once and run by plain node, as `node dist/start.js` runs after `npm start`'s build: under tsx
// each of the three starts below would transform the whole source tree again.
let startBundle: NodeBundle;
const entry = () => startBundle.file;
beforeAll(async () => {
  startBundle = await bundleForNode(join(REPO_ROOT, 'start.ts'));
});
afterAll(async () => startBundle?.remove());

describe('the web role starting while Redis is away', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ workers: false, env: { REDIS_URL: `redis://127.0.0.1:${await closedPort()}/1` } });
  });
  afterAll(async () => app?.close());

  it('still starts, says Redis is down, and keeps a signed text', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ database: 'ok', redis: 'down', reason: expect.stringMatching(/^Redis unreachable at redis:\/\/127\.0\.0\.1:\d+\/1$/) });

    await app.createParticipant('07700 900979');
    const { response } = await app.inbound('+447700900979', 'Is my appointment still on?');
    expect(response.status).toBe(200);
    const stored = await app.db.selectFrom('messages').select('body').where('direction', '=', 'inbound').execute();
    expect(stored.map((m) => m.body)).toEqual(['Is my appointment still on?']);
  });
});

describe('npm start (the real entry, role all) with REDIS_URL unset and nothing at the default address', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataDir: string;
  beforeAll(async () => {
    database = await createTestDatabase('startredis');
    dataDir = mkdtempSync(join(tmpdir(), 'bot-start-'));
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a private redis-server on a socket under DATA_DIR, is ready, and stops it on SIGTERM', async () => {
    const bot = new BotProcess(['all'], {
      entry: entry(),
      env: childEnv({
        ENGAGEMENT_BOT_DEFAULT_REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        PORT: '0',
        LOG_LEVEL: 'warn',
      }),
    });
    try {
      const url = await bot.running(60_000);
      const socket = join(dataDir, 'redis', 'redis.sock');
      const pid = Number(/private redis-server \(pid (\d+)\) on (\S+)/.exec(bot.output)?.[1]);
      expect(bot.output).toContain(`private redis-server (pid ${pid}) on ${socket}`);
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('redis-server');
      expect(existsSync(socket)).toBe(true);
      const ready = await fetch(`${url}/readyz`);
      expect(await ready.json()).toEqual({ database: 'ok', redis: 'ok' });
      expect(ready.status).toBe(200);

      expect(await bot.stop('SIGTERM')).toBe(0);
      expect(existsSync(`/proc/${pid}`)).toBe(false);
      expect(existsSync(socket)).toBe(false);
    } finally {
      await bot.stop('SIGKILL');
    }
  }, 90_000);

  it('without redis-server on PATH: one clear line and a non-zero exit', async () => {
    const nodeOnly = dirname(process.execPath);
    expect(existsSync(join(nodeOnly, 'redis-server'))).toBe(false);
    const bot = new BotProcess(['all'], {
      entry: entry(),
      env: { ...childEnv({ ENGAGEMENT_BOT_DEFAULT_REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, DATA_DIR: dataDir }), PATH: nodeOnly },
    });
    expect(await bot.exited).not.toBe(0);
    const lines = bot.output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/redis-server is not on PATH\. Install Redis .* or set REDIS_URL/);
  }, 60_000);
});

describe('the real entry with REDIS_URL set to a Redis that does not answer', () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase('startredis');
  });
  afterAll(async () => database?.drop());

  it('says so in a few lines, not a flood, and /readyz says why without the password', async () => {
    const port = await closedPort();
    const bot = new BotProcess(['all'], {
      entry: entry(),
      env: childEnv({
        REDIS_URL: `redis://bot:s3cret-password@127.0.0.1:${port}/0`,
        DATABASE_URL: database.url,
        PORT: '0',
        LOG_LEVEL: 'info',
      }),
    });
    try {
      const url = await bot.running(60_000);
      // Several seconds of ioredis and BullMQ retrying every connection (they would print hundreds of lines).
      await new Promise((r) => setTimeout(r, 8000));
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({
        database: 'ok',
        redis: 'down',
        reason: `Redis unreachable at redis://127.0.0.1:${port}/0`,
      });
      const aboutRedis = bot.output.split('\n').filter((line) => /redis/i.test(line));
      // One start-up line saying where Redis is, and one warning from each role.
      expect(aboutRedis.length).toBeLessThanOrEqual(3);
      expect(aboutRedis.filter((line) => line.includes(`Redis unreachable at redis://127.0.0.1:${port}/0 (ECONNREFUSED)`))).toHaveLength(2);
      expect(bot.output).not.toContain('s3cret-password');
      expect(bot.output.trim().split('\n').length).toBeLessThan(20);
    } finally {
      await bot.stop('SIGKILL');
    }
  }, 90_000);
});
