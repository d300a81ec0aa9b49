import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startWorkersProcess, type WorkersProcess } from '../workers-process.js';
import { acceptedPerNumber, rateBreaches } from '../delivery-ledger.js';
import { eventually, TestApp } from '../test-app.js';
import { insertPeopleInWork } from '../people-in-work.fixture.js';

/** The whole Ofcom drama range, one number each. */
const PEOPLE = 1000;
const RATE_PER_MINUTE = 3000;
const FIRST_NUMBER = 447700900000;

interface Campaign {
  id: string;
  status: string;
  counts: { targeted: number; pending: number; sent: number; skipped: number; cancelled: number; responded: number };
}

describe('a campaign for 1,000 people at a set rate, with the workers process killed part-way', () => {
  let app: TestApp;
  let child: WorkersProcess | undefined;
  let team: { id: string; token: string };

  beforeAll(async () => {
    // Web in this process; workers in a child process we can kill -9. Jobs held by a killed worker come back in ~2 s.
    app = await TestApp.start({ workers: false, env: { JOB_LOCK_MS: '2000', OUTBOUND_RATE_PER_SECOND: '200' } });
    const keyWorker = await app.createStaff('key_worker', 'Priya', 'Scale');
    team = await app.createStaff('in_work_team', 'Jo', 'Scale');
    await app.api('PUT', '/api/reminder-policy', { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 }, team.token);
    // A thousand people in work, written directly: the API path is not what this test is about.
    await insertPeopleInWork(app.db, { keyWorkerId: keyWorker.id, team: 'Scale', count: PEOPLE, firstNumber: FIRST_NUMBER });
  }, 120_000);
  afterAll(async () => {
    await child?.stop();
    await app?.close();
  });

  it('sends each person the pulse exactly once, no faster than the rate, and finishes after the kill', async () => {
    child = await startWorkersProcess({ ...app.env, PATH: process.env.PATH ?? '' });
    const campaignStarted = Date.now();
    const created = await app.api<Campaign>('POST', '/api/campaigns', { name: 'Month one pulse', type: 'pulse', filter: { inWork: true }, ratePerMinute: RATE_PER_MINUTE }, team.token);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.counts.targeted).toBe(PEOPLE);

    await eventually(async () => app.twilio.accepted.length >= 250, 60_000, '250 messages sent');
    process.kill(child.pid, 'SIGKILL');
    await child.stop();
    child = undefined;
    const killedAt = new Date();
    const atKill = app.twilio.accepted.length;
    await app.startWorkers();

    const done = await eventually(
      async () => {
        const c = (await app.api<Campaign>('GET', `/api/campaigns/${created.body.id}`, undefined, team.token)).body;
        return c.counts.pending === 0 && c;
      },
      90_000,
      'every recipient handled',
    );
    // Every queued send handed over: nothing still queued for Twilio.
    // Nothing queued, and nothing being sent now (a send the new workers are making is `sending` too): what is left
    // `sending` is only what the kill cut.
    await eventually(async () => {
      const queued = await app.db.selectFrom('messages').select('id').where('kind', '=', 'campaign').where('status', '=', 'queued').execute();
      const live = await app.db.selectFrom('messages').select('id').where('status', '=', 'sending').where('claimed_at', '>', killedAt).execute();
      return queued.length === 0 && live.length === 0;
    }, 30_000, 'the sends after the kill');

    const { counts } = done;
    expect(counts.targeted).toBe(PEOPLE);
    expect(counts.sent + counts.skipped + counts.cancelled + counts.pending).toBe(PEOPLE);
    expect(counts.sent).toBe(PEOPLE);
    expect(app.twilio.accepted.length).toBeGreaterThan(atKill);

    // One campaign message row a person, never two.
    const rows = await app.db
      .selectFrom('messages')
      .select(['participant_id', 'status', sql<string>`count(*) over (partition by participant_id)`.as('n')])
      .where('kind', '=', 'campaign')
      .execute();
    expect(rows).toHaveLength(PEOPLE);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);

    // At Twilio: nobody twice. A send cut off mid-call by the kill may or may not have reached Twilio; it waits for the
    // sweep to look it up after the safe wait (two minutes, longer than this test), so anyone missing is one of those,
    // and there are no more of them than sends in flight.
    const perNumber = acceptedPerNumber(app.twilio.accepted);
    expect([...perNumber.values()].every((n) => n === 1)).toBe(true);
    const interrupted = rows.filter((r) => r.status === 'sending' || r.status === 'unconfirmed').length;
    expect(PEOPLE - perNumber.size).toBeLessThanOrEqual(interrupted);
    expect(interrupted).toBeLessThanOrEqual(10);

    // Never faster than the rate: the messages took at least as long as their slots allow.
    expect(rateBreaches(app.twilio.accepted.map((m) => m.at.getTime()), RATE_PER_MINUTE, campaignStarted)).toEqual([]);
  }, 180_000);
});
