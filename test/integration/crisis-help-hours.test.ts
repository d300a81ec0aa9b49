import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/time/clock.js';
import { DEFAULT_WORKING_HOURS } from '../../domain/time/key-worker-availability.js';
import { eventually, TestApp } from '../test-app.js';

/**
 * The crisis reply through the real path (signed webhook, turn, outbound) says when the key worker is back when the
 * team is out of its working hours, from the team's policy. Phones for this file: +447700900840–848.
 */
const POLICY = { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 };

describe('crisis help and the team’s working hours', () => {
  const clock = new ManualClock(new Date('2026-03-06T18:00:00Z')); // Friday 6pm in London
  let app: TestApp;
  let north: { id: string; token: string };
  let weekend: { id: string; token: string };

  beforeAll(async () => {
    app = await TestApp.start({ clock });
    north = await app.createStaff('key_worker', 'Priya', 'North');
    weekend = await app.createStaff('key_worker', 'Jo', 'Weekend');
  });
  afterAll(async () => app?.close());

  const sentTo = (phone: string) => app.twilio.accepted.filter((m) => m.form.To === phone).map((m) => String(m.form.Body));
  const nextMessageTo = async (phone: string, count: number) =>
    (await eventually(async () => sentTo(phone).length >= count && sentTo(phone), 10_000, `message ${count} to ${phone}`))[count - 1] as string;

  it('the policy has working hours: Monday to Friday, 9 to 5, not on bank holidays, until a team sets its own', async () => {
    expect((await app.api<{ workingHours: unknown }>('GET', '/api/reminder-policy', undefined, north.token)).body.workingHours).toEqual(DEFAULT_WORKING_HOURS);
    const saturdays = { days: ['tue', 'wed', 'thu', 'fri', 'sat'], start: '10:00', end: '14:00', onBankHolidays: true };
    const put = await app.api<{ workingHours: unknown }>('PUT', '/api/reminder-policy', { ...POLICY, workingHours: saturdays }, weekend.token);
    expect(put.status).toBe(200);
    expect((await app.api<{ workingHours: unknown }>('GET', '/api/reminder-policy', undefined, weekend.token)).body.workingHours).toEqual(saturdays);
  });

  it.each([
    ['an end before the start', { days: ['mon'], start: '17:00', end: '09:00', onBankHolidays: false }],
    ['no days', { days: [], start: '09:00', end: '17:00', onBankHolidays: false }],
    ['a day twice', { days: ['mon', 'mon'], start: '09:00', end: '17:00', onBankHolidays: false }],
    ['a day that is not one', { days: ['monday'], start: '09:00', end: '17:00', onBankHolidays: false }],
    ['a time that is not one', { days: ['mon'], start: '9am', end: '17:00', onBankHolidays: false }],
  ])('refuses working hours with %s', async (_why, workingHours) => {
    expect((await app.api('PUT', '/api/reminder-policy', { ...POLICY, workingHours }, north.token)).status).toBe(400);
  });

  it('Friday evening: the help, and that Priya is back at 9am on Monday; Monday morning: no need to say', async () => {
    const phone = '+447700900840';
    await app.createParticipant(phone, north.token);
    await app.inbound(phone, 'I want to kill myself');
    const evening = await nextMessageTo(phone, 1);
    expect(evening).toContain('116 123');
    expect(evening).toMatch(/We have told your key worker Priya\. They will be back at 9am on Monday\.$/);

    clock.set(new Date('2026-03-09T10:00:00Z')); // Monday 10am
    await app.inbound(phone, 'I want to kill myself');
    const morning = await nextMessageTo(phone, 2);
    expect(morning).toMatch(/We have told your key worker Priya\.$/);
  });

  it('follows the team’s own hours: Saturday at 8am a Tuesday–Saturday team is back at 10am today', async () => {
    clock.set(new Date('2026-03-07T08:00:00Z'));
    const phone = '+447700900841';
    await app.createParticipant(phone, weekend.token);
    await app.inbound(phone, 'I want to kill myself');
    expect(await nextMessageTo(phone, 1)).toMatch(/We have told your key worker Jo\. They will be back at 10am today\.$/);
  });

  it('follows the team’s bank holidays: on New Year’s Eve an England team is back on Friday 2 January, a Scottish team on Monday', async () => {
    const glasgow = await app.createStaff('key_worker', 'Morag', 'Glasgow');
    expect((await app.api('PUT', '/api/reminder-policy', { ...POLICY, region: 'scotland' }, glasgow.token)).status).toBe(200);
    clock.set(new Date('2025-12-31T18:00:00Z')); // Wednesday 6pm; Thursday 1 January is a holiday everywhere
    const english = '+447700900842';
    const scottish = '+447700900843';
    await app.createParticipant(english, north.token);
    await app.createParticipant(scottish, glasgow.token);
    await app.inbound(english, 'I want to kill myself');
    await app.inbound(scottish, 'I want to kill myself');
    expect(await nextMessageTo(english, 1)).toMatch(/We have told your key worker Priya\. They will be back at 9am on Friday\.$/);
    expect(await nextMessageTo(scottish, 1)).toMatch(/We have told your key worker Morag\. They will be back at 9am on Monday\.$/);
  });
});
