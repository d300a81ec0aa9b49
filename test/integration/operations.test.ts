/**
 * Operating the bot: bull-board behind admin auth, the Prometheus metrics operators alert on (queue depth, send
 * rate, send failures, webhook latency), and a graceful shutdown that lets jobs in flight finish — both
 * WorkersRole.close() and SIGTERM to a workers process. Phones: +447700900880–899.
 */
import { Queue } from 'bullmq';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkersProcess, type WorkersProcess } from '../workers-process.js';
import { QUEUE_BOARD_CSP } from '../../bot/routes/queue-board.routes.js';
import { QUEUE_NAMES } from '../../workers/queues.js';
import { ADMIN_TOKEN, eventually, TestApp } from '../test-app.js';

/** One sample's value from Prometheus text, by metric name and exact labels (in the order prom-client writes them). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('bull-board at /admin/queues, for admins only', () => {
  let app: TestApp;
  let keyWorker: { token: string };
  let inWork: { token: string };

  beforeAll(async () => {
    app = await TestApp.start();
    keyWorker = await app.createStaff('key_worker', 'Priya');
    inWork = await app.createStaff('in_work_team', 'Jo');
  });
  afterAll(async () => app?.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const signIn = async (token: string) => {
    const response = await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(response.status).toBe(201);
    return { Cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] as string };
  };
  const PATHS = ['/admin/queues', '/admin/queues/', '/admin/queues/queue/outbound', '/admin/queues/api/queues', '/admin/queues/static/images/logo.svg'];

  it.each(PATHS)('%s: 401 without credentials or with a wrong token', async (path) => {
    expect((await get(path)).status).toBe(401);
    expect((await get(path, bearer('not-a-token-0123456789abcdef'))).status).toBe(401);
  });

  it.each(PATHS)('%s: 403 for a key worker or in-work staff, by token or dashboard session', async (path) => {
    expect((await get(path, bearer(keyWorker.token))).status).toBe(403);
    expect((await get(path, bearer(inWork.token))).status).toBe(403);
    expect((await get(path, await signIn(keyWorker.token))).status).toBe(403);
  });

  it('an admin sees the page, its files and every queue with its counts (by token or dashboard session)', async () => {
    await app.stopWorkers();
    await app.createParticipant('+447700900880');
    await app.inbound('+447700900880', 'Is the jobs fair on Friday?');

    const page = await get('/admin/queues', bearer(ADMIN_TOKEN));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(QUEUE_BOARD_CSP);
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/"');
    expect(html).toContain('Engagement bot queues');
    expect(html).not.toContain('fonts.googleapis.com');
    expect(html).not.toContain('<%');
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await get(`/admin/queues/${script}`, bearer(ADMIN_TOKEN));
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');

    for (const headers of [bearer(ADMIN_TOKEN), await signIn(ADMIN_TOKEN)]) {
      const api = await get('/admin/queues/api/queues?activeQueue=turn&status=waiting&page=1', headers);
      expect(api.status).toBe(200);
      const body = (await api.json()) as { queues: Array<{ name: string; counts: Record<string, number>; readOnlyMode: boolean; jobs: Array<{ data: unknown }> }> };
      expect(body.queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUE_NAMES).sort());
      const turn = body.queues.find((q) => q.name === 'turn');
      expect(turn?.counts.waiting).toBe(1);
      expect(turn?.readOnlyMode).toBe(true);
      // Jobs carry ids only: no number, no text.
      expect(JSON.stringify(turn?.jobs)).not.toMatch(/447700900880|jobs fair/);
    }
    await app.startWorkers();
  });

  it('is read-only, even for an admin: nothing can be paused, emptied or added from it', async () => {
    const outbound = new Queue(QUEUE_NAMES.outbound, { connection: app.redis, prefix: app.config.QUEUE_PREFIX });
    for (const [method, path] of [
      ['PUT', '/admin/queues/api/queues/outbound/pause'],
      ['PUT', '/admin/queues/api/queues/outbound/empty'],
      ['POST', '/admin/queues/api/queues/outbound/add'],
    ] as const) {
      const response = await fetch(`${app.url}${path}`, { method, headers: { ...bearer(ADMIN_TOKEN), 'Content-Type': 'application/json' }, body: '{}' });
      expect(response.status, path).toBe(405);
    }
    expect(await outbound.isPaused()).toBe(false);
    await outbound.close();
  });
});

describe('Prometheus metrics: queue depth, send rate, send failures, webhook latency', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(async () => app?.close());

  const metrics = async () => (await fetch(`${app.url}/metrics`)).text();

  it('counts messages sent, failures by kind and whether final, and times every webhook', async () => {
    const first = await metrics();
    expect(sample(first, 'engagement_messages_sent_total')).toBe(0);

    const people = ['+447700900881', '+447700900882', '+447700900883'];
    for (const phone of people) await app.createParticipant(phone);
    // One 500 (tried again, then sent) and one bad number (final: no retry).
    let failed500 = false;
    app.twilio.failWith((m) => {
      if (m.form.To === people[0] && !failed500) {
        failed500 = true;
        return { status: 500 };
      }
      if (m.form.To === people[2]) return { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." };
      return null;
    });
    for (const phone of people) expect((await app.inbound(phone, 'Can I get help with bus fares?')).response.status).toBe(200);
    const text = await eventually(
      async () => {
        const t = await metrics();
        return sample(t, 'engagement_messages_sent_total') === 2 && sample(t, 'engagement_send_failures_total', 'kind="bad_number",final="true"') === 1 && t;
      },
      20_000,
      'the sends counted',
    );
    app.twilio.failWith(null);
    expect(sample(text, 'engagement_send_failures_total', 'kind="retryable",final="false"')).toBe(1);
    expect(sample(text, 'engagement_twilio_webhook_duration_seconds_count', 'route="inbound",status="200"')).toBe(3);
    expect(sample(text, 'engagement_twilio_webhook_duration_seconds_bucket', 'le="15",route="inbound",status="200"')).toBe(3);
    expect(text).toMatch(/# TYPE engagement_messages_sent_total counter/);
    expect(text).toMatch(/# TYPE engagement_twilio_webhook_duration_seconds histogram/);
    // A forged webhook is timed too, under its own status.
    await app.inbound(people[1] as string, 'forged', { signature: 'AAAA' });
    expect(sample(await metrics(), 'engagement_twilio_webhook_duration_seconds_count', 'route="inbound",status="403"')).toBe(1);
  });

  it('shows queue depth by queue and state', async () => {
    await app.stopWorkers();
    await app.createParticipant('+447700900884');
    await app.inbound('+447700900884', 'Hello, is anyone there?');
    await app.inbound('+447700900884', 'Hello again');
    const text = await metrics();
    expect(sample(text, 'engagement_queue_jobs', 'queue="turn",state="waiting"')).toBe(2);
    for (const queue of Object.values(QUEUE_NAMES)) expect(sample(text, 'engagement_queue_jobs', `queue="${queue}",state="active"`), queue).toBe(0);
    await app.startWorkers();
    await eventually(async () => sample(await metrics(), 'engagement_queue_jobs', 'queue="turn",state="waiting"') === 0, 15_000, 'the turns taken');
  });
});

describe('graceful shutdown finishes the jobs in flight', () => {
  let app: TestApp;
  let child: WorkersProcess | undefined;
  let locker: pg.Client | undefined;

  beforeAll(async () => {
    app = await TestApp.start({ env: { JOB_LOCK_MS: '2000' } });
  });
  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    await child?.stop();
    await app?.close();
  });

  /** Every job in an active list: queue, id, name and who holds its lock, so a failure says which job was left. */
  const activeJobList = async () => {
    const active: Array<{ queue: string; id: string; name: string | null; lock: string | null }> = [];
    for (const name of Object.values(QUEUE_NAMES)) {
      for (const id of await app.redis.lrange(`${app.config.QUEUE_PREFIX}:${name}:active`, 0, -1)) {
        const [jobName, lock] = await Promise.all([
          app.redis.hget(`${app.config.QUEUE_PREFIX}:${name}:${id}`, 'name'),
          app.redis.get(`${app.config.QUEUE_PREFIX}:${name}:${id}:lock`),
        ]);
        active.push({ queue: name, id, name: jobName, lock });
      }
    }
    return active;
  };
  const activeJobs = async () => (await activeJobList()).length;

  it('WorkersRole.close() while a send is waiting on Twilio: it is answered, recorded, and nothing is left active', async () => {
    const phone = '+447700900890';
    const participant = await app.createParticipant(phone);
    app.twilio.setDelay(2500);
    await app.inbound(phone, 'What time does the centre open?');
    const [request] = await app.twilio.waitForMessages(1, 15_000);
    const closing = app.stopWorkers().then(() => Date.now());
    const closedAt = await closing;
    app.twilio.setDelay(0);

    // close() waited for the answer Twilio was still thinking about.
    expect(request?.response).toBe(201);
    expect(closedAt).toBeGreaterThanOrEqual((request?.at.getTime() as number) + 2400);
    const row = await app.db.selectFrom('messages').select(['status', 'twilio_sid']).where('participant_id', '=', participant.id).where('direction', '=', 'outbound').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'accepted', twilio_sid: request?.sid });
    expect((await app.record(participant.id)).filter((e) => e.type === 'message.outbound')).toHaveLength(1);
    expect(await activeJobList()).toEqual([]);
    await app.startWorkers();
  });

  it('SIGTERM to a workers process in the middle of a turn: the turn commits, the process exits 0, and the reply goes once', async () => {
    await app.stopWorkers();
    const phone = '+447700900891';
    const participant = await app.createParticipant(phone);
    // The turn is held inside its transaction (waiting on this row lock) when the signal comes.
    locker = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await locker.connect();
    await locker.query('begin');
    await locker.query('select id from participants where id = $1 for no key update', [participant.id]);
    // The product's default job lock (30 s), not this file's 2 s: on a loaded machine the child's lock renewals came
    // late, the waiting turn lost its lock, and BullMQ could not record it as completed (left active with no lock, to
    // be re-run after the stalled check): a failure of the shortened lock, not of graceful shutdown.
    child = await startWorkersProcess({ ...app.env, JOB_LOCK_MS: '30000', PATH: process.env.PATH ?? '' });
    const { sid } = await app.inbound(phone, 'Can I bring my CV on Tuesday?');
    await eventually(
      async () => {
        const waiting = await sql<{ n: string }>`
          select count(*) as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query ilike '%participants%for update%'`.execute(app.db);
        return Number(waiting.rows[0]?.n) >= 1;
      },
      20_000,
      'the turn waiting inside its transaction',
    );
    let exitCode: number | null | 'running' = 'running';
    void child.exited.then((code) => (exitCode = code));
    process.kill(child.pid, 'SIGTERM');
    // Still running: it is waiting for the turn, not dropping it.
    await eventually(async () => (await activeJobs()) === 1, 5000, 'the turn still active after SIGTERM');
    expect(exitCode).toBe('running');
    await locker.query('commit');
    await locker.end();
    locker = undefined;

    expect(await child.exited).toBe(0);
    child = undefined;
    const text = await app.db.selectFrom('messages').select('status').where('twilio_sid', '=', sid).executeTakeFirstOrThrow();
    expect(text.status).toBe('processed');
    const outcome = await app.db.selectFrom('pending_writebacks').select('id').where('source_key', '=', `inbound-${sid}`).execute();
    expect(outcome).toHaveLength(1);
    expect(await activeJobList()).toEqual([]);

    // What the turn queued runs in the next workers process: one reply, once.
    await app.startWorkers();
    await eventually(async () => app.twilio.accepted.filter((m) => m.form.To === phone).length === 1, 15_000, 'the reply');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(app.twilio.accepted.filter((m) => m.form.To === phone)).toHaveLength(1);
  }, 90_000);
});
