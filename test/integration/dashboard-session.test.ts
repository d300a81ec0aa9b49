import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FAILED_SIGN_INS_PER_MINUTE } from '../../bot/rate-limiter.js';
import { ManualClock } from '../../domain/time/clock.js';
import { ADMIN_TOKEN, TestApp } from '../test-app.js';

// Phones for this file: +447700900600–619.

interface SignedIn {
  cookie: string;
  setCookie: string;
  csrfToken: string;
  status: number;
}

async function signIn(app: TestApp, token: string, headers: Record<string, string> = {}): Promise<SignedIn> {
  const response = await fetch(`${app.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ token }),
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  const body = (await response.json()) as { csrfToken?: string };
  return { status: response.status, setCookie, cookie: setCookie.split(';')[0] ?? '', csrfToken: body.csrfToken ?? '' };
}

function withCookie(app: TestApp, session: SignedIn, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
  return fetch(`${app.url}${path}`, {
    method,
    headers: {
      Cookie: session.cookie,
      ...(options.body !== undefined && { 'Content-Type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
}

describe('dashboard sessions: sign in with a staff token, cookie + CSRF, sign out, expiry', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ workers: false });
  });
  afterAll(async () => app?.close());

  it('signs in with a staff token into an HttpOnly, SameSite=Strict, Secure session cookie', async () => {
    const wrong = await signIn(app, 'not-a-real-token-at-all-0000');
    expect(wrong.status).toBe(401);
    expect(wrong.setCookie).toBe('');

    const kw = await app.createStaff('key_worker', 'Priya', 'Session');
    const session = await signIn(app, `  ${kw.token}  `);
    expect(session.status).toBe(201);
    const attributes = session.setCookie.split(';').map((part) => part.trim().toLowerCase());
    // https PUBLIC_BASE_URL: the __Host- prefix (Secure, Path=/, no Domain) and no lifetime (a browser-session cookie).
    expect(session.cookie).toMatch(/^__Host-eb_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'secure', 'path=/']));
    expect(attributes.some((a) => a.startsWith('max-age') || a.startsWith('expires') || a.startsWith('domain'))).toBe(false);
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The database keeps only a hash of the secret.
    const secret = session.cookie.split('=')[1] as string;
    const stored = await sql<{ id_hash: string }>`select id_hash from staff_sessions`.execute(app.db);
    expect(stored.rows.length).toBeGreaterThan(0);
    expect(stored.rows.map((r) => r.id_hash)).not.toContain(secret);

    const me = await withCookie(app, session, 'GET', '/api/session');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ staff: { id: kw.id, name: 'Priya', role: 'key_worker' }, csrfToken: session.csrfToken });
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('the API takes the cookie for reads; changes need the CSRF header and our own origin', async () => {
    const kw = await app.createStaff('key_worker', 'Alex', 'Session');
    const session = await signIn(app, kw.token);
    expect((await withCookie(app, session, 'GET', '/api/participants')).status).toBe(200);

    const body = { firstName: 'Jo', phone: '07700 900600', channel: 'sms', consent: { contact: true }, contactConfirmed: true };
    const noToken = await withCookie(app, session, 'POST', '/api/participants', { body });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    const wrongToken = await withCookie(app, session, 'POST', '/api/participants', { body, headers: { 'X-CSRF-Token': 'x'.repeat(43) } });
    expect(wrongToken.status).toBe(403);
    const foreign = await withCookie(app, session, 'POST', '/api/participants', {
      body,
      headers: { 'X-CSRF-Token': session.csrfToken, Origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const crossSite = await withCookie(app, session, 'POST', '/api/participants', {
      body,
      headers: { 'X-CSRF-Token': session.csrfToken, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    // Behind a proxy the browser's origin is the public address (PUBLIC_BASE_URL), not the host we are reached at.
    const viaProxy = await withCookie(app, session, 'POST', '/api/participants', {
      body: { ...body, phone: '07700 900602' },
      headers: { 'X-CSRF-Token': session.csrfToken, Origin: 'https://bot.example.test' },
    });
    expect(viaProxy.status).toBe(201);
    expect(await app.db.selectFrom('participants').select('id').where('phone', '=', '+447700900600').execute()).toEqual([]);

    const ok = await withCookie(app, session, 'POST', '/api/participants', {
      body,
      headers: { 'X-CSRF-Token': session.csrfToken, Origin: new URL(app.url).origin, 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(ok.status).toBe(201);
    const created = (await ok.json()) as { id: string };
    // Attributed to the signed-in key worker, and audited like any bearer call.
    const participants = await withCookie(app, session, 'GET', '/api/participants');
    const mine = ((await participants.json()) as Array<{ id: string }>).map((p) => p.id);
    expect(mine).toHaveLength(2);
    expect(mine).toContain(created.id);
    const audit = await app.api<Array<{ staffId: string; method: string; route: string }>>('GET', `/api/audit?staffId=${kw.id}`);
    expect(audit.body.map((e) => `${e.method} ${e.route}`)).toEqual(expect.arrayContaining(['POST /api/session', 'POST /api/participants']));
  });

  it('bearer tokens work exactly as before, and win over a cookie', async () => {
    const kw = await app.createStaff('key_worker', 'Sam', 'Session');
    const session = await signIn(app, kw.token);
    expect((await app.api('GET', '/api/participants', undefined, kw.token)).status).toBe(200);
    // A bearer request needs no CSRF header.
    const created = await app.api('POST', '/api/participants', { firstName: 'Kit', phone: '07700 900601', channel: 'sms', consent: { contact: true } }, kw.token);
    expect(created.status).toBe(201);
    const wrongBearer = await fetch(`${app.url}/api/participants`, { headers: { Cookie: session.cookie, Authorization: 'Bearer wrong-token' } });
    expect(wrongBearer.status).toBe(401);
    expect((await fetch(`${app.url}/api/participants`)).status).toBe(401);
  });

  it('signing out ends the session (and needs the CSRF header)', async () => {
    const session = await signIn(app, ADMIN_TOKEN);
    expect((await withCookie(app, session, 'DELETE', '/api/session')).status).toBe(403);
    expect((await withCookie(app, session, 'GET', '/api/participants')).status).toBe(200);

    const out = await withCookie(app, session, 'DELETE', '/api/session', { headers: { 'X-CSRF-Token': session.csrfToken } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-eb_session=;.*Max-Age=0/);
    expect((await withCookie(app, session, 'GET', '/api/participants')).status).toBe(401);
    expect((await withCookie(app, session, 'GET', '/api/session')).status).toBe(401);
  });

  it('sessions expire when idle, at their absolute end, and when the staff token changes', async () => {
    const idle = await signIn(app, ADMIN_TOKEN);
    const ended = await signIn(app, ADMIN_TOKEN);
    const kw = await app.createStaff('key_worker', 'Rotated', 'Session');
    const rotated = await signIn(app, kw.token);
    for (const s of [idle, ended, rotated]) expect((await withCookie(app, s, 'GET', '/api/participants')).status).toBe(200);

    const hashOf = async (s: SignedIn) => {
      const { createHash } = await import('node:crypto');
      return createHash('sha256').update(s.cookie.split('=')[1] as string).digest('hex');
    };
    await sql`update staff_sessions set last_seen_at = now() - interval '3 hours' where id_hash = ${await hashOf(idle)}`.execute(app.db);
    await sql`update staff_sessions set expires_at = now() - interval '1 second' where id_hash = ${await hashOf(ended)}`.execute(app.db);
    await sql`update staff set token_hash = 'scrypt$16384$8$1$AAAA$BBBB' where id = ${kw.id}`.execute(app.db);
    for (const s of [idle, ended, rotated]) expect((await withCookie(app, s, 'GET', '/api/participants')).status).toBe(401);
  });

  it('refuses sign-in that is not JSON, or from another site', async () => {
    const form = await fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `token=${ADMIN_TOKEN}`,
    });
    expect(form.status).toBe(415);
    expect((await signIn(app, ADMIN_TOKEN, { Origin: 'https://evil.example' })).status).toBe(403);
    const empty = await signIn(app, '   ');
    expect(empty.status).toBe(400);
  });
});

describe('dashboard sign-in over http, and its rate limit', () => {
  let app: TestApp;
  // The limit counts per clock minute; the clock is held still so the run never straddles two windows, however
  // slowly a busy machine answers (waiting for the next wall-clock minute could take the test past its time limit).
  const clock = new ManualClock(new Date('2026-03-10T10:00:05.000Z'));
  beforeAll(async () => {
    app = await TestApp.start({ workers: false, clock, env: { PUBLIC_BASE_URL: 'http://localhost:3978' } });
  });
  afterAll(async () => app?.close());

  it('over http the cookie is not Secure (browsers would drop it) and keeps HttpOnly and SameSite=Strict', async () => {
    const session = await signIn(app, ADMIN_TOKEN);
    expect(session.status).toBe(201);
    expect(session.cookie).toMatch(/^eb_session=/);
    expect(session.setCookie).toContain('HttpOnly');
    expect(session.setCookie).toContain('SameSite=Strict');
    expect(session.setCookie).not.toContain('Secure');
  });

  it(`wrong tokens at sign-in count against the same limit as wrong bearer tokens (${FAILED_SIGN_INS_PER_MINUTE} a minute)`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < FAILED_SIGN_INS_PER_MINUTE - 5; i++) statuses.push((await signIn(app, `wrong-${i}-${'x'.repeat(30)}`)).status);
    // The rest of the budget is spent by bearer guesses: one counter for both doors.
    for (let i = 0; i < 6; i++) statuses.push((await app.api('GET', '/api/participants', undefined, `wrong-bearer-${i}-${'y'.repeat(30)}`)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const refused = await signIn(app, ADMIN_TOKEN);
    expect(refused.status).toBe(429);
    expect(refused.setCookie).toBe('');
  });
});
