import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/time/clock.js';
import { FireFollowUp } from '../../app/appointments/fire-follow-up.action.js';
import { eventually, TestApp } from '../test-app.js';

/** First contact: the welcome, wrong numbers, warm handovers, referral to start. */
describe('referral welcome, wrong-number check and warm handovers', () => {
  let app: TestApp;
  let keyWorker: { id: string; token: string };

  beforeAll(async () => {
    app = await TestApp.start();
    keyWorker = await app.createStaff('key_worker', 'Priya', 'Wakefield');
    // Any hour of the day may run this test.
    await app.api('PUT', '/api/reminder-policy', { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 }, keyWorker.token);
  });
  afterAll(async () => app?.close());

  const sentTo = (phone: string) => app.twilio.accepted.filter((m) => m.form.To === phone).map((m) => String(m.form.Body));
  const create = (phone: string, extra: Record<string, unknown> = {}) =>
    app.api<{ id: string; daysSinceReferral: number | null; wrongNumber: boolean }>(
      'POST',
      '/api/participants',
      { firstName: 'Sam', phone, channel: 'sms', consent: { contact: true }, ...extra },
      keyWorker.token,
    );

  it('a consenting participant gets one welcome naming the programme and key worker; YES confirms contact', async () => {
    const created = await create('07700 900951');
    expect(created.status).toBe(201);
    const [welcome] = await eventually(async () => sentTo('+447700900951').length > 0 && sentTo('+447700900951'), 10_000, 'the welcome');
    expect(welcome).toMatch(/Priya/);
    expect(welcome).toMatch(/YES/);
    expect(welcome).not.toMatch(/sanction|mandatory|must/i);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sentTo('+447700900951')).toHaveLength(1);

    await app.inbound('+447700900951', 'Yes');
    const record = await eventually(async () => {
      const events = await app.record(created.body.id);
      return events.some((e) => e.type === 'contact.confirmed') && events;
    });
    expect(record.map((e) => e.type)).toEqual(expect.arrayContaining(['contact.welcome_sent', 'contact.confirmed']));
    await eventually(async () => sentTo('+447700900951').length === 2, 10_000, 'the thanks');
    const alerts = await app.db.selectFrom('alerts').select('type').where('participant_id', '=', created.body.id).execute();
    expect(alerts).toEqual([]);
  });

  it('no welcome without consent, and none when the key worker confirmed the number in person', async () => {
    const refused = await app.api('POST', '/api/participants', { firstName: 'Al', phone: '07700 900952', channel: 'sms', consent: { contact: false } }, keyWorker.token);
    expect(refused.status).toBe(400);
    const inPerson = await create('07700 900953', { contactConfirmed: true });
    expect(inPerson.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sentTo('+447700900952')).toEqual([]);
    expect(sentTo('+447700900953')).toEqual([]);
    expect((await app.record(inPerson.body.id)).map((e) => e.type)).toContain('contact.confirmed');
  });

  it('"wrong number" stops everything to that number, apologises once and tells the key worker', async () => {
    const created = await create('07700 900954');
    await eventually(async () => sentTo('+447700900954').length === 1, 10_000, 'the welcome');
    await app.inbound('+447700900954', "Wrong number, I don't know who Sam is");
    await eventually(async () => sentTo('+447700900954').length === 2, 10_000, 'the apology');
    const apology = sentTo('+447700900954')[1] as string;
    expect(apology).toMatch(/sorry/i);
    expect(apology).not.toMatch(/Sam|Priya/);

    const alerts = await app.api<Array<{ type: string; participantId: string }>>('GET', '/api/alerts?status=open', undefined, keyWorker.token);
    expect(alerts.body.filter((a) => a.participantId === created.body.id).map((a) => a.type)).toContain('wrong_number');
    const detail = await app.api<{ wrongNumber: boolean }>('GET', `/api/participants/${created.body.id}`, undefined, keyWorker.token);
    expect(detail.body.wrongNumber).toBe(true);
    const types = (await app.record(created.body.id)).map((e) => e.type);
    expect(types).toContain('contact.wrong_number');
    expect(types).not.toContain('contact.confirmed');

    // Nothing more goes to it: not a reply, not a reminder, not a notice.
    await app.inbound('+447700900954', 'hello?');
    const booked = await app.api('POST', `/api/participants/${created.body.id}/appointments`, { startsAt: new Date(Date.now() + 3600_000 * 24).toISOString(), title: 'Review', mandatory: false }, keyWorker.token);
    expect(booked.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(sentTo('+447700900954')).toHaveLength(2);

    // The key worker fixes the number: texts can go to the new one.
    const fixed = await app.api<{ wrongNumber: boolean }>('PATCH', `/api/participants/${created.body.id}`, { phone: '07700 900955' }, keyWorker.token);
    expect(fixed.body.wrongNumber).toBe(false);
  });

  it('silence after the welcome: one second try, then not_reached (injected clock)', async () => {
    const created = await app.createParticipant('07700 900956', keyWorker.token, { contactConfirmed: false });
    await eventually(async () => sentTo('+447700900956').length === 1, 10_000, 'the welcome');
    const followUp = await app.db.selectFrom('follow_ups').selectAll().where('participant_id', '=', created.id).where('kind', '=', 'welcome').executeTakeFirstOrThrow();
    expect(followUp.step).toBe(1);
    const clock = new ManualClock(followUp.next_at as Date);
    const fire = new FireFollowUp({ db: app.db, clock, timeZone: 'Europe/London', programmeName: 'Restart' });
    const second = await fire.execute(followUp.id, 1);
    expect(second).toMatchObject({ kind: 'sent', next: { step: 2 } });
    expect(await fire.execute(followUp.id, 1)).toMatchObject({ kind: 'closed' });
    clock.set((second as { next: { at: Date } }).next.at);
    expect(await fire.execute(followUp.id, 2)).toEqual({ kind: 'not_reached' });
    const record = (await app.record(created.id)).map((e) => e.type);
    expect(record.filter((t) => t === 'contact.welcome_sent')).toHaveLength(2);
    expect(record).toContain('contact.not_reached');
    const alerts = await app.db.selectFrom('alerts').select('type').where('participant_id', '=', created.id).execute();
    expect(alerts.map((a) => a.type)).toEqual(['not_reached']);
  });

  it('a key-worker change sends one introduction naming the new worker and why', async () => {
    const created = await app.createParticipant('07700 900957', keyWorker.token);
    const alex = await app.createStaff('key_worker', 'Alex', 'Wakefield');
    const changed = await app.api('PATCH', `/api/participants/${created.id}`, { keyWorkerId: alex.id, handoverReason: 'Priya has moved to another team' }, keyWorker.token);
    expect(changed.status).toBe(200);
    const [intro] = await eventually(async () => sentTo('+447700900957').length > 0 && sentTo('+447700900957'), 10_000, 'the introduction');
    expect(intro).toMatch(/Alex/);
    expect(intro).toMatch(/moved to another team/);
    const record = await app.api<{ events: Array<{ type: string; data: Record<string, unknown> }> }>('GET', `/api/participants/${created.id}/record`, undefined, alex.token);
    expect(record.body.events.find((e) => e.type === 'participant.handover')?.data).toMatchObject({ role: 'key_worker', to: alex.id });
    // Setting the same key worker again introduces nobody.
    await app.api('PATCH', `/api/participants/${created.id}`, { keyWorkerId: alex.id }, alex.token);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sentTo('+447700900957')).toHaveLength(1);
  });

  it('referral to start: no first appointment within the team days raises referral_stalled once; the caseload shows days since referral', async () => {
    const old = new Date(Date.now() - 12 * 86_400_000).toISOString();
    // Booked first, and only then dated back: a sweep in between must not see a stalled referral that is not.
    const booked = await app.createParticipant('07700 900959', keyWorker.token, { referredAt: new Date().toISOString() });
    await app.api('POST', `/api/participants/${booked.id}/appointments`, { startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), title: 'First meeting', mandatory: false, reminderOffsets: ['PT2H'] }, keyWorker.token);
    await app.db.updateTable('participants').set({ referred_at: old }).where('id', '=', booked.id).execute();
    const stalled = await app.createParticipant('07700 900958', keyWorker.token, { referredAt: old });
    const alert = await eventually(async () => {
      const rows = await app.db.selectFrom('alerts').select(['type', 'participant_id']).where('type', '=', 'referral_stalled').execute();
      return rows.length > 0 && rows;
    }, 10_000, 'the referral_stalled alert');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const again = await app.db.selectFrom('alerts').select(['participant_id']).where('type', '=', 'referral_stalled').execute();
    expect(again.map((a) => a.participant_id)).toEqual([stalled.id]);
    expect(alert[0]?.participant_id).toBe(stalled.id);
    const detail = await app.api<{ daysSinceReferral: number }>('GET', `/api/participants/${stalled.id}`, undefined, keyWorker.token);
    expect(detail.body.daysSinceReferral).toBe(12);
  });
});
