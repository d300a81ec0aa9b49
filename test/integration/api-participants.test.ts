/**
 * The key-worker API for participants, staff and alerts, as CONTRACT.md describes it. Phones: +447700900250–299.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestApp } from '../test-app.js';

interface Participant {
  id: string;
  firstName: string;
  phone: string;
  channel: 'sms' | 'whatsapp';
  language: string;
  keyWorkerId: string | null;
  team: string | null;
  optedOut: boolean;
  mutedStreams: string[];
  consent: { contact: boolean; basis: string | null; at: string | null };
  createdAt: string;
  openAlerts?: Alert[];
}
interface Alert {
  id: string;
  participantId: string;
  type: string;
  priority: string;
  status: string;
  note: string | null;
  acknowledgedBy: string | null;
  data: Record<string, unknown>;
}
interface ApiErrorBody {
  error: { code: string; message: string; details?: { fields?: Array<{ path: string; message: string }> } };
}
interface RecordEvent {
  id: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

const fieldsOf = (body: unknown) => ((body as ApiErrorBody).error.details?.fields ?? []).map((f) => f.path);

describe('key-worker API: participants, staff and alerts', () => {
  let app: TestApp;
  let keyWorker: { id: string; token: string };

  beforeAll(async () => {
    app = await TestApp.start();
    keyWorker = await app.createStaff('key_worker', 'Priya Key Worker', 'North');
  });
  afterAll(async () => app?.close());

  describe('POST /api/participants', () => {
    it('normalises a UK national number to E.164, keeps the channel and makes the calling key worker theirs', async () => {
      const result = await app.api<Participant>(
        'POST',
        '/api/participants',
        { firstName: 'Dana', phone: '07700 900250', channel: 'whatsapp', consent: { contact: true } },
        keyWorker.token,
      );
      expect(result.status).toBe(201);
      expect(result.body).toMatchObject({
        firstName: 'Dana',
        phone: '+447700900250',
        channel: 'whatsapp',
        language: 'en',
        keyWorkerId: keyWorker.id,
        team: 'North',
        optedOut: false,
        mutedStreams: [],
        consent: { contact: true },
      });
      expect(result.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(result.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    });

    it.each([
      ['+44 7700 900251', '+447700900251'],
      ['(07700) 900-252', '+447700900252'],
      ['447700900253', '+447700900253'],
    ])('accepts %s as %s', async (input, e164) => {
      const result = await app.api<Participant>('POST', '/api/participants', {
        firstName: 'Ola',
        phone: input,
        channel: 'sms',
        consent: { contact: true },
      });
      expect(result.status, JSON.stringify(result.body)).toBe(201);
      expect(result.body.phone).toBe(e164);
    });

    it.each([
      { label: 'consent.contact false', body: { consent: { contact: false } }, field: 'consent.contact' },
      { label: 'consent missing', body: { consent: undefined }, field: 'consent' },
      { label: 'consent.contact missing', body: { consent: {} }, field: 'consent.contact' },
      { label: 'consent.contact the string "true"', body: { consent: { contact: 'true' } }, field: 'consent.contact' },
      { label: 'firstName missing', body: { firstName: undefined }, field: 'firstName' },
      { label: 'firstName blank', body: { firstName: '   ' }, field: 'firstName' },
      { label: 'channel voice', body: { channel: 'voice' }, field: 'channel' },
      { label: 'language not a code', body: { language: 'English' }, field: 'language' },
      { label: 'keyWorkerId not a uuid', body: { keyWorkerId: 'priya' }, field: 'keyWorkerId' },
      { label: 'referredAt without an offset', body: { referredAt: '2025-03-01 10:00' }, field: 'referredAt' },
      { label: 'an unknown field', body: { nationalInsurance: 'QQ123456C' }, field: '' },
      { label: 'not a phone number', body: { phone: 'call me maybe' }, field: 'phone' },
      { label: 'too few digits', body: { phone: '07700 90025' }, field: 'phone' },
      // Ofcom's London drama range: a landline that can never be a real person's number.
      { label: 'a landline', body: { phone: '020 7946 0254' }, field: 'phone' },
      { label: 'phone not a string', body: { phone: 7700900255 }, field: 'phone' },
    ])('refuses $label with 400 naming the field', async ({ body, field }) => {
      const result = await app.api<ApiErrorBody>('POST', '/api/participants', {
        firstName: 'Ola',
        phone: '07700 900259',
        channel: 'sms',
        consent: { contact: true },
        ...body,
      });
      expect(result.status, JSON.stringify(result.body)).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
      expect(typeof result.body.error.message).toBe('string');
      expect(fieldsOf(result.body)).toContain(field);
      const stored = await app.db.selectFrom('participants').select('id').where('phone', '=', '+447700900259').execute();
      expect(stored).toHaveLength(0);
    });

    it('says why a landline is refused', async () => {
      const result = await app.api<ApiErrorBody>('POST', '/api/participants', {
        firstName: 'Ola',
        phone: '020 7946 0254',
        channel: 'sms',
        consent: { contact: true },
      });
      expect(result.status).toBe(400);
      expect(result.body.error.message).toMatch(/mobile/i);
    });

    it('refuses a phone number that is already a participant, in any format, with 409', async () => {
      await app.createParticipant('07700 900256');
      for (const phone of ['07700 900256', '+447700900256', '+44 (0)7700 900256']) {
        const result = await app.api<ApiErrorBody>('POST', '/api/participants', {
          firstName: 'Twin',
          phone,
          channel: 'sms',
          consent: { contact: true },
        });
        expect(result.status, phone).toBe(409);
        expect(result.body.error.code).toBe('conflict');
      }
      const rows = await app.db.selectFrom('participants').select('id').where('phone', '=', '+447700900256').execute();
      expect(rows).toHaveLength(1);
    });
  });

  describe('GET, PATCH and the case record', () => {
    let kai: Participant;

    beforeAll(async () => {
      kai = (
        await app.api<Participant>(
          'POST',
          '/api/participants',
          { firstName: 'Kai', phone: '07700900260', channel: 'sms', language: 'en', consent: { contact: true, basis: 'Signed form 12/03' } },
          keyWorker.token,
        )
      ).body;
    });

    it('GET one answers the participant with optedOut false and no open alerts', async () => {
      const result = await app.api<Participant>('GET', `/api/participants/${kai.id}`, undefined, keyWorker.token);
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({
        id: kai.id,
        firstName: 'Kai',
        phone: '+447700900260',
        channel: 'sms',
        optedOut: false,
        consent: { contact: true, basis: 'Signed form 12/03' },
        openAlerts: [],
      });
      expect(result.body).toHaveProperty('nextAppointment');
    });

    it('lists the caller’s caseload', async () => {
      const mine = await app.api<Participant[]>('GET', '/api/participants', undefined, keyWorker.token);
      expect(mine.status).toBe(200);
      expect(mine.body.map((p) => p.id)).toContain(kai.id);
      expect(mine.body.every((p) => p.keyWorkerId === keyWorker.id)).toBe(true);
      const all = await app.api<Participant[]>('GET', '/api/participants');
      expect(all.body.map((p) => p.phone)).toEqual(expect.arrayContaining(['+447700900250', '+447700900256', '+447700900260']));
    });

    it('PATCH changes the language and muted streams and writes participant.updated', async () => {
      const result = await app.api<Participant>(
        'PATCH',
        `/api/participants/${kai.id}`,
        { language: 'cy', mutedStreams: ['check_ins', 'pulses'] },
        keyWorker.token,
      );
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      expect(result.body).toMatchObject({ id: kai.id, language: 'cy', mutedStreams: ['check_ins', 'pulses'], firstName: 'Kai' });

      const again = await app.api<Participant>('GET', `/api/participants/${kai.id}`, undefined, keyWorker.token);
      expect(again.body).toMatchObject({ language: 'cy', mutedStreams: ['check_ins', 'pulses'] });
      const record = await app.record(kai.id);
      expect(record.filter((e) => e.type === 'participant.updated')).toHaveLength(1);
    });

    it('PATCH can switch channel and phone (normalised)', async () => {
      const result = await app.api<Participant>(
        'PATCH',
        `/api/participants/${kai.id}`,
        { channel: 'whatsapp', phone: '07700 900261' },
        keyWorker.token,
      );
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ channel: 'whatsapp', phone: '+447700900261' });
    });

    it.each([
      { label: 'an unknown stream', body: { mutedStreams: ['reminders', 'marketing'] }, field: 'mutedStreams.1' },
      { label: 'mutedStreams not a list', body: { mutedStreams: 'reminders' }, field: 'mutedStreams' },
      { label: 'an empty body', body: {}, field: '' },
      { label: 'an unknown field', body: { firstName: 'Kaito' }, field: '' },
      { label: 'a landline', body: { phone: '020 7946 0262' }, field: 'phone' },
      { label: 'language not a code', body: { language: 'Welsh' }, field: 'language' },
      { label: 'channel email', body: { channel: 'email' }, field: 'channel' },
    ])('PATCH refuses $label with 400 and changes nothing', async ({ body, field }) => {
      const before = await app.api<Participant>('GET', `/api/participants/${kai.id}`, undefined, keyWorker.token);
      const result = await app.api<ApiErrorBody>('PATCH', `/api/participants/${kai.id}`, body, keyWorker.token);
      expect(result.status, JSON.stringify(result.body)).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
      expect(fieldsOf(result.body)).toContain(field);
      const after = await app.api<Participant>('GET', `/api/participants/${kai.id}`, undefined, keyWorker.token);
      expect(after.body).toEqual(before.body);
    });

    it('PATCH to a phone another participant has is a 409', async () => {
      const result = await app.api<ApiErrorBody>('PATCH', `/api/participants/${kai.id}`, { phone: '07700 900250' }, keyWorker.token);
      expect(result.status).toBe(409);
      expect(result.body.error.code).toBe('conflict');
    });

    it('the record lists events oldest first, starting with participant.created', async () => {
      const result = await app.api<{ events: RecordEvent[] }>('GET', `/api/participants/${kai.id}/record`, undefined, keyWorker.token);
      expect(result.status).toBe(200);
      const { events } = result.body;
      expect(events[0]?.type).toBe('participant.created');
      // The welcome text (contact.welcome_sent, message.outbound) may come between, depending on quiet hours.
      expect(events.map((e) => e.type).filter((t) => t.startsWith('participant.'))).toEqual(['participant.created', 'participant.updated', 'participant.updated']);
      // Times are in order among the key worker's own edits; a welcome written in parallel may land a moment apart.
      const times = events.filter((e) => e.type.startsWith('participant.')).map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const ids = events.map((e) => BigInt(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      for (const event of events) expect(event.at).toMatch(/(Z|[+-]\d\d:\d\d)$/);
    });
  });

  describe('DELETE /api/participants/:id (erasure)', () => {
    const PHONE = '+447700900270';
    const SECRET_TEXT = 'My landlord Mr Gribble at 14 Acacia Avenue is evicting me';

    it('answers 204, then 404, and leaves no personal data in the record, messages or alerts', async () => {
      const robin = await app.createParticipant(PHONE, keyWorker.token, { firstName: 'Robin' });
      await app.inbound(PHONE, SECRET_TEXT);
      await eventually(async () => {
        const record = await app.record(robin.id);
        return record.some((e) => e.type === 'message.outbound') && record.some((e) => e.type === 'alert.raised');
      }, 15_000, 'the reply to be recorded');

      const erased = await app.api('DELETE', `/api/participants/${robin.id}`, undefined, keyWorker.token);
      expect(erased.status).toBe(204);
      expect(erased.body).toBeUndefined();

      expect((await app.api('GET', `/api/participants/${robin.id}`, undefined, keyWorker.token)).status).toBe(404);
      expect((await app.api('GET', `/api/participants/${robin.id}/record`, undefined, keyWorker.token)).status).toBe(404);
      expect((await app.api('DELETE', `/api/participants/${robin.id}`, undefined, keyWorker.token)).status).toBe(404);
      expect((await app.api('DELETE', `/api/participants/${robin.id}`)).status).toBe(404);
      const list = await app.api<Participant[]>('GET', '/api/participants');
      expect(list.body.map((p) => p.id)).not.toContain(robin.id);

      const events = await app.db.selectFrom('case_record_events').selectAll().where('participant_id', '=', robin.id).execute();
      const types = events.map((e) => e.type);
      // Counts are kept: the events are still there, saying what happened but not what was said.
      expect(types).toEqual(expect.arrayContaining(['participant.created', 'message.inbound', 'message.outbound', 'participant.erased']));
      const personal = [PHONE, PHONE.slice(3), 'Robin', 'Gribble', 'Acacia', 'evicting'];
      for (const event of events) {
        const data = JSON.stringify(event.data);
        for (const needle of personal) expect(data, `${event.type} still says ${needle}`).not.toContain(needle);
      }

      const messages = await app.db.selectFrom('messages').selectAll().where('participant_id', '=', robin.id).execute();
      expect(messages.length).toBeGreaterThanOrEqual(2);
      for (const message of messages) expect(message).toMatchObject({ body: null, phone: null });
      const alerts = await app.db.selectFrom('alerts').selectAll().where('participant_id', '=', robin.id).execute();
      expect(alerts.length).toBeGreaterThanOrEqual(1);
      for (const alert of alerts) {
        for (const needle of personal) expect(JSON.stringify(alert.data)).not.toContain(needle);
      }
      const row = await app.db.selectFrom('participants').selectAll().where('id', '=', robin.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ first_name: null, phone: null });
      expect(row.erased_at).not.toBeNull();
    });

    it('lets the erased number be added again as a new participant', async () => {
      const again = await app.createParticipant(PHONE);
      expect(again.phone).toBe(PHONE);
    });
  });

  describe('POST /api/staff and bearer tokens', () => {
    it('an admin adds staff: 201 with the token shown once, stored hashed, and usable', async () => {
      const result = await app.api<{ id: string; name: string; role: string; team: string | null; token: string }>('POST', '/api/staff', {
        name: 'Morgan In-Work',
        role: 'in_work_team',
        team: 'South',
      });
      expect(result.status).toBe(201);
      expect(result.body).toMatchObject({ name: 'Morgan In-Work', role: 'in_work_team', team: 'South' });
      expect(result.body.token.length).toBeGreaterThanOrEqual(20);

      const row = await app.db.selectFrom('staff').selectAll().where('id', '=', result.body.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(result.body.token);

      const withToken = await app.api('GET', '/api/participants', undefined, result.body.token);
      expect(withToken.status).toBe(200);
      expect(withToken.body).toEqual([]);
    });

    it('a key worker cannot add staff: 403', async () => {
      const result = await app.api<ApiErrorBody>('POST', '/api/staff', { name: 'Sneaky Admin', role: 'admin' }, keyWorker.token);
      expect(result.status).toBe(403);
      expect(result.body.error.code).toBeTruthy();
      const rows = await app.db.selectFrom('staff').select('id').where('name', '=', 'Sneaky Admin').execute();
      expect(rows).toHaveLength(0);
    });

    it.each([
      { label: 'an unknown role', body: { name: 'X', role: 'superuser' }, field: 'role' },
      { label: 'no name', body: { role: 'admin' }, field: 'name' },
    ])('refuses $label with 400', async ({ body, field }) => {
      const result = await app.api<ApiErrorBody>('POST', '/api/staff', body);
      expect(result.status).toBe(400);
      expect(fieldsOf(result.body)).toContain(field);
    });

    it.each([
      { label: 'no token', authorization: undefined },
      { label: 'a bad token', authorization: 'Bearer not-a-real-token' },
      { label: 'a token with one character changed', authorization: 'tamper' },
      { label: 'Basic auth', authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
      { label: 'Bearer with nothing after it', authorization: 'Bearer ' },
      { label: 'an over-long token', authorization: `Bearer ${'a'.repeat(5000)}` },
    ])('$label: 401 in the error shape', async ({ authorization }) => {
      const header = authorization === 'tamper' ? `Bearer ${keyWorker.token.slice(0, -1)}${keyWorker.token.endsWith('a') ? 'b' : 'a'}` : authorization;
      for (const [method, path] of [
        ['GET', '/api/participants'],
        ['POST', '/api/staff'],
        ['GET', '/api/alerts'],
      ] as const) {
        const response = await fetch(`${app.url}${path}`, {
          method,
          headers: { ...(header !== undefined && { Authorization: header }), 'Content-Type': 'application/json' },
          ...(method === 'POST' && { body: JSON.stringify({ name: 'Intruder', role: 'admin' }) }),
        });
        expect(response.status, `${method} ${path}`).toBe(401);
        const body = (await response.json()) as ApiErrorBody;
        expect(body.error.code).toBeTruthy();
        expect(typeof body.error.message).toBe('string');
      }
      const rows = await app.db.selectFrom('staff').select('id').where('name', '=', 'Intruder').execute();
      expect(rows).toHaveLength(0);
    });
  });

  describe('alerts', () => {
    let jamie: { id: string };
    let alertId: string;

    beforeAll(async () => {
      jamie = await app.createParticipant('+447700900280', keyWorker.token, { firstName: 'Jamie' });
      await app.inbound('+447700900280', 'Can you ask Priya to ring me after 3?');
      alertId = await eventually(async () => {
        const result = await app.api<Alert[]>('GET', `/api/alerts?status=open&participantId=${jamie.id}`, undefined, keyWorker.token);
        return result.body[0]?.id;
      }, 15_000, 'an alert for Jamie');
    });

    it('lists open alerts for the caller’s caseload, and shows them on the participant', async () => {
      const result = await app.api<Alert[]>('GET', '/api/alerts?status=open', undefined, keyWorker.token);
      expect(result.status).toBe(200);
      expect(result.body).toContainEqual(
        expect.objectContaining({ id: alertId, participantId: jamie.id, type: 'message_for_key_worker', status: 'open' }),
      );
      const participant = await app.api<Participant>('GET', `/api/participants/${jamie.id}`, undefined, keyWorker.token);
      expect(participant.body.openAlerts?.map((a) => a.id)).toEqual([alertId]);
    });

    it('refuses an unknown status filter with 400', async () => {
      const result = await app.api<ApiErrorBody>('GET', '/api/alerts?status=closed', undefined, keyWorker.token);
      expect(result.status).toBe(400);
      expect(fieldsOf(result.body)).toContain('status');
    });

    it('acknowledges once with a note (alert.acknowledged on the record), then 409', async () => {
      const first = await app.api<Alert>('POST', `/api/alerts/${alertId}/ack`, { note: 'Rang back, sorted' }, keyWorker.token);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ id: alertId, status: 'acknowledged', note: 'Rang back, sorted', acknowledgedBy: keyWorker.id });

      const second = await app.api<ApiErrorBody>('POST', `/api/alerts/${alertId}/ack`, {}, keyWorker.token);
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('conflict');

      const record = await app.record(jamie.id);
      const acks = record.filter((e) => e.type === 'alert.acknowledged');
      expect(acks).toHaveLength(1);
      expect(acks[0]?.data).toMatchObject({ alertId, by: keyWorker.id, note: 'Rang back, sorted' });

      const open = await app.api<Alert[]>('GET', `/api/alerts?status=open&participantId=${jamie.id}`, undefined, keyWorker.token);
      expect(open.body).toEqual([]);
      const done = await app.api<Alert[]>('GET', '/api/alerts?status=acknowledged', undefined, keyWorker.token);
      expect(done.body.map((a) => a.id)).toContain(alertId);
      const participant = await app.api<Participant>('GET', `/api/participants/${jamie.id}`, undefined, keyWorker.token);
      expect(participant.body.openAlerts).toEqual([]);
    });

    it('acknowledging an alert that does not exist is a 404', async () => {
      const result = await app.api<ApiErrorBody>('POST', '/api/alerts/00000000-0000-4000-8000-000000000000/ack', {}, keyWorker.token);
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe('not_found');
    });
  });

  describe('GET /api/openapi.json', () => {
    type Operation = {
      summary?: string;
      parameters?: Array<{ name: string; in: string; required: boolean }>;
      requestBody?: { content: Record<string, { schema: { type?: string; required?: string[]; properties?: Record<string, unknown> } }> };
      responses: Record<string, { description: string }>;
    };
    let doc: { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Operation>> };

    beforeAll(async () => {
      const response = await fetch(`${app.url}/api/openapi.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      doc = (await response.json()) as typeof doc;
    });

    it('is an OpenAPI 3.1 document with a title and version', () => {
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
      expect(doc.info.title).toBeTruthy();
      expect(doc.info.version).toBeTruthy();
    });

    it.each([
      ['/api/staff', ['post']],
      ['/api/participants', ['get', 'post']],
      ['/api/participants/{id}', ['delete', 'get', 'patch']],
      ['/api/participants/{id}/record', ['get']],
      ['/api/alerts', ['get']],
      ['/api/alerts/{id}/ack', ['post']],
    ])('lists %s with %j', (path, methods) => {
      expect(Object.keys(doc.paths[path] ?? {}).sort()).toEqual(expect.arrayContaining(methods));
    });

    it('has no restify-style paths, declares every path parameter, and gives every operation responses', () => {
      const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);
      for (const [path, item] of Object.entries(doc.paths)) {
        expect(path).toMatch(/^\//);
        expect(path).not.toContain(':');
        const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        for (const [method, operation] of Object.entries(item)) {
          expect(methods.has(method), `${method} ${path}`).toBe(true);
          expect(Object.keys(operation.responses).length, `${method} ${path}`).toBeGreaterThan(0);
          for (const [code, response] of Object.entries(operation.responses)) {
            expect(code).toMatch(/^[1-5]\d\d$|^default$/);
            expect(typeof response.description).toBe('string');
          }
          const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
          expect(declared.map((p) => p.name).sort(), `${method} ${path}`).toEqual([...templated].sort());
          for (const parameter of declared) expect(parameter.required).toBe(true);
        }
      }
    });

    it('describes the create-participant body from the same schema the server validates with', () => {
      const schema = doc.paths['/api/participants']?.post?.requestBody?.content['application/json']?.schema;
      expect(schema?.type).toBe('object');
      expect(schema?.required).toEqual(expect.arrayContaining(['firstName', 'phone', 'channel', 'consent']));
      expect(Object.keys(schema?.properties ?? {})).toEqual(expect.arrayContaining(['language', 'keyWorkerId', 'referredAt']));
      expect(doc.paths['/api/participants']?.post?.responses).toHaveProperty('201');
    });

    it('leaves the sandbox endpoints out in Twilio mode', () => {
      expect(Object.keys(doc.paths).filter((path) => path.includes('sandbox'))).toEqual([]);
    });
  });
});
