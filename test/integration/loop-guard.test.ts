import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOP_REPEATS } from '../../domain/loop-guard.js';
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
    for (let i = 0; i < LOOP_REPEATS; i++) await play('+447700900982', 'ok');
    await play('+447700900982', 'I want to end it all');
    const crisis = await eventually(async () =>
      (await app.db.selectFrom('messages').select(['kind']).where('participant_id', '=', person.id).where('kind', '=', 'crisis').execute())[0],
    15_000, 'the crisis reply');
    expect(crisis.kind).toBe('crisis');
  });
});
