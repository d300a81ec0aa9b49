/**
 * campaign_fanout, through the real API and workers (PostgreSQL, Redis, Twilio faked at its HTTP boundary):
 *  - enqueue_s: seconds from POST /api/campaigns for 50,000 people (resolving the audience, pacing every slot,
 *    writing the recipients) until every one of their delayed BullMQ jobs is in Redis (target < 10 s);
 *  - send_rate_per_min, with the configured limit as its baseline: messages a minute handed to Twilio over a
 *    90-second run of a 600-a-minute campaign (target within 5 % of the limit, never above);
 *  - max_per_min_window: the most messages in any 60-second window of that run (never above the limit).
 * The 50,000 have no phone numbers (the enqueue does not send); the send run uses Ofcom's drama range.
 */
import { insertPeopleInWork } from '../test/people-in-work.fixture.js';
import { TestApp, eventually } from '../test/test-app.js';
import { progress, round, type BenchResult } from './bench-result.js';
import { REDIS_URL } from './reminder-fixture.js';

const BENCH = 'campaign_fanout';
const ENQUEUE_PEOPLE = 50_000;
const SEND_PEOPLE = 1000;
const RATE_PER_MINUTE = 600;
const SEND_RUN_MS = 90_000;

async function inWorkPeople(app: TestApp, keyWorkerId: string, count: number, phones: 'drama' | 'none'): Promise<void> {
  await insertPeopleInWork(app.db, { keyWorkerId, team: 'Bench', count, phones });
}

async function startApp(): Promise<{ app: TestApp; keyWorker: { id: string }; team: { token: string } }> {
  const app = await TestApp.start({ env: { REDIS_URL, OUTBOUND_RATE_PER_SECOND: '50', LOG_LEVEL: 'silent' } });
  const keyWorker = await app.createStaff('key_worker', 'Priya', 'Bench');
  const team = await app.createStaff('in_work_team', 'Jo', 'Bench');
  await app.api('PUT', '/api/reminder-policy', { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 }, team.token);
  return { app, keyWorker, team };
}

async function measureEnqueue(): Promise<number> {
  const { app, keyWorker, team } = await startApp();
  try {
    await inWorkPeople(app, keyWorker.id, ENQUEUE_PEOPLE, 'none');
    const delayedKey = `${app.config.QUEUE_PREFIX}:campaign:delayed`;
    const started = performance.now();
    const created = await app.api('POST', '/api/campaigns', {
      name: 'Fan-out',
      type: 'pulse',
      filter: { inWork: true },
      ratePerMinute: 6000,
      // Tomorrow: nothing is sent while the jobs go in.
      startAt: new Date(Date.now() + 86_400_000).toISOString(),
    }, team.token);
    if (created.status !== 201) throw new Error(`campaign not created: ${created.status} ${JSON.stringify(created.body)}`);
    const answeredMs = performance.now() - started;
    await eventually(async () => (await app.redis.zcard(delayedKey)) >= ENQUEUE_PEOPLE, 120_000, `${ENQUEUE_PEOPLE} delayed jobs`);
    const seconds = (performance.now() - started) / 1000;
    progress(`${ENQUEUE_PEOPLE} people: the API answered in ${Math.round(answeredMs)} ms; all jobs in Redis after ${round(seconds, 2)} s`);
    return seconds;
  } finally {
    await app.close();
  }
}

async function measureSendRate(): Promise<{ perMinute: number; maxWindow: number; sent: number }> {
  const { app, keyWorker, team } = await startApp();
  try {
    await inWorkPeople(app, keyWorker.id, SEND_PEOPLE, 'drama');
    const created = await app.api<{ id: string }>('POST', '/api/campaigns', { name: 'Rate', type: 'pulse', filter: { inWork: true }, ratePerMinute: RATE_PER_MINUTE }, team.token);
    if (created.status !== 201) throw new Error(`campaign not created: ${created.status}`);
    await new Promise((resolve) => setTimeout(resolve, SEND_RUN_MS));
    await app.api('POST', `/api/campaigns/${created.body.id}/pause`, undefined, team.token);
    const times = app.twilio.accepted.map((m) => m.at.getTime()).sort((a, b) => a - b);
    if (times.length < 2) throw new Error('fewer than two messages sent');
    const perMinute = ((times.length - 1) * 60_000) / ((times.at(-1) as number) - (times[0] as number));
    let maxWindow = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[i] as number) - (times[j] as number) >= 60_000) j++;
      maxWindow = Math.max(maxWindow, i - j + 1);
    }
    progress(`${times.length} sent in ${SEND_RUN_MS / 1000} s: ${round(perMinute, 1)} a minute against ${RATE_PER_MINUTE}; busiest minute ${maxWindow}`);
    return { perMinute, maxWindow, sent: times.length };
  } finally {
    await app.close();
  }
}

export async function campaignFanoutBench(): Promise<BenchResult[]> {
  const enqueueSeconds = await measureEnqueue();
  const rate = await measureSendRate();
  return [
    { bench: BENCH, metric: 'enqueue_s', value: round(enqueueSeconds, 2), unit: 's' },
    { bench: BENCH, metric: 'send_rate_per_min', value: round(rate.perMinute, 1), unit: 'messages/min', baseline: RATE_PER_MINUTE },
    { bench: BENCH, metric: 'max_per_min_window', value: rate.maxWindow, unit: 'messages', baseline: RATE_PER_MINUTE },
  ];
}
