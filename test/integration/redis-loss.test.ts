import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWriteback } from '../../app/conversation/apply-writeback.js';
import { eventually, TestApp } from '../test-app.js';
import { flushableRedisUrl } from '../test-database.js';

// FLUSHDB wipes a whole Redis database: this file gets one no other test file uses (pool ids stay far below 15).
const FLUSHABLE_REDIS = flushableRedisUrl(15);
const ALEX = '+447700900601';

describe('Redis is only the delivery mechanism: losing it loses nothing', () => {
  let app: TestApp;
  let alex: { id: string };

  beforeAll(async () => {
    app = await TestApp.start({ workers: false, env: { REDIS_URL: FLUSHABLE_REDIS } });
    alex = await app.createParticipant(ALEX);
  });
  afterAll(async () => app?.close());

  it('a FLUSHDB between the 200 and the turn still ends with the turn processed and the reply sent once', async () => {
    const { response } = await app.inbound(ALEX, 'Is there anyone I can talk to about my rent?');
    expect(response.status).toBe(200);
    await app.redis.flushdb();

    await app.startWorkers();
    const [reply] = await app.twilio.waitForMessages(1, 15_000);
    expect(reply?.form.To).toBe(ALEX);
    const record = await eventually(async () => {
      const events = await app.record(alex.id);
      return events.some((e) => e.type === 'message.outbound') && events;
    }, 15_000);
    expect(record.filter((e) => e.type === 'message.inbound')).toHaveLength(1);
    expect(record.filter((e) => e.type === 'message.outbound')).toHaveLength(1);
  });

  it('a reply waiting in the database whose send job was lost is sent by the sweep, once', async () => {
    await app.stopWorkers();
    const before = app.twilio.accepted.length;
    await app.db.transaction().execute((tx) =>
      applyWriteback(tx, {
        participantId: alex.id,
        sourceKey: 'redis-loss-test',
        at: new Date().toISOString(),
        events: [],
        alerts: [],
        replies: [{ kind: 'reply', text: 'Your key worker will call you today.' }],
      }),
    );
    await app.redis.flushdb();

    await app.startWorkers();
    await eventually(async () => app.twilio.accepted.length === before + 1, 15_000, 'the swept send');
    // Several more sweeps run (every 500 ms): none of them sends it again.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(app.twilio.accepted.length).toBe(before + 1);
    expect(app.twilio.accepted.at(-1)?.form.Body).toBe('Your key worker will call you today.');
  });

  it('a FLUSHDB before a reminder is due still ends with the reminder sent once (the sweep re-adds it)', async () => {
    await app.api('PUT', '/api/reminder-policy', { defaultOffsets: ['PT2H'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 });
    const kit = await app.createParticipant('07700 900602');
    const booked = await app.api<{ reminders: Array<{ status: string }> }>('POST', `/api/participants/${kit.id}/appointments`, {
      startsAt: new Date(Date.now() + 2 * 3600_000 + 3000).toISOString(),
      title: 'Review',
      mandatory: false,
    });
    expect(booked.body.reminders).toEqual([expect.objectContaining({ status: 'scheduled' })]);
    await app.redis.flushdb();
    const reminder = await eventually(async () => app.twilio.accepted.find((m) => m.form.To === '+447700900602'), 15_000, 'the reminder');
    expect(String(reminder.form.Body)).toContain('Review');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(app.twilio.accepted.filter((m) => m.form.To === '+447700900602')).toHaveLength(1);
  });
});
