import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCalendarDate } from '../../domain/time/calendar-date.js';
import { startOfNextLocalDay } from '../../domain/sending/message-cap.js';
import { CampaignRepository } from '../../store/campaign.repository.js';
import { MessageRepository } from '../../store/message.repository.js';
import { FireCampaignMessage } from '../../app/campaigns/fire-campaign-message.action.js';
import { eventually, ManualClock, TestApp } from '../test-app.js';

const POLICY = { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 };

interface Campaign {
  id: string;
  status: string;
  counts: {
    targeted: number;
    pending: number;
    sent: number;
    delivered: number;
    failed: number;
    responded: number;
    optedOut: number;
    skipped: number;
    cancelled: number;
    skippedBecause: Record<string, number>;
  };
}
interface Alert {
  type: string;
  participantId: string;
  data: Record<string, unknown>;
}

describe('campaigns and confidence pulses', () => {
  let app: TestApp;
  let keyWorker: { id: string; token: string };
  let team: { id: string; token: string };

  beforeAll(async () => {
    app = await TestApp.start();
    keyWorker = await app.createStaff('key_worker', 'Priya', 'Hull');
    team = await app.createStaff('in_work_team', 'Jo', 'Hull');
    expect((await app.api('PUT', '/api/reminder-policy', POLICY, keyWorker.token)).status).toBe(200);
    expect((await app.api('PUT', '/api/reminder-policy', POLICY, team.token)).status).toBe(200);
  });
  afterAll(async () => app?.close());

  const sentTo = (phone: string) => app.twilio.accepted.filter((m) => m.form.To === phone).map((m) => String(m.form.Body));
  const nextMessageTo = async (phone: string, count: number) =>
    (await eventually(async () => sentTo(phone).length >= count && sentTo(phone), 10_000, `message ${count} to ${phone}`))[count - 1] as string;
  const inWork = async (phone: string) => {
    const person = await app.createParticipant(phone, keyWorker.token);
    const started = await app.api('POST', `/api/participants/${person.id}/job-start`, { startDate: localCalendarDate(new Date(), 'Europe/London') }, keyWorker.token);
    expect(started.status).toBe(201);
    return person;
  };
  const create = async (body: Record<string, unknown>, token = team.token) => {
    const result = await app.api<Campaign>('POST', '/api/campaigns', { name: 'Week 4 pulse', ratePerMinute: 600, ...body }, token);
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    return result.body;
  };
  const campaign = async (id: string) => (await app.api<Campaign>('GET', `/api/campaigns/${id}`, undefined, team.token)).body;

  it('a pulse for one person: "5" is recorded; a later "1" raises confidence_drop; the participant shows the trend', async () => {
    const sam = await inWork('07700 900801');
    const first = await create({ type: 'pulse', participantIds: [sam.id] });
    const question = await nextMessageTo('+447700900801', 1);
    expect(question).toMatch(/this is Employment Support/);
    expect(question).toMatch(/0 to 6, how sure are you that you will still be in this job in 12 months/);

    await app.inbound('+447700900801', '5');
    expect(await nextMessageTo('+447700900801', 2)).toMatch(/Thank you, Sam/);
    const scored = await eventually(async () => (await app.record(sam.id)).find((e) => e.type === 'pulse.response'));
    expect(scored.data).toMatchObject({ score: 5, instrumentId: 'job-confidence', campaignId: first.id, previous: null });
    await eventually(async () => (await campaign(first.id)).counts.responded === 1, 10_000, 'responded');
    expect((await campaign(first.id)).status).toBe('completed');
    // Finished is said by the counts at once (nothing more can be paused) and recorded by the sweep, not by a read.
    expect((await app.api('POST', `/api/campaigns/${first.id}/pause`, undefined, team.token)).status).toBe(409);
    await eventually(async () => (await new CampaignRepository(app.db).find(first.id))?.status === 'completed', 10_000, 'recorded completed');

    await create({ type: 'pulse', name: 'Week 8 pulse', participantIds: [sam.id] });
    await nextMessageTo('+447700900801', 3);
    await app.inbound('+447700900801', 'one');
    expect(await nextMessageTo('+447700900801', 4)).toMatch(/Thank you for being honest/);
    const drop = await eventually(async () => {
      const alerts = await app.api<Alert[]>('GET', `/api/alerts?participantId=${sam.id}`, undefined, team.token);
      return alerts.body.find((a) => a.type === 'confidence_drop');
    });
    expect(drop.data).toMatchObject({ score: 1, previous: 5, concern: 'dropped' });

    const detail = await app.api<{ confidence: Array<{ instrumentId: string; points: Array<{ score: number }>; latest: number; change: number }> }>(
      'GET',
      `/api/participants/${sam.id}`,
      undefined,
      team.token,
    );
    expect(detail.body.confidence).toEqual([
      expect.objectContaining({ instrumentId: 'job-confidence', points: [expect.objectContaining({ score: 5 }), expect.objectContaining({ score: 1 })], latest: 1, change: -4 }),
    ]);
  });

  it('an answer off the scale is asked again once; "5/6" is read as 5', async () => {
    const kit = await inWork('07700 900802');
    await create({ type: 'pulse', participantIds: [kit.id] });
    await nextMessageTo('+447700900802', 1);
    await app.inbound('+447700900802', '9');
    expect(await nextMessageTo('+447700900802', 2)).toMatch(/one number from 0 to 6/);
    await app.inbound('+447700900802', '5/6');
    await nextMessageTo('+447700900802', 3);
    const scored = await eventually(async () => (await app.record(kit.id)).find((e) => e.type === 'pulse.response'));
    expect(scored.data).toMatchObject({ score: 5 });
  });

  it('a check-in campaign by filter: opted-out and muted people are skipped, counts add up, the CSV has every answer', async () => {
    const people = [await inWork('07700 900803'), await inWork('07700 900804'), await inWork('07700 900805'), await inWork('07700 900806')];
    const [ann, ben, cat, dev] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0], (typeof people)[0]];
    await app.db.updateTable('participants').set({ opted_out: true, opted_out_at: new Date() }).where('id', '=', cat.id).execute();
    expect((await app.api('PATCH', `/api/participants/${dev.id}`, { mutedStreams: ['campaigns'] }, keyWorker.token)).status).toBe(200);
    // Someone not in work is not in the audience.
    await app.createParticipant('07700 900807', keyWorker.token);

    const created = await create({ type: 'check_in', name: 'Month one', filter: { inWork: true, weeksSinceStart: { max: 2 } } });
    const done = await eventually(async () => {
      const c = await campaign(created.id);
      return c.counts.pending === 0 && c;
    });
    // Everyone in work in the team's caseload: the four here and the two from the tests above.
    expect(done.counts.targeted).toBe(6);
    expect(done.counts.skippedBecause).toEqual({ opted_out: 1, muted: 1 });
    expect(done.counts.optedOut).toBe(1);
    expect(done.counts.sent + done.counts.skipped + done.counts.pending + done.counts.cancelled).toBe(done.counts.targeted);
    expect(done.counts.sent).toBe(4);
    expect(sentTo('+447700900805')).toEqual([]);
    expect(sentTo('+447700900806')).toEqual([]);

    expect(await nextMessageTo('+447700900803', 1)).toMatch(/How is the job going\?/);
    await app.inbound('+447700900803', 'it is going really well thanks');
    await nextMessageTo('+447700900803', 2);
    await app.inbound('+447700900803', 'no thanks');
    await nextMessageTo('+447700900804', 1);
    await app.inbound('+447700900804', 'STOP');
    await eventually(async () => (await campaign(created.id)).counts.optedOut === 2, 10_000, 'the STOP counted');
    // STOP is not an answer: it counts as opted out, not responded.
    await eventually(async () => (await campaign(created.id)).counts.responded === 1, 10_000, 'the answer counted');

    const csv = await fetch(`${app.url}/api/campaigns/${created.id}/responses.csv`, { headers: { Authorization: `Bearer ${team.token}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('participant_id,first_name,status,reason,sent_at,delivery,responded_at,still_in_work,how_it_is_going,wants_call,left_job');
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.startsWith(ann.id))).toMatch(/,"good","false",$/);
    expect(lines.find((l) => l.startsWith(cat.id))).toMatch(/,skipped,"opted_out",/);
    expect(lines.find((l) => l.startsWith(ben.id))).toMatch(/,sent,/);
  });

  it('pause holds what is left, resume sends it, cancel stops it; each change only where it makes sense', async () => {
    const people = [];
    for (let i = 0; i < 4; i++) people.push(await inWork(`07700 90081${i}`));
    const created = await create({ type: 'pulse', participantIds: people.map((p) => p.id), ratePerMinute: 6, name: 'Slow pulse' });
    await eventually(async () => (await campaign(created.id)).counts.sent === 1, 10_000, 'the first message');
    const paused = await app.api<Campaign>('POST', `/api/campaigns/${created.id}/pause`, undefined, team.token);
    expect(paused.body.status).toBe('paused');
    expect((await app.api('POST', `/api/campaigns/${created.id}/pause`, undefined, team.token)).status).toBe(409);
    const resumed = await app.api<Campaign>('POST', `/api/campaigns/${created.id}/resume`, undefined, team.token);
    expect(resumed.body.status).toBe('running');
    const recipients = await app.db.selectFrom('campaign_recipients').select(['epoch', 'due_at', 'status']).where('campaign_id', '=', created.id).orderBy('due_at').execute();
    const waiting = recipients.filter((r) => r.status === 'pending');
    expect(waiting.every((r) => r.epoch === 1)).toBe(true);
    // At six a minute, slots stay ten seconds apart after a resume too.
    for (let i = 1; i < waiting.length; i++) expect(waiting[i]!.due_at.getTime() - waiting[i - 1]!.due_at.getTime()).toBeGreaterThanOrEqual(10_000);
    const cancelled = await app.api<Campaign>('POST', `/api/campaigns/${created.id}/cancel`, undefined, team.token);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.counts.cancelled).toBe(3);
    expect((await app.api('POST', `/api/campaigns/${created.id}/resume`, undefined, team.token)).status).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await campaign(created.id)).counts.sent).toBe(1);
  });

  /** Fires as the campaign worker would, at the clock's time; `planned[i]` is person i's slot. */
  const lateCampaign = async (phones: string[], ratePerMinute: number) => {
    const people = [];
    for (const phone of phones) people.push(await inWork(phone));
    const startAt = new Date(Date.now() + 3600_000);
    const created = await create({ type: 'pulse', participantIds: people.map((p) => p.id), ratePerMinute, startAt: startAt.toISOString() });
    const rows = await app.db.selectFrom('campaign_recipients').selectAll().where('campaign_id', '=', created.id).orderBy('slot').execute();
    const clock = new ManualClock(startAt);
    const fireAt = new FireCampaignMessage({ db: app.db, clock, timeZone: 'Europe/London', programmeName: 'Employment Support', dailyCap: 3 });
    const fire = (i: number, at: Date) => {
      clock.set(at);
      return fireAt.execute(created.id, rows[i]!.participant_id, 0);
    };
    return { planned: rows.map((r) => r.due_at), fire };
  };

  it('workers back after an outage catch up no faster than the rate: late messages go while the minute has room, the rest move once', async () => {
    const phones = ['07700 900830', '07700 900831', '07700 900832', '07700 900833', '07700 900834', '07700 900835', '07700 900836', '07700 900837'];
    const { planned, fire } = await lateCampaign(phones, 6);
    // Ten minutes after the last slot, as if every workers process had been down: six a minute go at once.
    const back = new Date(planned[7]!.getTime() + 10 * 60_000);
    for (let i = 0; i < 6; i++) expect(await fire(i, back), `message ${i}`).toMatchObject({ kind: 'sent' });
    // The seventh and eighth would make it eight in that minute: they move to when the six have left it.
    const minuteLater = new Date(back.getTime() + 60_000);
    expect(await fire(6, back)).toEqual({ kind: 'deferred', reason: 'late', until: minuteLater });
    expect(await fire(7, back)).toEqual({ kind: 'deferred', reason: 'late', until: minuteLater });
    // Still late when it next comes up (the workers are still behind): it goes now rather than move again.
    expect(await fire(6, new Date(back.getTime() + 20 * 60_000))).toMatchObject({ kind: 'sent' });
  });

  it('workers slower than the rate send each late message as it comes up, in plan order, instead of moving everyone', async () => {
    const phones = ['07700 900850', '07700 900851', '07700 900852', '07700 900853', '07700 900854'];
    const { planned, fire } = await lateCampaign(phones, 60);
    // Six seconds behind from the start (late is five), and losing ground: one message every 1.5 s against slots 1.02 s apart.
    for (let i = 0; i < phones.length; i++) {
      expect(await fire(i, new Date(planned[0]!.getTime() + 6000 + i * 1500)), `message ${i}`).toMatchObject({ kind: 'sent' });
    }
  });

  it('a job re-added late while the plan runs on time waits for room: sent now, the minute would hold more than the rate', async () => {
    const phones = ['07700 900860', '07700 900861', '07700 900862', '07700 900863', '07700 900864', '07700 900865', '07700 900866', '07700 900867', '07700 900868'];
    // Six a minute: slots 10.2 s apart.
    const { planned, fire } = await lateCampaign(phones, 6);
    expect(await fire(1, planned[1]!)).toMatchObject({ kind: 'sent' });
    expect(await fire(2, planned[2]!)).toMatchObject({ kind: 'sent' });
    // Person 0's job was lost and comes back 25 s after its slot, with two sent and six planned within a minute of it.
    const moved = await fire(0, new Date(planned[0]!.getTime() + 25_000));
    // Room comes a minute after the third slot, when the minute around it holds five of the rest.
    expect(moved).toEqual({ kind: 'deferred', reason: 'late', until: new Date(planned[3]!.getTime() + 60_000) });
  });

  it('someone over the daily cap waits for the next day (the one cap rule), rather than being skipped', async () => {
    const person = await inWork('07700 900840');
    const created = await create({ type: 'pulse', participantIds: [person.id], ratePerMinute: 60, startAt: new Date(Date.now() + 3600_000).toISOString() });
    const recipient = await app.db.selectFrom('campaign_recipients').selectAll().where('campaign_id', '=', created.id).executeTakeFirstOrThrow();
    const clock = new ManualClock(recipient.due_at);
    const messages = new MessageRepository(app.db);
    for (let i = 0; i < 3; i++) {
      const { message } = await messages.insertOutbound({ participantId: person.id, channel: 'sms', phone: person.phone, body: `Earlier ${i}`, kind: 'campaign', sourceKey: `cap-${person.id}-${i}`, status: 'queued' });
      // Made "today" on the test's clock (created_at is the database's now(), not the injected clock).
      await app.db.updateTable('messages').set({ created_at: recipient.due_at }).where('id', '=', message.id).execute();
    }
    const fire = new FireCampaignMessage({ db: app.db, clock, timeZone: 'Europe/London', programmeName: 'Employment Support', dailyCap: 3 });
    // The team has no quiet hours: the next day's first allowed time is local midnight.
    const tomorrow = startOfNextLocalDay(recipient.due_at, 'Europe/London');
    expect(await fire.execute(created.id, person.id, 0)).toEqual({ kind: 'deferred', until: tomorrow, reason: 'daily_cap' });
    expect(await app.db.selectFrom('campaign_recipients').selectAll().where('campaign_id', '=', created.id).executeTakeFirstOrThrow()).toMatchObject({
      status: 'pending',
      due_at: tomorrow,
      reason: 'daily_cap',
      defers: 0,
    });
    clock.set(tomorrow);
    expect(await fire.execute(created.id, person.id, 0)).toMatchObject({ kind: 'sent' });
  });

  it('refuses bad campaigns with 400, key workers with 403, and other teams see 404', async () => {
    const post = (body: unknown, token = team.token) => app.api('POST', '/api/campaigns', body, token);
    expect((await post({ name: 'x', type: 'pulse', filter: { inWork: true }, instrumentId: 'nope' })).status).toBe(400);
    expect((await post({ name: 'x', type: 'pulse' })).status).toBe(400);
    expect((await post({ name: 'x', type: 'check_in', filter: { inWork: true }, instrumentId: 'job-confidence' })).status).toBe(400);
    expect((await post({ name: 'x', type: 'pulse', filter: { inWork: true }, ratePerMinute: 0 })).status).toBe(400);
    expect((await post({ name: 'x', type: 'pulse', filter: { inWork: true }, startAt: '2020-01-01T10:00:00Z' })).status).toBe(400);
    const stranger = await app.createParticipant('07700 900820', keyWorker.token);
    const outside = await post({ name: 'x', type: 'pulse', participantIds: [stranger.id] });
    expect(outside.status).toBe(400);
    expect((await post({ name: 'x', type: 'pulse', filter: { inWork: true } }, keyWorker.token)).status).toBe(403);

    const nobody = await post({ name: 'x', type: 'pulse', filter: { inWork: true, weeksSinceStart: { min: 50 } } });
    expect(nobody.status).toBe(400);
    expect(JSON.stringify(nobody.body)).toMatch(/nobody in your caseload matches/);
    const otherTeam = await app.createStaff('in_work_team', 'Sol', 'York');
    const list = await app.api<Campaign[]>('GET', '/api/campaigns', undefined, team.token);
    const some = list.body[0]!;
    expect((await app.api('GET', `/api/campaigns/${some.id}`, undefined, otherTeam.token)).status).toBe(404);
    expect((await app.api('GET', `/api/campaigns/not-a-uuid`, undefined, team.token)).status).toBe(404);
    expect((await app.api('GET', '/api/pulse-instruments', undefined, team.token)).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'job-confidence' }), expect.objectContaining({ id: 'general-confidence' })]),
    );
  });
});
