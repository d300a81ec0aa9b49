/**
 * Scale-out proof: two web and two workers processes (the real entry, `start.ts web|workers`) against one PostgreSQL
 * and one Redis, with mixed traffic — texts that Twilio repeats to the other web process, reminders, a paced campaign
 * and status callbacks that arrive out of order at either web — and one workers process killed (SIGKILL) part-way.
 * After it: nothing lost, nothing twice, and the campaign never faster than its rate across both workers.
 * The killed process is replaced, as an orchestrator would, by a workers role whose clock is past the safe wait, so
 * sends the kill cut mid-call are looked up in Twilio now rather than in two minutes. Phones: +447700900500–599.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECONCILE_SAFE_WAIT_MS } from '../../domain/sending/send-reconcile.js';
import { BotProcess, childEnv, REPO_ROOT } from '../bot-process.js';
import { acceptedPerNumber, ledgerProblems, rateBreaches, readDeliveryLedger } from '../delivery-ledger.js';
import { bundleForNode, type NodeBundle } from '../node-bundle.js';
import { insertPeopleInWork } from '../people-in-work.fixture.js';
import { ShiftedClock } from '../shifted-clock.js';
import { eventually, PUBLIC_BASE_URL, TestApp } from '../test-app.js';
import { inboundParams, postSignedForm, statusParams } from '../twilio-signer.js';

const TEXTERS = Array.from({ length: 16 }, (_, i) => `+4477009005${String(i).padStart(2, '0')}`);
const REMINDED = Array.from({ length: 8 }, (_, i) => `+4477009005${String(50 + i).padStart(2, '0')}`);
const CAMPAIGN_FIRST = 447700900560;
const CAMPAIGN_PEOPLE = 24;
const RATE_PER_MINUTE = 120;
const TEAM = 'Scale';

interface Campaign {
  id: string;
  counts: { targeted: number; pending: number; sent: number };
}

describe('two web and two workers processes under mixed traffic, one workers process killed', () => {
  const clock = new ShiftedClock();
  let app: TestApp;
  const webs: BotProcess[] = [];
  const webUrls: string[] = [];
  const workers: BotProcess[] = [];
  let keyWorker: { id: string; token: string };
  let inWorkTeam: { id: string; token: string };
  let startBundle: NodeBundle | undefined;

  beforeAll(async () => {
    // The test's own web role serves only the set-up calls; every webhook goes to the two web processes.
    app = await TestApp.start({ clock, workers: false, env: { JOB_LOCK_MS: '2000' } });
    const env = childEnv({ ...app.env, WORKERS_PORT: '0' });
    // `start.ts` bundled once and run by plain node, as `node dist/start.js` runs: four tsx processes would each
    // transform the whole source tree again.
    startBundle = await bundleForNode(join(REPO_ROOT, 'start.ts'));
    const entry = startBundle.file;
    for (let i = 0; i < 2; i++) {
      webs.push(new BotProcess(['web'], { env, entry }));
      workers.push(new BotProcess(['workers'], { env, entry }));
    }
    // Four Node processes loading the whole bot at once on two cores: seconds on a quiet machine, far longer on a
    // busy one.
    webUrls.push(...(await Promise.all(webs.map((web) => web.running(150_000)))));
    await Promise.all(workers.map((worker) => worker.running(150_000)));

    keyWorker = await app.createStaff('key_worker', 'Priya', TEAM);
    inWorkTeam = await app.createStaff('in_work_team', 'Jo', TEAM);
    // Any hour of the day: the test is about processes, not quiet hours.
    const policy = { defaultOffsets: ['P1D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 };
    expect((await app.api('PUT', '/api/reminder-policy', policy, keyWorker.token)).status).toBe(200);
    for (const phone of [...TEXTERS, ...REMINDED]) await app.createParticipant(phone, keyWorker.token);
    await insertPeopleInWork(app.db, { keyWorkerId: keyWorker.id, team: TEAM, count: CAMPAIGN_PEOPLE, firstNumber: CAMPAIGN_FIRST });
  }, 200_000);

  afterAll(async () => {
    await Promise.all([...webs, ...workers].map((p) => p.stop()));
    await startBundle?.remove();
    await app?.close();
  });

  it('loses nothing, sends nothing twice, and holds the campaign rate across processes', async () => {
    const posted: string[] = [];
    /** A text as Twilio sends it, then the same MessageSid again to the other web process (Twilio's retry). */
    const text = async (from: string, body: string, first: number) => {
      const params = inboundParams({ from, body });
      for (const url of [webUrls[first % 2], webUrls[(first + 1) % 2]] as string[]) {
        const response = await postSignedForm(url, PUBLIC_BASE_URL, '/twilio/inbound', params, app.twilio.authToken);
        expect(response.status).toBe(200);
      }
      posted.push(params.MessageSid as string);
    };
    const round = (n: number) => Promise.all(TEXTERS.map((from, i) => text(from, `Round ${n}: can my key worker call me back please`, i + n)));

    const campaignStarted = Date.now();
    const campaign = await app.api<Campaign>('POST', '/api/campaigns', { name: 'Week one pulse', type: 'pulse', filter: { inWork: true }, ratePerMinute: RATE_PER_MINUTE }, inWorkTeam.token);
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    expect(campaign.body.counts.targeted).toBe(CAMPAIGN_PEOPLE);
    // Booked three hours ahead with a day's notice asked for: the reminder is due at once.
    const startsAt = new Date(Date.now() + 3 * 60 * 60_000).toISOString();
    const participants = await app.db.selectFrom('participants').select(['id', 'phone']).where('phone', 'in', REMINDED).execute();
    for (const p of participants) {
      const booked = await app.api('POST', `/api/participants/${p.id}/appointments`, { startsAt, title: 'Review', mandatory: false }, keyWorker.token);
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    }
    await round(1);

    // Killed part-way: the campaign begun and not finished, some texts answered.
    const campaignPhones = new Set(Array.from({ length: CAMPAIGN_PEOPLE }, (_, i) => `+${CAMPAIGN_FIRST + i}`));
    const campaignSent = () => app.twilio.accepted.filter((m) => campaignPhones.has(String(m.form.To))).length;
    await eventually(async () => campaignSent() >= 6, 60_000, 'a quarter of the campaign sent');
    expect(campaignSent()).toBeLessThan(CAMPAIGN_PEOPLE);
    await workers[0]?.stop('SIGKILL');
    await round(2);

    await eventually(
      async () => {
        const c = (await app.api<Campaign>('GET', `/api/campaigns/${campaign.body.id}`, undefined, inWorkTeam.token)).body;
        const queued = await app.db.selectFrom('messages').select('id').where('direction', '=', 'outbound').where('status', '=', 'queued').execute();
        const waiting = await app.db.selectFrom('messages').select('id').where('direction', '=', 'inbound').where('status', '!=', 'processed').execute();
        return c.counts.pending === 0 && queued.length === 0 && waiting.length === 0;
      },
      90_000,
      'the campaign finished and every text answered by the surviving workers process',
    );

    // The replacement: the cut sends' safe wait has passed by its clock, and its sweep looks them up in Twilio.
    clock.advance(RECONCILE_SAFE_WAIT_MS + 1000);
    await app.startWorkers();
    const ledger = await eventually(
      async () => {
        const l = await readDeliveryLedger(app.db, posted, app.twilio.accepted);
        return (l.outboundByStatus.sending ?? 0) === 0 && (l.outboundByStatus.queued ?? 0) === 0 && l;
      },
      60_000,
      'sends cut by the kill reconciled',
    );
    expect(ledger.repliesPerInbound.size).toBe(TEXTERS.length * 2);
    expect(ledgerProblems(ledger)).toEqual([]);

    // Each reminded person had one reminder, each campaign person one pulse.
    const perNumber = acceptedPerNumber(app.twilio.accepted);
    for (const phone of REMINDED) expect(perNumber.get(phone), phone).toBe(1);
    for (const phone of campaignPhones) expect(perNumber.get(phone), phone).toBe(1);

    // Never faster than the rate, whichever process sent.
    const times = app.twilio.accepted.filter((m) => campaignPhones.has(String(m.form.To))).map((m) => m.at.getTime());
    expect(rateBreaches(times, RATE_PER_MINUTE, campaignStarted)).toEqual([]);

    // Status callbacks at either web process, out of order: `delivered` at one, a late `sent` at the other.
    const sent = app.twilio.accepted.filter((m) => m.sid !== undefined);
    for (const [i, m] of sent.entries()) {
      const to = String(m.form.To);
      for (const [status, url] of [['delivered', webUrls[i % 2]], ['sent', webUrls[(i + 1) % 2]]] as const) {
        const response = await postSignedForm(url as string, PUBLIC_BASE_URL, '/twilio/status', statusParams({ sid: m.sid as string, status, to }), app.twilio.authToken);
        expect(response.status).toBe(200);
      }
    }
    const statuses = await app.db.selectFrom('messages').select('status').where('direction', '=', 'outbound').where('twilio_sid', 'is not', null).execute();
    expect(statuses).toHaveLength(sent.length);
    expect(statuses.every((s) => s.status === 'delivered')).toBe(true);
  }, 240_000);
});
