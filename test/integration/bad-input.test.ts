/**
 * What a careless client, a broken integration or an attacker might send: the server answers in the contract's
 * error shape, stores nothing it should not, stores literally what it should, and keeps serving.
 * Phones: +447700900350–399.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, eventually, PUBLIC_BASE_URL, TestApp } from '../test-app.js';
import { encodeTwilioForm, inboundParams, signTwilioRequest } from '../twilio-signer.js';

const UNICODE_SAM = '+447700900351';
const NUL_SAM = '+447700900352';
const LONG_SAM = '+447700900353';

interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const expectErrorShape = (body: unknown) => {
  expect(body).toEqual({
    error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
  });
};

describe('bad input', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
    await app.createParticipant(UNICODE_SAM);
    await app.createParticipant(NUL_SAM);
    await app.createParticipant(LONG_SAM);
  });
  afterAll(async () => app?.close());

  const raw = async (method: string, path: string, body: string | undefined, contentType: string, token: string | null = ADMIN_TOKEN) => {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: { 'Content-Type': contentType, ...(token !== null && { Authorization: `Bearer ${token}` }) },
      ...(body !== undefined && { body }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json, contentType: response.headers.get('content-type') ?? '' };
  };

  const healthy = async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  };

  const countParticipants = async () =>
    Number((await app.db.selectFrom('participants').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  describe('malformed JSON', () => {
    it.each([
      ['a truncated object', '{"firstName": "Sam", "phone": '],
      ['a trailing comma', '{"firstName": "Sam",}'],
      ['single quotes', "{'firstName': 'Sam'}"],
      ['bare words', 'firstName=Sam'],
      ['an array', '[{"firstName": "Sam"}]'],
      ['a string', '"Sam"'],
      ['null', 'null'],
      ['a number', '42'],
    ])('%s → 400 in the error shape, nothing stored', async (_label, body) => {
      const before = await countParticipants();
      const result = await raw('POST', '/api/participants', body, 'application/json');
      expect(result.status, result.text).toBe(400);
      expect(result.contentType).toContain('application/json');
      expectErrorShape(result.json);
      expect(await countParticipants()).toBe(before);
    });

    it('a body that is not JSON at all, sent as JSON to PATCH, is a 400 too', async () => {
      const { id } = await app.createParticipant('+447700900354');
      const result = await raw('PATCH', `/api/participants/${id}`, '{{{', 'application/json');
      expect(result.status).toBe(400);
      expectErrorShape(result.json);
    });

    it('a __proto__ key changes nothing and is refused as an unknown field', async () => {
      const result = await raw(
        'POST',
        '/api/participants',
        '{"firstName":"Proto","phone":"+447700900355","channel":"sms","consent":{"contact":true},"__proto__":{"role":"admin"}}',
        'application/json',
      );
      expect(result.status).toBe(400);
      expectErrorShape(result.json);
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    });
  });

  describe('oversized bodies', () => {
    const TWO_MB = 2 * 1024 * 1024;

    /** The server may answer before it has read the whole body and close the socket under us: that is a refusal too. */
    const post = async (path: string, body: string, headers: Record<string, string>) => {
      try {
        const response = await fetch(`${app.url}${path}`, { method: 'POST', headers, body });
        return { status: response.status, text: await response.text() };
      } catch (error) {
        return { status: 0, text: String(error) };
      }
    };

    it('a 2 MB JSON body to /api/participants → 413 in the error shape, and the server carries on', async () => {
      const before = await countParticipants();
      const body = JSON.stringify({ firstName: 'Big', phone: '+447700900356', channel: 'sms', consent: { contact: true }, pad: 'x'.repeat(TWO_MB) });
      const result = await post('/api/participants', body, { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` });
      expect(result.status, result.text).toBe(413);
      expectErrorShape(JSON.parse(result.text));
      expect(await countParticipants()).toBe(before);
      await healthy();
    });

    it('a 2 MB JSON body without a token → 4xx, and the server carries on', async () => {
      const result = await post('/api/participants', JSON.stringify({ pad: 'x'.repeat(TWO_MB) }), { 'Content-Type': 'application/json' });
      expect(result.status === 0 || (result.status >= 400 && result.status < 500), `${result.status} ${result.text}`).toBe(true);
      await healthy();
    });

    it('a 2 MB signed form to /twilio/inbound → 413, nothing stored, and the server carries on', async () => {
      const params = inboundParams({ from: LONG_SAM, body: 'hello' });
      const form = { ...params, Padding: 'x'.repeat(TWO_MB) };
      const signature = signTwilioRequest(app.twilio.authToken, `${PUBLIC_BASE_URL}/twilio/inbound`, form);
      const result = await post('/twilio/inbound', encodeTwilioForm(form), {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': signature,
      });
      expect(result.status, result.text).toBe(413);
      const rows = await app.db.selectFrom('messages').select('id').where('twilio_sid', '=', params.MessageSid as string).execute();
      expect(rows).toHaveLength(0);
      await healthy();
    });

    it('a 2 MB unsigned form to /twilio/status → 4xx, and the server carries on', async () => {
      const result = await post('/twilio/status', `MessageSid=SM${'0'.repeat(32)}&Padding=${'x'.repeat(TWO_MB)}`, {
        'Content-Type': 'application/x-www-form-urlencoded',
      });
      expect(result.status === 0 || (result.status >= 400 && result.status < 500), `${result.status} ${result.text}`).toBe(true);
      await healthy();
    });

    it('ten 2 MB bodies at once do not take the server down', async () => {
      const body = JSON.stringify({ pad: 'y'.repeat(TWO_MB) });
      const results = await Promise.all(
        Array.from({ length: 10 }, () => post('/api/participants', body, { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` })),
      );
      for (const result of results) expect(result.status === 0 || result.status === 413, `${result.status}`).toBe(true);
      await healthy();
      expect((await app.api('GET', '/api/participants')).status).toBe(200);
    });
  });

  describe('names and free text', () => {
    const create = (firstName: unknown, phone = '+447700900360') =>
      app.api<ApiErrorBody>('POST', '/api/participants', { firstName, phone, channel: 'sms', consent: { contact: true } });

    it.each([
      ['a NUL byte', 'Sam\u0000'],
      ['a bell', '\u0007Sam'],
      ['an escape sequence (terminal colours)', '\u001b[31mSam'],
      ['a newline', 'Sam\nSmith'],
      ['a carriage return', 'Sam\rAdmin'],
      ['a tab', 'Sam\tSmith'],
      ['a DEL', 'Sam\u007f'],
      ['a C1 control', 'Sam\u0085'],
      ['10,000 characters', 'S'.repeat(10_000)],
      ['61 characters', 'S'.repeat(61)],
      ['only spaces', '     '],
      ['an empty string', ''],
      ['a number', 42],
      ['an object', { first: 'Sam' }],
      ['null', null],
    ])('firstName with %s → 400 naming firstName, nothing stored', async (_label, firstName) => {
      const before = await countParticipants();
      const result = await create(firstName);
      expect(result.status, JSON.stringify(result.body)).toBe(400);
      expectErrorShape(result.body);
      expect(JSON.stringify(result.body.error.details)).toContain('firstName');
      expect(await countParticipants()).toBe(before);
    });

    it.each([
      ['a 10,000-character name', { name: 'N'.repeat(10_000), role: 'key_worker' }],
      ['a control character in the name', { name: 'Eve\u0000', role: 'key_worker' }],
      ['a control character in the team', { name: 'Eve', role: 'key_worker', team: 'North\u001b[2J' }],
    ])('POST /api/staff with %s → 400', async (_label, body) => {
      const result = await app.api<ApiErrorBody>('POST', '/api/staff', body);
      expect(result.status).toBe(400);
      expectErrorShape(result.body);
    });

    it('a 10,000-character note on an alert ack → 400', async () => {
      const result = await app.api<ApiErrorBody>('POST', '/api/alerts/00000000-0000-4000-8000-000000000000/ack', { note: 'n'.repeat(10_000) });
      expect(result.status).toBe(400);
      expectErrorShape(result.body);
    });

    it.each([
      ['SQL', "Robert'); DROP TABLE participants;--", '+447700900361'],
      ['more SQL', "' OR '1'='1", '+447700900362'],
      ['HTML', '<script>alert(1)</script>', '+447700900363'],
      ['an image tag', '<img src=x onerror=alert(1)>', '+447700900364'],
      ['a template', '{{constructor.constructor("x")()}}', '+447700900365'],
      ['accents and Welsh', 'Siân Llŷr-Ó', '+447700900366'],
      ['an emoji', 'Sam 👍🏽', '+447700900367'],
    ])('firstName with %s is stored literally and returned as-is in JSON', async (_label, firstName, phone) => {
      const created = await create(firstName, phone);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = (created.body as unknown as { id: string; firstName: string }).id;
      expect((created.body as unknown as { firstName: string }).firstName).toBe(firstName);

      const response = await fetch(`${app.url}/api/participants/${id}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(response.headers.get('content-type')).toContain('application/json');
      const fetched = (await response.json()) as { firstName: string };
      expect(fetched.firstName).toBe(firstName);
      const row = await app.db.selectFrom('participants').select('first_name').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.first_name).toBe(firstName);
      // The table is still there and still whole.
      expect((await app.api<unknown[]>('GET', '/api/participants')).status).toBe(200);
    });
  });

  describe('inbound text', () => {
    const postInbound = async (params: Record<string, string>) => {
      const signature = signTwilioRequest(app.twilio.authToken, `${PUBLIC_BASE_URL}/twilio/inbound`, params);
      const response = await fetch(`${app.url}/twilio/inbound`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
        body: encodeTwilioForm(params),
      });
      return { status: response.status, text: await response.text() };
    };
    const storedBody = async (sid: string) =>
      (await app.db.selectFrom('messages').select('body').where('twilio_sid', '=', sid).executeTakeFirst())?.body;

    it.each([
      ['a right-to-left override', 'I can\u202Eton come\u202C tomorrow'],
      ['zero-width spaces inside a keyword', 'S\u200BT\u200BO\u200BP'],
      ['a zero-width joiner and a byte-order mark', '\uFEFFyes\u200D please'],
      ['combining characters', 'Z̸̡̛a̷̰͝l̵g̶o̴'],
      ['emoji with skin tone and ZWJ sequences', '👍🏽 👩‍👧 ok'],
      ['Welsh, Polish and Arabic', 'Diolch • Dziękuję • شكرا'],
      ['a lone surrogate half, as some phones send', 'broken \uD83D text'],
    ])('%s → 200 and stored', async (_label, body) => {
      const params = inboundParams({ from: UNICODE_SAM, body });
      const result = await postInbound(params);
      expect(result.status, result.text).toBe(200);
      expect(result.text).toContain('<Response/>');
      const stored = await storedBody(params.MessageSid as string);
      expect(stored).toBeDefined();
      // What reached the database is what the form carried (URL encoding turns a lone surrogate into U+FFFD).
      expect(stored).toBe(new URLSearchParams(encodeTwilioForm({ Body: body })).get('Body'));
    });

    // PostgreSQL text cannot hold U+0000, so a NUL that reaches an INSERT or a WHERE fails the query. Twilio
    // answers a 5xx by trying the fallback URL and then dropping the text; a 400 or a stored 200 is expected.
    it.each([
      { label: 'Body', change: (form: Record<string, string>) => ({ ...form, Body: 'yes\u0000 please' }) },
      { label: 'From', change: (form: Record<string, string>) => ({ ...form, From: `${NUL_SAM}\u0000` }) },
    ])('a NUL character in $label → 200 or 400, never a 500', async ({ change }) => {
      const params = change(inboundParams({ from: NUL_SAM, body: 'yes please' }));
      const result = await postInbound(params);
      expect(result.status, result.text).toBeLessThan(500);
      expect([200, 400]).toContain(result.status);
      await healthy();
    });

    it('a 10,000-character Body → 400 and nothing stored (Twilio never sends more than 5,000)', async () => {
      const params = inboundParams({ from: LONG_SAM, body: 'a'.repeat(10_000) });
      const result = await postInbound(params);
      expect(result.status).toBe(400);
      expect(await storedBody(params.MessageSid as string)).toBeUndefined();
      const rows = await app.db.selectFrom('messages').select('id').where('phone', '=', LONG_SAM).execute();
      expect(rows).toHaveLength(0);
    });

    it('a 5,000-character Body (the limit) is accepted', async () => {
      const params = inboundParams({ from: LONG_SAM, body: 'b'.repeat(5000) });
      const result = await postInbound(params);
      expect(result.status).toBe(200);
      expect(await storedBody(params.MessageSid as string)).toHaveLength(5000);
    });

    it('a field name the body parser would nest (Body[toString]) does not match the signature: 403, not stored', async () => {
      const params = inboundParams({ from: LONG_SAM, body: 'hello' });
      const result = await postInbound({ ...params, 'Body[toString]': 'x' });
      expect(result.status).toBe(403);
      expect(await storedBody(params.MessageSid as string)).toBeUndefined();
    });

    it('the unicode texts reached the participant’s record exactly once each', async () => {
      const id = (await app.db.selectFrom('participants').select('id').where('phone', '=', UNICODE_SAM).executeTakeFirstOrThrow()).id;
      await eventually(async () => {
        const pending = await app.db.selectFrom('messages').select('id').where('phone', '=', UNICODE_SAM).where('status', '=', 'received').execute();
        return pending.length === 0;
      }, 15_000, 'the turns to run');
      const record = await app.record(id);
      expect(record.filter((e) => e.type === 'message.inbound')).toHaveLength(7);
    });
  });

  describe('routes and ids', () => {
    it.each([
      ['GET', '/api/nothing-here'],
      ['GET', '/api/participants/00000000-0000-4000-8000-000000000000/nothing'],
      ['POST', '/api/participantz'],
      ['GET', '/no-such-page'],
      ['GET', '/api/../etc/passwd'],
    ])('%s %s → 404 in the error shape', async (method, path) => {
      const result = await raw(method, path, method === 'POST' ? '{}' : undefined, 'application/json');
      expect(result.status, result.text).toBe(404);
      expect(result.contentType).toContain('application/json');
      expectErrorShape(result.json);
    });

    it('an unknown route with no token is still a 404 (or 401), never a 5xx', async () => {
      const result = await raw('GET', '/api/nothing-here', undefined, 'application/json', null);
      expect([401, 404]).toContain(result.status);
      expectErrorShape(result.json);
    });

    it.each([
      ['a number', 'GET', '/api/participants/123'],
      ['a word', 'GET', '/api/participants/not-a-uuid'],
      ['SQL', 'GET', `/api/participants/${encodeURIComponent("1' OR '1'='1")}`],
      ['a UUID one digit short', 'GET', '/api/participants/00000000-0000-4000-8000-00000000000'],
      ['a UUID one digit long', 'GET', '/api/participants/00000000-0000-4000-8000-0000000000000'],
      ['a word, for the record', 'GET', '/api/participants/not-a-uuid/record'],
      ['a word, to PATCH', 'PATCH', '/api/participants/not-a-uuid'],
      ['a word, to DELETE', 'DELETE', '/api/participants/not-a-uuid'],
      ['5,000 digits, to DELETE', 'DELETE', `/api/participants/${'9'.repeat(5000)}`],
      ['a word, to ack', 'POST', '/api/alerts/not-a-uuid/ack'],
      ['an encoded NUL, to ack', 'POST', '/api/alerts/%00/ack'],
    ])('an id that is %s (%s) → 404', async (_label, method, path) => {
      const body = method === 'PATCH' ? JSON.stringify({ language: 'cy' }) : method === 'POST' ? '{}' : undefined;
      const result = await raw(method, path, body, 'application/json');
      expect(result.status, result.text).toBe(404);
      expectErrorShape(result.json);
    });

    it('a query that is not in the schema → 400', async () => {
      const result = await raw('GET', '/api/alerts?participantId=not-a-uuid', undefined, 'application/json');
      expect(result.status).toBe(400);
      expectErrorShape(result.json);
    });

    it('the server is still healthy after all of it', async () => {
      await healthy();
      expect((await app.api('GET', '/api/participants')).status).toBe(200);
    });
  });
});
