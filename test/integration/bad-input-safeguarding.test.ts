/**
 * Bad input on the safeguarding path, as Twilio would deliver it (signed webhooks, real PostgreSQL and Redis):
 * emoji only, mixed scripts, control and invisible characters, texts at the 5,000-character limit. Never a 5xx,
 * every turn runs to the end, the path decides what the pure screen decides, a risk phrase hidden in noise still
 * raises the urgent alert with crisis help, and STOP wrapped in control or invisible characters, or typed in look-alike letters, still opts out.
 * (Past the limit, a 10,000-character Body is refused with a 400: bad-input.test.ts.) Phones: +447700900400–449.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenForRisk } from '../../domain/safeguarding/screen.js';
import { INBOUND_BODY_MAX_CHARS } from '../../bot/twilio/inbound.schema.js';
import { eventually, TestApp } from '../test-app.js';

const NOISE = ['🙂', '👍🏽', '👩‍👧', '你好', 'شكرا', 'नमस्ते', '…', '★', '\u200B', '\u200D', '\uFEFF', '\u0007', '\t', '\r\n', '\u2028', '•'].join(' ');
const noise = (length: number) => NOISE.repeat(Math.ceil(length / NOISE.length)).slice(0, length);
const RISK = 'I want to kill myself';

describe('bad input on the safeguarding path', () => {
  let app: TestApp;
  let next = 400;
  beforeAll(async () => {
    app = await TestApp.start({ env: { OUTBOUND_RATE_PER_SECOND: '200' } });
  });
  afterAll(async () => app?.close());

  /** A participant of their own sends `text`; resolves once the turn and its write-back are done. */
  const sendAlone = async (text: string) => {
    const phone = `+447700900${String(next++).padStart(3, '0')}`;
    const person = await app.createParticipant(phone);
    const { response, sid } = await app.inbound(phone, text);
    expect(response.status, JSON.stringify(text.slice(0, 80))).toBe(200);
    await eventually(async () => {
      const message = await app.db.selectFrom('messages').select('status').where('twilio_sid', '=', sid).executeTakeFirst();
      const unapplied = await app.db.selectFrom('pending_writebacks').select('id').where('participant_id', '=', person.id).where('applied_at', 'is', null).execute();
      return message?.status === 'processed' && unapplied.length === 0;
    }, 20_000, `the turn for ${JSON.stringify(text.slice(0, 40))}`);
    const alerts = await app.db.selectFrom('alerts').select(['type', 'priority', 'data']).where('participant_id', '=', person.id).execute();
    const replies = await app.db.selectFrom('messages').select(['kind', 'twilio_sid', 'status']).where('participant_id', '=', person.id).where('direction', '=', 'outbound').execute();
    const participant = await app.db.selectFrom('participants').select('opted_out').where('id', '=', person.id).executeTakeFirstOrThrow();
    return { phone, person, alerts, replies, optedOut: participant.opted_out };
  };
  const reachedTwilio = (phone: string) => eventually(async () => app.twilio.accepted.some((m) => m.form.To === phone && m.sid), 15_000, `a reply to ${phone}`);

  it.each([
    ['emoji only', '😭😭😭💔'],
    ['one emoji', '👍🏽'],
    ['mixed scripts', 'Diolch • Dziękuję • شكرا • 你好 • नमस्ते • Привет'],
    ['control characters', 'hi\u0007\u001B[31m there\u007F\u0085'],
    ['invisible characters only', '\u200B\u200D\uFEFF\u2066'],
    ['a NUL (dropped by the webhook)', 'ok\u0000 thanks'],
    ['5,000 characters of noise (the limit)', noise(INBOUND_BODY_MAX_CHARS)],
    ['5,000 emoji', '🙂'.repeat(2_500)],
  ])('%s: 200, the turn runs to the end, and the path decides what the screen decides', async (_label, text) => {
    const { alerts, replies } = await sendAlone(text);
    const stored = text.replaceAll('\u0000', '');
    const flagged = alerts.some((a) => a.type === 'safeguarding');
    expect(flagged).toBe(screenForRisk(stored).risk);
    expect(replies.some((r) => r.kind === 'crisis')).toBe(flagged);
  });

  it.each([
    ['at the start', `${RISK}\n${noise(INBOUND_BODY_MAX_CHARS - RISK.length - 1)}`],
    ['in the middle', `${noise(2_400)} ${RISK} ${noise(INBOUND_BODY_MAX_CHARS - 2_402 - RISK.length)}`],
    ['at the end', `${noise(INBOUND_BODY_MAX_CHARS - RISK.length - 1)} ${RISK}`],
  ])('a risk phrase %s of 5,000 characters of noise: an urgent alert and crisis help that reaches Twilio', async (_label, text) => {
    expect(text.length).toBeLessThanOrEqual(INBOUND_BODY_MAX_CHARS);
    const { phone, alerts, replies } = await sendAlone(text);
    const alert = alerts.find((a) => a.type === 'safeguarding');
    expect(alert?.priority).toBe('urgent');
    expect(alert?.data).toMatchObject({ category: screenForRisk(RISK).category, reason: expect.any(String) });
    expect(replies.map((r) => r.kind)).toContain('crisis');
    await reachedTwilio(phone);
  });

  it.each([
    ['zero-width spaces round it', '\u200BSTOP\u200B'],
    ['a byte-order mark and a line break', '\uFEFFStop\r\n'],
    ['a bell and an escape', '\u0007STOP\u001B'],
    ['a NUL after it', 'STOP\u0000'],
    ['tabs and a soft hyphen', '\tstop\u00AD\t'],
    ['direction marks', '\u202Estop\u202C'],
    ['a line separator and a next-line control', '\u2028STOP\u0085'],
    ['look-alike letters from another script', 'ЅТОР'],
    ['mixed scripts and an accent', '\u200Bѕtóp'],
  ])('STOP with %s: opted out, and the one confirmation sent', async (_label, text) => {
    const { phone, optedOut, replies } = await sendAlone(text);
    expect(optedOut).toBe(true);
    expect(replies.map((r) => r.kind)).toEqual(['opt_out_confirmation']);
    await reachedTwilio(phone);
  });
});
