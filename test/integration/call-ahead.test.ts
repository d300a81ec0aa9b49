/**
 * "Text before I call" through the API with a fake Twilio: POST /api/participants/:id/call-ahead. Phones:
 * participants +447700900910–919, staff +447700900920.
 */
import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestApp } from '../test-app.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { fields?: Array<{ path: string; message: string }>; quietHours?: { start: string; end: string } } };
}
interface Sent {
  messageId: string;
  text: string;
  number: string;
  numberShown: string;
  numberFrom: string;
  inMinutes: number;
}

const NO_QUIET_HOURS = { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 };
const PRIYA_PHONE = '+447700900920';

/** "HH:mm" in London, `minutes` from now. */
const londonClock = (minutes: number) => {
  const local = new TZDate(Date.now() + minutes * 60_000, 'Europe/London');
  return `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
};

describe('call-ahead texts', () => {
  let app: TestApp;
  let priya: { id: string; token: string };
  let alex: { id: string; token: string };
  let rhian: { id: string; token: string };
  let nova: { id: string; token: string };
  let nightsQuiet: { start: string; end: string };

  beforeAll(async () => {
    app = await TestApp.start({ env: { PROGRAMME_NAME: 'Working Well' } });
    priya = await app.createStaff('key_worker', 'Priya', 'North');
    alex = await app.createStaff('key_worker', 'Alex', 'North');
    rhian = await app.createStaff('key_worker', 'Rhian', 'Caerdydd');
    nova = await app.createStaff('key_worker', 'Nova', 'Nights');
    // The staff API does not take a work phone yet (PATCH /api/staff will): set it where it is kept.
    await app.db.updateTable('staff').set({ phone: PRIYA_PHONE }).where('id', '=', priya.id).execute();
    const north = await app.api<{ phone: string | null }>('PUT', '/api/reminder-policy', { ...NO_QUIET_HOURS, phone: '0161 496 0000' }, priya.token);
    expect(north.status).toBe(200);
    expect(north.body.phone).toBe('+441614960000');
    expect((await app.api('PUT', '/api/reminder-policy', { ...NO_QUIET_HOURS, phone: '029 2018 0000' }, rhian.token)).status).toBe(200);
    // Nights are always quiet hours, whatever time the test runs.
    nightsQuiet = { start: londonClock(-120), end: londonClock(120) };
    const nights = { ...NO_QUIET_HOURS, quietHours: nightsQuiet, phone: '0161 496 0999' };
    expect((await app.api('PUT', '/api/reminder-policy', nights, nova.token)).status).toBe(200);
  });
  afterAll(async () => app?.close());

  const sentTo = (phone: string) => app.twilio.accepted.filter((m) => m.form.To === phone).map((m) => String(m.form.Body));
  const callAhead = (participantId: string, token: string, body: unknown = {}) =>
    app.api<Sent | ErrorBody>('POST', `/api/participants/${participantId}/call-ahead`, body, token);
  const callAheadTexts = (participantId: string) =>
    app.db.selectFrom('messages').select('body').where('participant_id', '=', participantId).where('kind', '=', 'call_ahead').execute();

  it('reaches the participant once, naming the caller, the programme and their work phone; on the record once', async () => {
    const sam = await app.createParticipant('07700 900910', priya.token, { firstName: 'Sam' });
    const result = await callAhead(sam.id, priya.token, { inMinutes: 10 });
    expect(result.status, JSON.stringify(result.body)).toBe(202);
    expect(result.body).toMatchObject({ number: PRIYA_PHONE, numberShown: '07700 900920', numberFrom: 'work_phone', inMinutes: 10 });

    const [text] = await eventually(async () => sentTo('+447700900910').length > 0 && sentTo('+447700900910'), 10_000, 'the call-ahead text');
    expect(text).toBe("Hi Sam, it's Priya from Working Well. I'll ring you in the next 10 minutes from 07700 900920.");
    const record = await eventually(async () => {
      const events = await app.record(sam.id);
      return events.some((e) => e.type === 'message.outbound') && events;
    });
    const calls = record.filter((e) => e.type === 'contact.call_ahead');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.data).toEqual({ by: priya.id, byName: 'Priya', inMinutes: 10, number: PRIYA_PHONE, numberShown: '07700 900920', numberFrom: 'work_phone' });

    // Pressed twice: one call, one text.
    const again = await callAhead(sam.id, priya.token, { inMinutes: 10 });
    expect(again.status).toBe(409);
    expect((again.body as ErrorBody).error.code).toBe('already_sent');
    expect(await callAheadTexts(sam.id)).toHaveLength(1);
  });

  it('gives the team’s number, in five minutes unless told otherwise, when the caller has no work phone', async () => {
    const kim = await app.createParticipant('07700 900911', alex.token, { firstName: 'Kim' });
    const result = await callAhead(kim.id, alex.token);
    expect(result.status, JSON.stringify(result.body)).toBe(202);
    const [text] = await eventually(async () => sentTo('+447700900911').length > 0 && sentTo('+447700900911'), 10_000, 'the call-ahead text');
    expect(text).toBe("Hi Kim, it's Alex from Working Well. I'll ring you in the next 5 minutes from 0161 496 0000.");
  });

  it('writes to a Welsh speaker in Welsh', async () => {
    const gwen = await app.createParticipant('07700 900912', rhian.token, { firstName: 'Gwen', language: 'cy' });
    expect((await callAhead(gwen.id, rhian.token, { inMinutes: 15 })).status).toBe(202);
    const [text] = await eventually(async () => sentTo('+447700900912').length > 0 && sentTo('+447700900912'), 10_000, 'the Welsh text');
    expect(text).toBe("Helo Gwen, Rhian o Working Well sydd yma. Bydda i'n eich ffonio chi yn ystod y 15 munud nesaf o 029 2018 0000.");
  });

  it('is refused with 409 opted_out after STOP, and nothing more is sent', async () => {
    const lee = await app.createParticipant('07700 900913', priya.token, { firstName: 'Lee' });
    await app.inbound('+447700900913', 'STOP');
    await eventually(async () => (await app.record(lee.id)).some((e) => e.type === 'consent.opted_out'), 10_000, 'the opt-out');
    const result = await callAhead(lee.id, priya.token);
    expect(result.status).toBe(409);
    expect((result.body as ErrorBody).error).toMatchObject({ code: 'opted_out', message: expect.stringContaining('opted out') });
    expect(await callAheadTexts(lee.id)).toEqual([]);
    expect((await app.record(lee.id)).map((e) => e.type)).not.toContain('contact.call_ahead');
  });

  it('is refused with 409 wrong_number once someone says the number is not theirs', async () => {
    const created = await app.api<{ id: string }>(
      'POST',
      '/api/participants',
      { firstName: 'Mo', phone: '07700 900914', channel: 'sms', consent: { contact: true } },
      priya.token,
    );
    await eventually(async () => sentTo('+447700900914').length === 1, 10_000, 'the welcome');
    await app.inbound('+447700900914', 'Wrong number, I do not know Mo');
    await eventually(async () => (await app.record(created.body.id)).some((e) => e.type === 'contact.wrong_number'), 10_000, 'the wrong number');
    const result = await callAhead(created.body.id, priya.token);
    expect(result.status).toBe(409);
    expect((result.body as ErrorBody).error.code).toBe('wrong_number');
    expect(await callAheadTexts(created.body.id)).toEqual([]);
  });

  it('is refused with 409 quiet_hours in the participant’s team’s quiet hours, and nothing is queued for later', async () => {
    const nia = await app.createParticipant('07700 900915', nova.token, { firstName: 'Nia' });
    const result = await callAhead(nia.id, nova.token);
    expect(result.status).toBe(409);
    expect((result.body as ErrorBody).error).toMatchObject({ code: 'quiet_hours', details: { quietHours: nightsQuiet } });
    expect(await callAheadTexts(nia.id)).toEqual([]);
    expect(sentTo('+447700900915')).toEqual([]);
  });

  it('is refused with 409 no_phone when neither the caller nor their team has a number', async () => {
    const solo = await app.createStaff('key_worker', 'Solo', 'Nowhere');
    // No quiet hours for this team, so the refusal is about the phone whatever time the test runs.
    expect((await app.api('PUT', '/api/reminder-policy', NO_QUIET_HOURS, solo.token)).status).toBe(200);
    const ola = await app.createParticipant('07700 900916', solo.token, { firstName: 'Ola' });
    const result = await callAhead(ola.id, solo.token);
    expect(result.status).toBe(409);
    expect((result.body as ErrorBody).error.code).toBe('no_phone');
    expect(await callAheadTexts(ola.id)).toEqual([]);
  });

  it('answers 400 naming inMinutes for a bad value, and 404 for someone outside the caseload', async () => {
    const ray = await app.createParticipant('07700 900917', priya.token, { firstName: 'Ray' });
    for (const inMinutes of [0, 61, 2.5, '5', null]) {
      const result = await callAhead(ray.id, priya.token, { inMinutes });
      expect(result.status, String(inMinutes)).toBe(400);
      expect((result.body as ErrorBody).error.details?.fields?.map((f) => f.path)).toEqual(['inMinutes']);
    }
    const other = await callAhead(ray.id, rhian.token);
    expect(other.status).toBe(404);
    expect(await callAheadTexts(ray.id)).toEqual([]);
  });

  it('a team phone that is not a UK number is a 400 naming phone', async () => {
    const result = await app.api<ErrorBody>('PUT', '/api/reminder-policy', { ...NO_QUIET_HOURS, phone: '+1 212 555 0100' }, alex.token);
    expect(result.status).toBe(400);
    expect(result.body.error.details?.fields?.map((f) => f.path)).toEqual(['phone']);
    expect((await app.api<{ phone: string }>('GET', '/api/reminder-policy', undefined, alex.token)).body.phone).toBe('+441614960000');
  });
});
