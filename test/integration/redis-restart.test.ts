/**
 * Redis really restarted in the middle of a run: a redis-server of this file's own (nothing on disk, like the
 * machine's) is killed and started again on the same port while texts come in, a reminder is waiting and a campaign
 * is going out. Every connection drops and every queued job, delayed job, scheduler and lock is gone; the database
 * is the truth and the sweep puts it all back. (The shared Redis on 6379 is never touched.) Phones: +447700900700–749.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedPerNumber, ledgerProblems, readDeliveryLedger } from '../delivery-ledger.js';
import { RedisServerProcess } from '../redis-server.js';
import { eventually, TestApp } from '../test-app.js';
import { insertPeopleInWork } from '../people-in-work.fixture.js';

const TEXTERS = Array.from({ length: 10 }, (_, i) => `+4477009007${String(i).padStart(2, '0')}`);
const REMINDED = '+447700900720';
const CAMPAIGN_PEOPLE = 8;
const FIRST_CAMPAIGN_NUMBER = 447700900730;

describe('Redis restarted mid-run (a redis-server of its own, killed and started again)', () => {
  const redis = new RedisServerProcess();
  let app: TestApp;
  let team: { id: string; token: string };
  const posted: string[] = [];

  const textAll = async (round: string) => {
    const results = await Promise.all(TEXTERS.map((from, i) => app.inbound(from, `Round ${round}: question ${i} about my travel claim`)));
    for (const { response, sid } of results) {
      expect(response.status).toBe(200);
      posted.push(sid);
    }
  };

  beforeAll(async () => {
    await redis.start();
    app = await TestApp.start({ env: { REDIS_URL: redis.url } });
    app.redis.on('error', () => undefined);
    const keyWorker = await app.createStaff('key_worker', 'Priya', 'Restart');
    team = await app.createStaff('in_work_team', 'Jo', 'Restart');
    await app.api('PUT', '/api/reminder-policy', { defaultOffsets: ['PT2H'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 }, team.token);
    for (const phone of [...TEXTERS, REMINDED]) await app.createParticipant(phone, keyWorker.token);
    await insertPeopleInWork(app.db, { keyWorkerId: keyWorker.id, team: 'Restart', count: CAMPAIGN_PEOPLE, firstNumber: FIRST_CAMPAIGN_NUMBER, namePrefix: 'C' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await redis.stop();
  });

  it('texts, a reminder and a campaign in flight: each text answered once, the reminder and every campaign message sent once', async () => {
    // A reminder due a few seconds from now: its delayed job is in Redis when Redis goes.
    const reminded = await app.db.selectFrom('participants').select('id').where('phone', '=', REMINDED).executeTakeFirstOrThrow();
    const booked = await app.api<{ reminders: Array<{ status: string }> }>('POST', `/api/participants/${reminded.id}/appointments`, {
      startsAt: new Date(Date.now() + 2 * 3600_000 + 15_000).toISOString(),
      title: 'Restart review',
      mandatory: false,
    });
    expect(booked.body.reminders).toEqual([expect.objectContaining({ status: 'scheduled' })]);
    // A campaign at one every 1.5 s: part of it is sent before the restart, the rest has to come back from the database.
    const campaign = await app.api<{ id: string }>('POST', '/api/campaigns', { name: 'Restart pulse', type: 'pulse', filter: { inWork: true }, ratePerMinute: 40 }, team.token);
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);

    await textAll('one');
    await eventually(async () => app.twilio.accepted.length >= 5, 15_000, 'some replies before the restart');
    // More texts arrive while Redis goes down (each one answered 200 and stored even so).
    const second = textAll('two');
    await redis.stop();
    await second;
    // Really mid-run: the reminder and part of the campaign were still waiting in the Redis that just went.
    expect(app.twilio.accepted.some((m) => m.form.To === REMINDED)).toBe(false);
    const waiting = await app.db.selectFrom('campaign_recipients').select('participant_id').where('status', '=', 'pending').execute();
    expect(waiting.length).toBeGreaterThan(0);
    await textAll('three');
    expect((await fetch(`${app.url}/readyz`)).status).toBe(503);
    const stored = await app.db.selectFrom('messages').select('id').where('direction', '=', 'inbound').execute();
    expect(stored).toHaveLength(posted.length);

    await redis.start();
    await eventually(async () => (await fetch(`${app.url}/readyz`)).status === 200, 20_000, 'ready again');
    await eventually(
      async () => {
        const ledger = await readDeliveryLedger(app.db, posted, app.twilio.accepted);
        const allAnswered = ledger.lostInbound.length === 0 && [...ledger.repliesPerInbound.values()].every((n) => n === 1);
        return allAnswered && ledger.lostOutbound === 0 && ledger;
      },
      60_000,
      'every text answered and every reply handed to Twilio',
    );
    const reminder = await eventually(async () => app.twilio.accepted.find((m) => m.form.To === REMINDED), 30_000, 'the reminder');
    expect(String(reminder.form.Body)).toContain('Restart review');
    await eventually(
      async () => {
        const sent = app.twilio.accepted.filter((m) => Number(String(m.form.To).slice(1)) >= FIRST_CAMPAIGN_NUMBER);
        return new Set(sent.map((m) => m.form.To)).size === CAMPAIGN_PEOPLE;
      },
      30_000,
      'every campaign message',
    );
    // A few more sweeps (every 500 ms) re-add everything pending again: none of it goes twice.
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const ledger = await readDeliveryLedger(app.db, posted, app.twilio.accepted);
    expect(posted).toHaveLength(TEXTERS.length * 3);
    expect(ledgerProblems(ledger)).toEqual([]);
    const perNumber = acceptedPerNumber(app.twilio.accepted);
    expect(perNumber.get(REMINDED)).toBe(1);
    for (let n = 0; n < CAMPAIGN_PEOPLE; n++) expect(perNumber.get(`+${FIRST_CAMPAIGN_NUMBER + n}`)).toBe(1);
    for (const phone of TEXTERS) expect(perNumber.get(phone)).toBe(3);
    const counts = (await app.api<{ counts: { sent: number; pending: number } }>('GET', `/api/campaigns/${campaign.body.id}`, undefined, team.token)).body.counts;
    expect(counts).toMatchObject({ sent: CAMPAIGN_PEOPLE, pending: 0 });
  }, 120_000);
});
