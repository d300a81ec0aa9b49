/**
 * POST /api/participants/import through the real API, on PostgreSQL and Redis, with Twilio faked at its HTTP
 * boundary: row-by-row rejection, re-imports that change and send nothing, dry runs, Excel's encodings.
 * Phones: +447700900700–719.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, eventually, TestApp } from '../test-app.js';

interface Report {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ row: number; field: string; message: string }>;
  unknownColumns: string[];
}

const FIVE_ROWS = [
  'First Name,Last-Name,PHONE,channel,language,consent,referred_at,external_ref,notes',
  'Zara,Khan,07700 900701,sms,en,yes,03/11/2026,CRM-701,first',
  'Yusuf,,07700 900702,whatsapp,cy,yes,2026-11-04,CRM-702,',
  'Xin,Li,01632 960000,sms,en,yes,,CRM-703,a landline',
  'Will,Jones,07700 900704,sms,en,no,,CRM-704,no consent',
  ',Nobody,07700 900705,sms,en,yes,,CRM-705,no first name',
].join('\n');

describe('participants CSV import', () => {
  let app: TestApp;
  let priya: { id: string; token: string };
  let omar: { id: string; token: string };

  const post = async (csv: string | Buffer, options: { token?: string; dryRun?: boolean; contentType?: string } = {}) => {
    const response = await fetch(`${app.url}/api/participants/import${options.dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${options.token ?? priya.token}`, 'Content-Type': options.contentType ?? 'text/csv' },
      body: typeof csv === 'string' ? csv : new Blob([new Uint8Array(csv)]),
    });
    return { status: response.status, body: (await response.json()) as Report & { error?: { code: string; message: string; details?: unknown } } };
  };
  const sentTo = (phone: string) => app.twilio.accepted.filter((m) => m.form.To === phone).map((m) => String(m.form.Body));
  const participantsCount = async () => (await app.db.selectFrom('participants').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
  const messagesCount = async () => (await app.db.selectFrom('messages').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
  const byRef = (ref: string) => app.db.selectFrom('participants').selectAll().where('external_ref', '=', ref).executeTakeFirst();

  beforeAll(async () => {
    app = await TestApp.start();
    const created = await app.api<{ id: string; token: string }>('POST', '/api/staff', { name: 'Priya', role: 'key_worker', team: 'Leeds', email: 'Priya@example.org' });
    expect(created.status).toBe(201);
    priya = created.body;
    omar = (await app.api<{ id: string; token: string }>('POST', '/api/staff', { name: 'Omar', role: 'key_worker', team: 'Leeds', email: 'omar@example.org' })).body;
    // Any hour of the day may run this test.
    await app.api('PUT', '/api/reminder-policy', { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 }, priya.token);
  }, 60_000);
  afterAll(async () => app?.close());

  it('a dry run reports what the import would do, and writes and sends nothing', async () => {
    const [participants, messages] = [await participantsCount(), await messagesCount()];
    const dry = await post(FIVE_ROWS, { dryRun: true });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 5, created: 3, updated: 0, unchanged: 0, unknownColumns: ['notes'] });
    expect(dry.body.rejected.map((r) => [r.row, r.field])).toEqual([
      [4, 'phone'],
      [6, 'first_name'],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await participantsCount()).toBe(participants);
    expect(await messagesCount()).toBe(messages);
    expect(app.twilio.accepted).toHaveLength(0);
  });

  it('creates the good rows, rejects the bad ones by row and field, and welcomes only those who consented, once', async () => {
    const first = await post(FIVE_ROWS);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ dryRun: false, rows: 5, created: 3, updated: 0, unchanged: 0 });
    expect(first.body.rejected).toEqual([
      { row: 4, field: 'phone', message: expect.stringMatching(/number/) },
      { row: 6, field: 'first_name', message: 'is required' },
    ]);
    const zara = await byRef('CRM-701');
    expect(zara).toMatchObject({ first_name: 'Zara', last_name: 'Khan', phone: '+447700900701', key_worker_id: priya.id, team: 'Leeds', consent_contact: true });
    expect(await byRef('CRM-702')).toMatchObject({ channel: 'whatsapp', language: 'cy', last_name: null });
    expect(await byRef('CRM-704')).toMatchObject({ consent_contact: false, consent_at: null });

    await eventually(async () => sentTo('+447700900701').length === 1 && sentTo('+447700900702').length === 1, 15_000, 'the two welcomes');
    expect(sentTo('+447700900701')[0]).toMatch(/Priya/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sentTo('+447700900701')).toHaveLength(1);
    expect(sentTo('+447700900702')).toHaveLength(1);
    expect(sentTo('+447700900704')).toEqual([]);
    const will = (await byRef('CRM-704'))?.id as string;
    expect(await app.db.selectFrom('messages').select('id').where('participant_id', '=', will).execute()).toEqual([]);
  }, 40_000);

  it('importing the same file again changes nothing and sends nothing', async () => {
    const [participants, messages, sent] = [await participantsCount(), await messagesCount(), app.twilio.accepted.length];
    const again = await post(FIVE_ROWS);
    expect(again.body).toMatchObject({ rows: 5, created: 0, updated: 0, unchanged: 3 });
    expect(again.body.rejected.map((r) => r.row)).toEqual([4, 6]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await participantsCount()).toBe(participants);
    expect(await messagesCount()).toBe(messages);
    expect(app.twilio.accepted).toHaveLength(sent);
  });

  it('a changed phone is an update of the same person, and sends nothing', async () => {
    const before = await byRef('CRM-701');
    const messages = await messagesCount();
    const changed = await post('first_name,phone,external_ref\nZara,+447700900711,CRM-701\n');
    expect(changed.body).toMatchObject({ rows: 1, created: 0, updated: 1, unchanged: 0, rejected: [] });
    const after = await byRef('CRM-701');
    expect(after?.id).toBe(before?.id);
    expect(after).toMatchObject({ phone: '+447700900711', last_name: 'Khan', channel: 'sms' });
    expect(await messagesCount()).toBe(messages);
    const dry = await post('first_name,phone,external_ref\nZara,+447700900712,CRM-701\n', { dryRun: true });
    expect(dry.body).toMatchObject({ updated: 1 });
    expect((await byRef('CRM-701'))?.phone).toBe('+447700900711');
  });

  it('a key worker may not name another key worker; an admin may, and the new key worker is introduced once', async () => {
    const foreign = await post('first_name,phone,external_ref,key_worker_email,consent\nVal,07700 900713,CRM-713,omar@example.org,yes\nUma,07700 900714,CRM-714,PRIYA@example.org,yes\n');
    expect(foreign.body).toMatchObject({ created: 1, rejected: [{ row: 2, field: 'key_worker_email' }] });
    expect(await byRef('CRM-713')).toBeUndefined();
    // Omar's own participant stays out of Priya's reach: "already registered", never whose.
    const omars = await post('first_name,phone,external_ref\nTess,07700 900715,CRM-715\n', { token: omar.token });
    expect(omars.body.created).toBe(1);
    const taken = await post('first_name,phone,external_ref\nTess,07700 900716,CRM-715\nTess,07700 900715,\n');
    expect(taken.body.rejected).toEqual([
      { row: 2, field: 'external_ref', message: 'is already registered' },
      { row: 3, field: 'phone', message: 'is already registered' },
    ]);

    const uma = (await byRef('CRM-714'))?.phone as string;
    await eventually(async () => sentTo(uma).length === 1, 15_000, 'Uma’s welcome');
    const moved = await post('first_name,phone,external_ref,key_worker_email\nUma,07700 900714,CRM-714,omar@example.org\n', { token: ADMIN_TOKEN });
    expect(moved.body).toMatchObject({ updated: 1, rejected: [] });
    expect(await byRef('CRM-714')).toMatchObject({ key_worker_id: omar.id });
    await eventually(async () => sentTo(uma).length === 2, 15_000, 'the handover');
    expect(sentTo(uma)[1]).toMatch(/Omar/);
  }, 40_000);

  it('reads Excel’s files: a byte-order mark, CRLF, a quoted newline, Windows-1252, semicolons', async () => {
    const utf8 = '\uFEFFfirst_name,last_name,notes,phone,external_ref\r\n"Ann","Smith, ""Jr""","line one\r\nline two",07700 900717,CRM-717\r\n';
    expect((await post(utf8)).body).toMatchObject({ rows: 1, created: 1, rejected: [], unknownColumns: ['notes'] });
    expect(await byRef('CRM-717')).toMatchObject({ first_name: 'Ann', last_name: 'Smith, "Jr"', phone: '+447700900717' });

    const latin = Buffer.from('first_name;phone;external_ref\r\nZoë;07700 900718;CRM-718\r\n"=HYPERLINK(""x"")";07700 900719;CRM-719\r\n', 'latin1');
    expect(latin.includes(0xeb)).toBe(true);
    expect((await post(latin)).body).toMatchObject({ created: 2, rejected: [] });
    expect((await byRef('CRM-718'))?.first_name).toBe('Zoë');
    expect((await byRef('CRM-719'))?.first_name).toBe('=HYPERLINK("x")');
  });

  it('refuses what is not a participants CSV', async () => {
    const json = await post('{"firstName":"Sam"}', { contentType: 'application/json' });
    expect(json.status).toBe(415);
    const missing = await post('name,mobile\nSam,07700 900720\n');
    expect(missing.status).toBe(400);
    expect(missing.body.error?.message).toMatch(/first_name, phone/);
    expect(missing.body.error?.details).toEqual({ missingColumns: ['first_name', 'phone'] });
    const huge = await post(`first_name,phone\n${'x'.repeat(11 * 1024 * 1024)}`);
    expect(huge.status).toBe(413);
    const inWork = await app.createStaff('in_work_team', 'Wyn', 'Leeds');
    expect((await post('first_name,phone\nSam,07700 900720\n', { token: inWork.token })).status).toBe(403);
  }, 30_000);
});
