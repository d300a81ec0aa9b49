/**
 * The Twilio webhook routes under fast-check: arbitrary and hostile form bodies — unicode tricks, control
 * characters, 10,000-character texts, SQL and HTML, broken percent-encoding, nested keys, repeated keys — signed
 * correctly or not at all. Every one is answered 2xx or 4xx, never 5xx; whatever is answered 200 was stored once;
 * and the server is healthy at the end.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostilePiece, hostileText } from '../hostile-text.arbitrary.js';
import { eventually, PUBLIC_BASE_URL, TestApp } from '../test-app.js';
import { inboundParams, postSignedForm, statusParams, type TwilioForm } from '../twilio-signer.js';

const SID = `SM${'0123456789abcdef'.repeat(2)}`;
const FIELDS = ['MessageSid', 'AccountSid', 'From', 'To', 'Body', 'NumMedia', 'MediaUrl0', 'ProfileName', 'WaId', 'MessageStatus', 'ErrorCode', 'ErrorMessage', 'Body[toString]', 'a[b][c]', '__proto__', 'constructor'];
const value = fc.oneof({ weight: 6, arbitrary: hostileText(10_000) }, { weight: 1, arbitrary: fc.array(hostilePiece, { minLength: 2, maxLength: 3 }) });
const changes = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), hostilePiece), value, { maxKeys: 5 });

/** A real form, with a fresh sid, some fields replaced by hostile values and some removed. */
const hostileForm = (base: () => TwilioForm) =>
  fc.tuple(changes, fc.array(fc.constantFrom(...FIELDS), { maxLength: 3 }), fc.boolean()).map(([changed, removed, freshSid]) => {
    const form: TwilioForm = { ...base() };
    if (freshSid) form.MessageSid = `SM${[...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    for (const key of removed) delete form[key];
    return { ...form, ...changed };
  });

const RUNS = { numRuns: 120 };

describe('Twilio webhooks under arbitrary and hostile form bodies (fast-check)', () => {
  let app: TestApp;
  const answered200: string[] = [];

  beforeAll(async () => {
    app = await TestApp.start({ workers: false });
    await app.createParticipant('+447700900850');
  });
  afterAll(async () => app?.close());

  const inboundBase = () => inboundParams({ from: '+447700900850', body: 'hello', sid: SID });
  const statusBase = () => statusParams({ sid: SID, status: 'delivered', to: '+447700900850' });

  it('POST /twilio/inbound, correctly signed: 2xx or 4xx, never 5xx; a 200 is stored once', async () => {
    await fc.assert(
      fc.asyncProperty(hostileForm(inboundBase), async (form) => {
        const response = await postSignedForm(app.url, PUBLIC_BASE_URL, '/twilio/inbound', form, app.twilio.authToken);
        await response.text();
        expect(response.status, JSON.stringify(form).slice(0, 300)).toBeLessThan(500);
        if (response.status === 200 && typeof form.MessageSid === 'string') answered200.push(form.MessageSid);
      }),
      RUNS,
    );
    // Not everything is refused: plenty of the hostile forms are real texts, and those are stored.
    expect(answered200.length).toBeGreaterThan(RUNS.numRuns / 10);
    for (const sid of new Set(answered200)) {
      const rows = await app.db.selectFrom('messages').select('id').where('twilio_sid', '=', sid).execute();
      expect(rows, sid).toHaveLength(1);
    }
  }, 120_000);

  it('POST /twilio/status, correctly signed: 2xx or 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(hostileForm(statusBase), async (form) => {
        const response = await postSignedForm(app.url, PUBLIC_BASE_URL, '/twilio/status', form, app.twilio.authToken);
        await response.text();
        expect(response.status, JSON.stringify(form).slice(0, 300)).toBeLessThan(500);
      }),
      RUNS,
    );
  }, 120_000);

  it('raw bodies (broken percent-encoding, stray bytes, wrong content types), unsigned or with a forged signature: 4xx, nothing stored', async () => {
    const before = await app.db.selectFrom('messages').select('id').execute();
    const raw = fc.oneof(
      hostileText(10_000),
      fc.array(fc.constantFrom('%', '%zz', '%E2%82', '%00', '&', '=', '&&==', 'Body=', 'Body[]=x', 'a[b][c][d][e][f]=1', '+', '%2B'), { maxLength: 30 }).map((p) => p.join('')),
    );
    const contentType = fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-16', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', '');
    const signature = fc.option(fc.oneof(hostilePiece, fc.constant('AAAAAAAAAAAAAAAAAAAAAAAAAAA=')), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/twilio/inbound', '/twilio/status'), raw, contentType, signature, async (path, body, type, sig) => {
        const headers: Record<string, string> = {};
        if (type) headers['Content-Type'] = type;
        if (sig !== undefined) headers['X-Twilio-Signature'] = sig.replace(/[^\x20-\x7e]/g, '');
        const response = await fetch(`${app.url}${path}`, { method: 'POST', headers, body });
        await response.text();
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      RUNS,
    );
    expect(await app.db.selectFrom('messages').select('id').execute()).toHaveLength(before.length);
  }, 120_000);

  it('is healthy afterwards, and a plain text still goes through', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const { response, sid } = await app.inbound('+447700900850', 'Still here?');
    expect(response.status).toBe(200);
    await eventually(async () => (await app.db.selectFrom('messages').select('id').where('twilio_sid', '=', sid).execute()).length === 1, 5000, 'stored');
  });
});
