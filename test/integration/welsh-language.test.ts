import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestApp } from '../test-app.js';

const POLICY = { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 };

describe('a Welsh-speaking participant', () => {
  let app: TestApp;
  let keyWorker: { id: string; token: string };

  beforeAll(async () => {
    app = await TestApp.start();
    keyWorker = await app.createStaff('key_worker', 'Rhian', 'Caerdydd');
    expect((await app.api('PUT', '/api/reminder-policy', POLICY, keyWorker.token)).status).toBe(200);
  });
  afterAll(async () => app?.close());

  const sentTo = (phone: string) => app.twilio.accepted.filter((m) => m.form.To === phone).map((m) => String(m.form.Body));
  const nextMessageTo = async (phone: string, count: number) =>
    (await eventually(async () => sentTo(phone).length >= count && sentTo(phone), 10_000, `message ${count} to ${phone}`))[count - 1] as string;

  it('is welcomed in Welsh, reminded in Welsh, and "Ie" confirms', async () => {
    const created = await app.api<{ id: string }>(
      'POST',
      '/api/participants',
      { firstName: 'Gwen', phone: '07700 900601', channel: 'sms', language: 'cy', consent: { contact: true } },
      keyWorker.token,
    );
    expect(created.status).toBe(201);
    const welcome = await nextMessageTo('+447700900601', 1);
    expect(welcome).toMatch(/^Helo Gwen, dyma Employment Support\. Rhian yw eich gweithiwr allweddol\./);
    expect(welcome).toMatch(/atebwch IE/);

    // The reminder's offset has passed, so it goes at once.
    const booked = await app.api(
      'POST',
      `/api/participants/${created.body.id}/appointments`,
      { startsAt: new Date(Date.now() + 3 * 3600_000).toISOString(), title: 'Adolygiad', location: 'Canolfan Byd Gwaith', mandatory: false, reminderOffsets: ['P1D'] },
      keyWorker.token,
    );
    expect(booked.status).toBe(201);
    const reminder = await nextMessageTo('+447700900601', 2);
    expect(reminder).toMatch(/Nodyn atgoffa: Adolygiad, (Llun|Maw|Mer|Iau|Gwe|Sad|Sul) \d+ \w+, \d+(:\d\d)?(yb|yh), Canolfan Byd Gwaith\./);
    expect(reminder).toMatch(/Atebwch IE os gallwch ddod, NA os na allwch, neu R i newid yr amser\./);

    await app.inbound('+447700900601', 'Ie');
    expect(await nextMessageTo('+447700900601', 3)).toMatch(/^Diolch, Gwen, edrychwn ymlaen at eich gweld/);
    const record = await app.record(created.body.id);
    expect(record.map((e) => e.type)).toContain('appointment.confirmed');
  });

  it('is answered in Welsh: CYMORTH for help, STOPIO stops every message, with a Welsh confirmation', async () => {
    const person = await app.createParticipant('07700 900602', keyWorker.token, { firstName: 'Dafydd', language: 'cy' });
    await app.inbound('+447700900602', 'CYMORTH');
    expect(await nextMessageTo('+447700900602', 1)).toMatch(/^Dyma Employment Support\. Mae eich gweithiwr allweddol Rhian yn darllen eich atebion\./);
    await app.inbound('+447700900602', 'stopio');
    expect(await nextMessageTo('+447700900602', 2)).toMatch(/ni fyddwch yn cael rhagor o negeseuon gennym/);
    await eventually(async () => (await app.record(person.id)).some((e) => e.type === 'consent.opted_out'), 10_000, 'the opt-out');
    // Something that needs the key worker: passed on, in Welsh words.
    const other = await app.createParticipant('07700 900603', keyWorker.token, { firstName: 'Siân', language: 'cy' });
    await app.inbound('+447700900603', 'Oes modd i Rhian fy ffonio yfory?');
    expect(await nextMessageTo('+447700900603', 1)).toMatch(/^Helo Siân, diolch am eich neges\./);
    expect((await app.record(other.id)).map((e) => e.type)).toContain('message.inbound');
  });
});
