import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOOD_MESSAGES, LOOP_REPEATS } from '../../domain/conversation/loop-guard.js';
import { eventually, TestApp } from '../test-app.js';

describe('loop guard', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ mode: 'sandbox' });
  });
  afterAll(async () => app?.close());

  const play = (from: string, body: string) => app.api('POST', '/api/sandbox/inbound', { from, body });
  const repliesTo = async (participantId: string) =>
    (await app.db.selectFrom('messages').select('id').where('participant_id', '=', participantId).where('direction', '=', 'outbound').execute()).length;

  it('another bot repeating itself gets no more answers and the key worker one alert', async () => {
    const bot = await app.createParticipant('07700 900981');
    for (let i = 0; i < LOOP_REPEATS + 5; i++) {
      await play('+447700900981', 'Thank you for your message. This is an automated reply.');
    }
    await eventually(async () => {
      const waiting = await app.db.selectFrom('messages').select('id').where('participant_id', '=', bot.id).where('status', '=', 'received').execute();
      return waiting.length === 0;
    }, 20_000, 'every text processed');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Each of the first LOOP_REPEATS - 1 texts was answered; none after.
    expect(await repliesTo(bot.id)).toBe(LOOP_REPEATS - 1);
    const alerts = await app.db.selectFrom('alerts').select('type').where('participant_id', '=', bot.id).where('type', '=', 'loop_detected').execute();
    expect(alerts).toHaveLength(1);
    expect(await app.db.selectFrom('messages').select('id').where('participant_id', '=', bot.id).where('direction', '=', 'inbound').execute()).toHaveLength(LOOP_REPEATS + 5);
  });

  it('a person in crisis is never muted by the loop guard', async () => {
    const person = await app.createParticipant('07700 900982');
    const processed = async () =>
      (await app.db.selectFrom('messages').select('id').where('participant_id', '=', person.id).where('status', '=', 'received').execute()).length === 0;
    // A flood of different texts, one short of the limit: none repeats, so only the flood rule can mute.
    for (let i = 1; i < FLOOD_MESSAGES; i++) await play('+447700900982', `ok ${i}`);
    await eventually(async () => (await processed()) && (await repliesTo(person.id)) === FLOOD_MESSAGES - 1, 60_000, 'a reply to each text below the limit');

    // The text that reaches the limit is muted: no reply, and the key worker hears of a loop.
    await play('+447700900982', 'see you on tuesday');
    await eventually(async () => (await app.db.selectFrom('alerts').select('id').where('participant_id', '=', person.id).where('type', '=', 'loop_detected').execute()).length === 1, 15_000, 'the loop alert');
    expect(await repliesTo(person.id)).toBe(FLOOD_MESSAGES - 1);

    // Past the limit, a crisis text is still answered with crisis signposting and raises the urgent alert.
    await play('+447700900982', 'I want to end it all');
    const crisis = await eventually(async () =>
      (await app.db.selectFrom('messages').select(['kind']).where('participant_id', '=', person.id).where('kind', '=', 'crisis').execute())[0],
    15_000, 'the crisis reply');
    expect(crisis.kind).toBe('crisis');
    const alert = await eventually(async () =>
      (await app.db.selectFrom('alerts').select(['priority']).where('participant_id', '=', person.id).where('type', '=', 'safeguarding').execute())[0],
    15_000, 'the safeguarding alert');
    expect(alert.priority).toBe('urgent');
    expect(await repliesTo(person.id)).toBe(FLOOD_MESSAGES);
  });
});
