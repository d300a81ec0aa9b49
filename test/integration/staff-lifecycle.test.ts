/**
 * Staff accounts through the API with the fake Twilio: adding someone with a work email and phone (bad input is a
 * 400 naming the field), the list, a new token (the old one and its dashboard session stop at once), switching
 * someone off (their token and sessions stop at once, a 401) with their caseload handed to a colleague in the same
 * call (each participant gets the handover text), role changes that count from the next request, and every change
 * in the audit log under the member's id. Phones for this file: +447700900550–599.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, eventually, TestApp } from '../test-app.js';

interface Member {
  id: string;
  name: string;
  role: string;
  team: string | null;
  email: string | null;
  phone: string | null;
  active: boolean;
}
interface ErrorBody {
  error: { code: string; message: string; details?: { fields: Array<{ path: string; message: string }> } };
}

describe('staff accounts: add, list, change, new token, switch off with the caseload handed over', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ env: { PROGRAMME_NAME: 'Working Well' } });
  }, 90_000);
  afterAll(async () => app?.close());

  const add = (body: Record<string, unknown>) => app.api<Member & { token: string } & ErrorBody>('POST', '/api/staff', body);
  const fieldsOf = (body: unknown) => (body as ErrorBody).error.details?.fields.map((f) => f.path);
  const signIn = async (token: string) => {
    const response = await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(response.status).toBe(201);
    return (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  };
  const withCookie = (cookie: string, path: string) => fetch(`${app.url}${path}`, { headers: { Cookie: cookie } });
  const auditOf = async (subjectId: string) =>
    (await app.api<Array<{ method: string; route: string; subjectId: string; status: number }>>('GET', `/api/audit?subjectId=${subjectId}`)).body;

  it('adds a member with a work email and a UK work phone (kept as E.164), and lists them without their token', async () => {
    const created = await add({ name: 'Priya Shah', role: 'team_lead', team: 'Salford', email: 'Priya.Shah@example.org', phone: '0161 496 0000' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'Priya Shah', role: 'team_lead', team: 'Salford', email: 'Priya.Shah@example.org', phone: '+441614960000' });
    expect(created.body.token).toMatch(/^ebt_/);

    const list = await app.api<Member[]>('GET', '/api/staff');
    expect(list.status).toBe(200);
    expect(list.body.find((m) => m.id === created.body.id)).toEqual({
      id: created.body.id,
      name: 'Priya Shah',
      role: 'team_lead',
      team: 'Salford',
      email: 'Priya.Shah@example.org',
      phone: '+441614960000',
      active: true,
      deactivatedAt: null,
      bootstrap: false,
    });
    expect(JSON.stringify(list.body)).not.toMatch(/ebt_|scrypt/);
    expect(list.body.find((m) => m.name === 'Administrator')).toMatchObject({ role: 'admin', bootstrap: true });
    expect(await auditOf(created.body.id)).toContainEqual(expect.objectContaining({ method: 'POST', route: '/api/staff', status: 201 }));
  });

  it('refuses an unknown role, an email already used (whatever its case), and a phone that is not a UK number, naming the field', async () => {
    await add({ name: 'First', role: 'key_worker', email: 'taken@example.org' });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'Mallory', role: 'manager' }, 'role'],
      [{ name: 'Second', role: 'key_worker', email: 'TAKEN@example.org' }, 'email'],
      [{ name: 'Abroad', role: 'key_worker', phone: '+1 415 555 0100' }, 'phone'],
      [{ name: 'Words', role: 'key_worker', phone: 'ring the office' }, 'phone'],
    ];
    for (const [body, field] of cases) {
      const result = await add(body);
      expect(result.status, JSON.stringify(result.body)).toBe(400);
      expect(fieldsOf(result.body), JSON.stringify(body)).toEqual([field]);
    }
    expect((await app.api<Member[]>('GET', '/api/staff')).body.filter((m) => ['Mallory', 'Second', 'Abroad', 'Words'].includes(m.name))).toEqual([]);

    const someone = await add({ name: 'Kit', role: 'key_worker' });
    for (const [body, field] of [
      [{ role: 'manager' }, 'role'],
      [{ phone: '+33 1 23 45 67 89' }, 'phone'],
      [{ reassignTo: someone.body.id }, 'reassignTo'],
      [{}, ''],
    ] as const) {
      const result = await app.api('PATCH', `/api/staff/${someone.body.id}`, body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(result.body)).toEqual([field]);
    }
    expect((await app.api('PATCH', '/api/staff/00000000-0000-4000-8000-000000000550', { name: 'Nobody' })).status).toBe(404);
  });

  it('a new token: the old one and its dashboard session are refused at once (401), the new one works', async () => {
    const kit = await add({ name: 'Kit Rotate', role: 'key_worker', team: 'Salford' });
    const oldToken = kit.body.token;
    const cookie = await signIn(oldToken);
    expect((await app.api('GET', '/api/participants', undefined, oldToken)).status).toBe(200);
    expect((await withCookie(cookie, '/api/session')).status).toBe(200);

    const rotated = await app.api<{ token: string }>('POST', `/api/staff/${kit.body.id}/token`);
    expect(rotated.status).toBe(201);
    expect(rotated.body.token).not.toBe(oldToken);
    expect((await app.api('GET', '/api/participants', undefined, oldToken)).status).toBe(401);
    expect((await withCookie(cookie, '/api/session')).status).toBe(401);
    expect((await app.api('GET', '/api/participants', undefined, rotated.body.token)).status).toBe(200);
    expect(await auditOf(kit.body.id)).toContainEqual(expect.objectContaining({ method: 'POST', route: '/api/staff/:id/token', status: 201 }));
  });

  it('switching someone off ends every token and session of theirs at once, and hands their caseload over with the handover text', async () => {
    const leaver = await add({ name: 'Lee', role: 'key_worker', team: 'Salford' });
    const colleague = await add({ name: 'Amara', role: 'key_worker', team: 'Eccles' });
    const people = [];
    for (const [phone, firstName] of [['+447700900551', 'Sam'], ['+447700900552', 'Rhys']] as const) {
      people.push(await app.createParticipant(phone, leaver.body.token, { firstName }));
    }
    const cookie = await signIn(leaver.body.token);
    expect((await app.api('GET', '/api/participants', undefined, leaver.body.token)).status).toBe(200);

    // A switched-off colleague cannot take anyone; nothing changes.
    const gone = await add({ name: 'Gone', role: 'key_worker' });
    expect((await app.api('PATCH', `/api/staff/${gone.body.id}`, { active: false })).status).toBe(200);
    const refused = await app.api('PATCH', `/api/staff/${leaver.body.id}`, { active: false, reassignTo: gone.body.id });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toEqual(['reassignTo']);
    expect((await app.api('GET', '/api/participants', undefined, leaver.body.token)).status).toBe(200);

    const patched = await app.api<Member & { reassigned: number }>('PATCH', `/api/staff/${leaver.body.id}`, {
      active: false,
      reassignTo: colleague.body.id,
      handoverReason: 'Lee has left Working Well.',
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ id: leaver.body.id, active: false, reassigned: 2 });

    expect((await app.api('GET', '/api/participants', undefined, leaver.body.token)).status).toBe(401);
    expect((await withCookie(cookie, '/api/caseload')).status).toBe(401);
    const theirs = (await app.api<Array<{ id: string }>>('GET', '/api/participants', undefined, colleague.body.token)).body.map((p) => p.id);
    expect(theirs.sort()).toEqual(people.map((p) => p.id).sort());

    for (const person of people) {
      const text = await eventually(async () => app.twilio.accepted.find((m) => m.form.To === person.phone && m.form.Body?.includes('Amara')), 15_000, 'the handover text');
      expect(text.form.Body).toContain('Working Well');
      expect((await app.record(person.id)).filter((e) => e.type === 'participant.handover')).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ role: 'key_worker', from: leaver.body.id, to: colleague.body.id }) }),
      ]);
    }
    expect((await app.api<Member[]>('GET', '/api/staff')).body.find((m) => m.id === leaver.body.id)).toMatchObject({ active: false });
    expect(await auditOf(leaver.body.id)).toContainEqual(expect.objectContaining({ method: 'PATCH', route: '/api/staff/:id', status: 200 }));
    // No new token for someone switched off, and nobody can be made their participants' key worker.
    expect((await app.api('POST', `/api/staff/${leaver.body.id}/token`)).status).toBe(409);
    const toLeaver = await app.api('PATCH', `/api/participants/${people[0]?.id}`, { keyWorkerId: leaver.body.id });
    expect(toLeaver.status).toBe(400);
  });

  it('a role or team change counts from the next request: a key worker made team lead sees the whole team', async () => {
    const dev = await add({ name: 'Dev', role: 'key_worker', team: 'Walkden' });
    const other = await add({ name: 'Ola', role: 'key_worker', team: 'Walkden' });
    const hers = await app.createParticipant('+447700900553', other.body.token, { firstName: 'Nia' });
    const cookie = await signIn(dev.body.token);
    const seen = async () => (await app.api<Array<{ id: string }>>('GET', '/api/participants', undefined, dev.body.token)).body.map((p) => p.id);
    expect(await seen()).toEqual([]);
    expect((await app.api('PATCH', `/api/staff/${dev.body.id}`, { role: 'team_lead' })).status).toBe(200);
    expect(await seen()).toEqual([hers.id]);
    expect((await withCookie(cookie, `/api/participants/${hers.id}`)).status).toBe(200);
    expect((await app.api('PATCH', `/api/staff/${dev.body.id}`, { team: 'Swinton' })).status).toBe(200);
    expect(await seen()).toEqual([]);
  });

  it('refuses switching yourself off and touching the ADMIN_TOKEN administrator (409, saying why)', async () => {
    const second = await add({ name: 'Second Admin', role: 'admin' });
    const bootstrap = (await app.api<Member[]>('GET', '/api/staff')).body.find((m) => m.name === 'Administrator') as Member;
    expect((await app.api<ErrorBody>('PATCH', `/api/staff/${second.body.id}`, { active: false }, second.body.token)).body.error.message).toMatch(/yourself/);
    for (const [method, path, body] of [
      ['PATCH', `/api/staff/${bootstrap.id}`, { active: false }],
      ['PATCH', `/api/staff/${bootstrap.id}`, { role: 'key_worker' }],
      ['POST', `/api/staff/${bootstrap.id}/token`, undefined],
    ] as const) {
      const result = await app.api<ErrorBody>(method, path, body, second.body.token);
      expect(result.status, `${method} ${path}`).toBe(409);
      expect(result.body.error.message).toMatch(/ADMIN_TOKEN/);
    }
    expect((await app.api('GET', '/api/staff', undefined, ADMIN_TOKEN)).status).toBe(200);
  });
});
