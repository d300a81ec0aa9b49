import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, REPO_ROOT, childEnv } from '../bot-process.js';
import { FakeTwilio } from '../fake-twilio.js';
import { createTestDatabase, testRedisUrl } from '../test-database.js';
import { eventually } from '../test-app.js';
import { TEST_BOT_NUMBER, inboundParams, postSignedForm } from '../twilio-signer.js';

const PUBLIC_BASE_URL = 'https://bot.example.test';
const ADMIN_TOKEN = 'production-admin-token-0123456789';

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: process.env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
}

/**
 * The production start, step by step as the Dockerfile and compose.yaml do it: `npm run build` (here: only if the
 * sources changed since the last build), then a directory holding only package.json, package-lock.json, dist/ and
 * node_modules, `npm prune --omit=dev` there, `migrate`, and web and workers as separate processes against one
 * PostgreSQL and Redis. `node` is Node 22, as in the image. The copy's node_modules is hard links to this checkout's
 * (a second or two instead of a fresh `npm ci`'s twenty): pruning only unlinks, and the one file npm rewrites in
 * place, node_modules/.package-lock.json, is copied for real so this checkout's stays as it was.
 */
describe('production start from a copy without dev dependencies', () => {
  let app: string;
  let database: { url: string; drop: () => Promise<void> };
  const twilio = new FakeTwilio();
  let env: Record<string, string | undefined>;
  const processes: BotProcess[] = [];
  const started = (bot: BotProcess) => (processes.push(bot), bot);

  beforeAll(async () => {
    run(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'build.ts'), '--if-stale'], REPO_ROOT);
    app = mkdtempSync(join(tmpdir(), 'bot-production-'));
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(REPO_ROOT, file), join(app, file));
    cpSync(join(REPO_ROOT, 'dist'), join(app, 'dist'), { recursive: true });
    run('cp', ['-al', join(REPO_ROOT, 'node_modules'), join(app, 'node_modules')], REPO_ROOT);
    const hiddenLockfile = join(app, 'node_modules', '.package-lock.json');
    rmSync(hiddenLockfile);
    cpSync(join(REPO_ROOT, 'node_modules', '.package-lock.json'), hiddenLockfile);
    run('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund'], app);
    database = await createTestDatabase('production');
    await twilio.start();
    env = childEnv({
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: `p${randomBytes(6).toString('hex')}`,
      PORT: '0',
      WORKERS_PORT: '0',
      PUBLIC_BASE_URL,
      ADMIN_TOKEN,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      TWILIO_SMS_FROM: TEST_BOT_NUMBER,
      LOG_LEVEL: 'warn',
      SWEEP_INTERVAL_MS: '1000',
    });
  }, 600_000);

  afterAll(async () => {
    for (const bot of processes) await bot.stop('SIGKILL');
    await twilio.stop();
    await database?.drop();
    if (app) rmSync(app, { recursive: true, force: true });
  });

  const entry = () => join(app, 'dist', 'start.js');

  // typescript is there all the same: a peer dependency of valibot, which @bull-board/api needs.
  it('has no dev dependency in the copy', () => {
    expect(existsSync(join(app, 'node_modules', 'bullmq'))).toBe(true);
    for (const devOnly of ['tsx', 'vitest', 'esbuild', 'sass', 'openapi-typescript', 'playwright-core', 'node']) {
      expect(existsSync(join(app, 'node_modules', devOnly)), devOnly).toBe(false);
    }
  });

  let web: BotProcess;
  let workers: BotProcess;
  let webUrl: string;

  it('migrates as its own step, then web and workers answer a signed text', async () => {
    const migrate = started(new BotProcess(['migrate'], { entry: entry(), cwd: app, env }));
    expect(await migrate.exited).toBe(0);
    expect(migrate.output).toMatch(/^Migrations: applied 0001-/);

    // Both at once: each also takes the migration lock, finds nothing to do, and starts.
    web = started(new BotProcess(['web'], { entry: entry(), cwd: app, env }));
    workers = started(new BotProcess(['workers'], { entry: entry(), cwd: app, env: { ...env, SHUTDOWN_TIMEOUT_MS: '1500' } }));
    [webUrl] = await Promise.all([web.running(60_000), workers.running(60_000)]);
    const healthUrl = /Health and metrics: (http:\/\/\S+)\/healthz/.exec(workers.output)?.[1];
    expect(healthUrl).toBeDefined();
    expect((await fetch(`${healthUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${healthUrl}/readyz`);
    expect(await ready.json()).toEqual({ database: 'ok', redis: 'ok' });

    const created = await fetch(`${webUrl}/api/participants`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: 'Sam', phone: '07700 900971', channel: 'sms', consent: { contact: true }, contactConfirmed: true }),
    });
    expect(created.status).toBe(201);
    const inbound = await postSignedForm(webUrl, PUBLIC_BASE_URL, '/twilio/inbound', inboundParams({ from: '+447700900971', body: 'HELP' }), twilio.authToken);
    expect(inbound.status).toBe(200);
    const [reply] = await twilio.waitForMessages(1, 30_000);
    expect(reply?.form.To).toBe('+447700900971');
    const metrics = await eventually(async () => {
      const text = await (await fetch(`${healthUrl}/metrics`)).text();
      return /engagement_worker_jobs_total\{queue="outbound",outcome="completed"\} 1/.test(text) && text;
    }, 10_000, 'the send counted in the workers metrics');
    expect(metrics).toContain('engagement_worker_jobs_active{queue="turn"} 0');
  }, 180_000);

  it('on SIGTERM lets work finish up to SHUTDOWN_TIMEOUT_MS, then exits 1 saying what it cut', async () => {
    // Twilio holds the next send without answering (the transport's own timeout is far longer than the deadline).
    twilio.failNext(1, 'timeout');
    const before = twilio.messages.length;
    await postSignedForm(webUrl, PUBLIC_BASE_URL, '/twilio/inbound', inboundParams({ from: '+447700900971', body: 'HELP' }), twilio.authToken);
    await twilio.waitForMessages(before + 1, 30_000);

    const stopAsked = Date.now();
    expect(await workers.stop('SIGTERM')).toBe(1);
    expect(Date.now() - stopAsked).toBeGreaterThanOrEqual(1500);
    expect(workers.output).toMatch(/Shutdown deadline of 1500 ms passed: cut 1 job\(s\) in flight: outbound send-[0-9a-f-]+;/);
    // The web role had nothing in flight: it closes cleanly and exits 0.
    expect(await web.stop('SIGTERM')).toBe(0);
  }, 60_000);
});
