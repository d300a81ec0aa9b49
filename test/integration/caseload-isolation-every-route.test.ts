/**
 * Caseload isolation for EVERY key-worker API route, driven by the route table itself (bot/server.ts
 * apiRouteTable): a route added without an isolation case here fails the first test. For each route, the staff it
 * must not serve Alice to (another key worker, another team's in-work staff, or a role the route is not for) get
 * exactly what they get for a record that does not exist — a 404 in the same words, an empty list, or a 403 for a
 * role — and Alice's record, her appointment, her team's campaign, experiment and policies are left exactly as they
 * were. Where a route serves her, her own staff get her (so a case cannot pass by refusing everyone).
 * Every role is a caller: key workers, in-work staff, team leads (North's sees Alice; South's gets 404s) and a
 * safeguarding lead (who sees only people with a safeguarding alert, and of alerts only those: Alice has none).
 * Runs in sandbox mode so the sandbox routes are in the table too. Phones: +447700900860–879.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboundIntake } from '../../bot/inbound-intake.js';
import { apiRouteTable } from '../../bot/server.js';
import { systemClock } from '../../domain/time/clock.js';
import { localCalendarDate } from '../../domain/time/calendar-date.js';
import type { JobQueues } from '../../workers/queues.js';
import { ADMIN_TOKEN, eventually, TestApp, withoutRequestId, type ApiResult } from '../test-app.js';

const ALICE_PHONE = '+447700900861';
const BEN_PHONE = '+447700900862';
const UNKNOWN_PHONE = '+447700900879';
const CARYS_PHONE = '+447700900863';
const ABSENT = '00000000-0000-4000-8000-000000000861';
const NORTH_CONTACT = '+447700900870';

type Caller = 'A' | 'B' | 'S' | 'W' | 'X' | 'T' | 'U' | 'G' | 'admin';
const CALLER_NAMES: Record<Caller, string> = {
  A: 'key worker A (Alice’s, North)',
  B: 'key worker B (North)',
  S: 'key worker S (South)',
  W: 'in-work W (North)',
  X: 'in-work X (South)',
  T: 'team lead T (North)',
  U: 'team lead U (South)',
  G: 'safeguarding lead G',
  admin: 'admin',
};

interface Ids {
  alice: string;
  ash: string;
  aliceAlert: string;
  appointment: string;
  campaign: string;
  experiment: string;
}

interface Ctx {
  ids: Ids;
  call: (who: Caller, method: string, path: string, body?: unknown) => Promise<ApiResult<unknown>>;
  /** A CSV file posted as text/csv. */
  postCsv: (who: Caller, path: string, csv: string) => Promise<ApiResult<unknown>>;
  snapshot: () => Promise<unknown>;
  mentionsAlice: (body: unknown) => boolean;
}

interface IsolationCase {
  /** What is checked, for the test's name. */
  what: string;
  check: (ctx: Ctx) => Promise<void>;
}

const httpMethod = (method: string) => (method === 'del' ? 'DELETE' : method.toUpperCase());
const routeKey = (method: string, path: string) => `${httpMethod(method)} ${path}`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/**
 * Hidden: each foreign caller gets the same 404 as for an id that does not exist, and nothing changes; the owner
 * (for reads) gets 200.
 */
function hidden(
  method: string,
  path: (id: string) => string,
  target: (ids: Ids) => string,
  foreign: Caller[],
  options: { body?: unknown; owner?: Caller; forbidden?: Caller[] } = {},
): IsolationCase {
  return {
    what: `404 as if absent for ${foreign.map((c) => CALLER_NAMES[c]).join(', ')}${options.forbidden ? `; 403 for ${options.forbidden.map((c) => CALLER_NAMES[c]).join(', ')}` : ''}`,
    async check({ ids, call, snapshot }) {
      const before = await snapshot();
      for (const who of foreign) {
        const result = await call(who, method, path(target(ids)), options.body);
        const absent = await call(who, method, path(ABSENT), options.body);
        expect(result.status, `${who}: ${JSON.stringify(result.body)}`).toBe(404);
        expect(result.body, who).toEqual(absent.body);
      }
      for (const who of options.forbidden ?? []) {
        const result = await call(who, method, path(target(ids)), options.body);
        expect(result.status, `${who}: ${JSON.stringify(result.body)}`).toBe(403);
      }
      expect(await snapshot()).toEqual(before);
      if (options.owner) expect((await call(options.owner, method, path(target(ids)))).status).toBe(200);
    },
  };
}

/** A list: foreign callers' answers hold nothing of Alice's; the owner's does. */
function list(path: string, foreign: Caller[], owner: Caller, options: { forbidden?: Caller[]; ownerSeesAlice?: boolean } = {}): IsolationCase {
  return {
    what: `nothing of Alice's for ${foreign.map((c) => CALLER_NAMES[c]).join(', ')}${options.forbidden ? `; 403 for ${options.forbidden.map((c) => CALLER_NAMES[c]).join(', ')}` : ''}`,
    async check({ call, mentionsAlice }) {
      for (const who of foreign) {
        const result = await call(who, 'GET', path);
        expect(result.status, `${who}: ${JSON.stringify(result.body)}`).toBe(200);
        expect(mentionsAlice(result.body), `${who} sees Alice in ${path}`).toBe(false);
      }
      for (const who of options.forbidden ?? []) expect((await call(who, 'GET', path)).status, who).toBe(403);
      const mine = await call(owner, 'GET', path);
      expect(mine.status).toBe(200);
      if (options.ownerSeesAlice ?? true) expect(mentionsAlice(mine.body), `${owner} sees Alice in ${path}`).toBe(true);
    },
  };
}

/** Admin only: everyone else gets 403 and nothing changes. */
function adminOnly(method: string, path: string, body?: unknown): IsolationCase {
  const others: Caller[] = ['A', 'B', 'W', 'X', 'T', 'U', 'G'];
  return {
    what: `403 for ${others.map((c) => CALLER_NAMES[c]).join(', ')}`,
    async check({ call, snapshot }) {
      const before = await snapshot();
      for (const who of others) {
        const result = await call(who, method, path, body);
        expect(result.status, `${who}: ${JSON.stringify(result.body)}`).toBe(403);
        expect(JSON.stringify(result.body)).not.toContain(ALICE_PHONE);
      }
      expect(await snapshot()).toEqual(before);
      if (method === 'GET') expect((await call('admin', method, path)).status).toBe(200);
    },
  };
}

/** An export of today: nothing of Alice's for other caseloads (their own team named or not); naming her team is a 403. */
function exportCase(path: string): IsolationCase {
  const today = localCalendarDate(new Date(), 'Europe/London');
  const inner = list(`${path}?from=${today}&to=${today}`, ['B', 'S', 'X'], 'A');
  return {
    what: `${inner.what}; 403 naming North for ${CALLER_NAMES.S}, ${CALLER_NAMES.X}`,
    async check(ctx) {
      await inner.check(ctx);
      const own = await ctx.call('B', 'GET', `${path}?from=${today}&to=${today}&team=North`);
      expect(own.status).toBe(200);
      expect(ctx.mentionsAlice(own.body)).toBe(false);
      for (const who of ['S', 'X'] as const) expect((await ctx.call(who, 'GET', `${path}?from=${today}&to=${today}&team=North`)).status, who).toBe(403);
    },
  };
}

let ctxDb: () => TestApp['db'];
const participantPath = (suffix: string) => (id: string) => `/api/participants/${id}${suffix}`;
const appointmentPath = (suffix: string) => (id: string) => `/api/appointments/${id}${suffix}`;
const campaignPath = (suffix: string) => (id: string) => `/api/campaigns/${id}${suffix}`;
const experimentPath = (suffix: string) => (id: string) => `/api/experiments/${id}${suffix}`;
const alice = (ids: Ids) => ids.alice;
const NOT_ALICES: Caller[] = ['B', 'X', 'U', 'G'];
/** Roles that neither import nor run campaigns or experiments. */
const LEADS: Caller[] = ['T', 'U', 'G'];

const CASES: Record<string, IsolationCase> = {
  'POST /api/staff': adminOnly('POST', '/api/staff', { name: 'Mallory', role: 'admin', team: 'North' }),
  'GET /api/staff': adminOnly('GET', '/api/staff'),
  'PATCH /api/staff/:id': {
    what: 'nobody but an admin can change a member of staff (403), and nothing changes',
    async check({ ids, call, snapshot }) {
      const before = await snapshot();
      for (const who of ['A', 'B', 'W', 'X', 'T', 'U', 'G'] as const) {
        const result = await call(who, 'PATCH', `/api/staff/${ids.ash}`, { role: 'admin', active: false });
        expect(result.status, `${who}: ${JSON.stringify(result.body)}`).toBe(403);
      }
      expect(await snapshot()).toEqual(before);
    },
  },
  'POST /api/staff/:id/token': {
    what: 'nobody but an admin can issue someone a token (403), and the old one keeps working',
    async check({ ids, call, snapshot }) {
      const before = await snapshot();
      for (const who of ['A', 'B', 'W', 'X', 'T', 'U', 'G'] as const) {
        const result = await call(who, 'POST', `/api/staff/${ids.ash}/token`);
        expect(result.status, `${who}: ${JSON.stringify(result.body)}`).toBe(403);
        expect(JSON.stringify(result.body)).not.toContain('ebt_');
      }
      expect(await snapshot()).toEqual(before);
      expect((await call('A', 'GET', `/api/participants/${ids.alice}`)).status).toBe(200);
    },
  },

  'POST /api/participants': {
    what: 'another key worker cannot take Alice’s number onto their caseload',
    async check({ call, snapshot }) {
      const before = await snapshot();
      const result = await call('B', 'POST', '/api/participants', { firstName: 'Mallory', phone: ALICE_PHONE, channel: 'sms', consent: { contact: true }, contactConfirmed: true });
      expect(result.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(result.body)).not.toMatch(/Alice|Ash/);
      expect(await snapshot()).toEqual(before);
    },
  },
  'POST /api/participants/import': {
    what: 'another key worker importing Alice’s number or CRM id is told only "already registered" and changes nothing; naming Alice’s key worker is refused; in-work staff get 403',
    async check({ postCsv, snapshot, mentionsAlice, ids }) {
      await ctxDb().updateTable('participants').set({ external_ref: 'CRM-ALICE' }).where('id', '=', ids.alice).execute();
      const before = await snapshot();
      const csv = `first_name,phone,external_ref,key_worker_email,consent\nMallory,${ALICE_PHONE},,,yes\nMallory,+447700900877,CRM-ALICE,,yes\nMallory,+447700900876,CRM-876,ash@example.org,yes\n`;
      for (const dryRun of [true, false]) {
        const result = await postCsv('B', `/api/participants/import${dryRun ? '?dryRun=true' : ''}`, csv);
        expect(result.status, JSON.stringify(result.body)).toBe(200);
        expect(result.body).toMatchObject({
          created: 0,
          rejected: [
            { row: 2, field: 'phone', message: 'is already registered' },
            { row: 3, field: 'external_ref', message: 'is already registered' },
            { row: 4, field: 'key_worker_email' },
          ],
        });
        expect(mentionsAlice(result.body)).toBe(false);
      }
      for (const who of ['W', 'X', ...LEADS] as const) expect((await postCsv(who, '/api/participants/import', csv)).status, who).toBe(403);
      expect(await snapshot()).toEqual(before);
    },
  },
  'GET /api/participants': list('/api/participants', NOT_ALICES, 'A'),
  'GET /api/participants/:id': hidden('GET', participantPath(''), alice, NOT_ALICES, { owner: 'A' }),
  'PATCH /api/participants/:id': hidden('PATCH', participantPath(''), alice, NOT_ALICES, { body: { phone: '+447700900878', language: 'cy' } }),
  'DELETE /api/participants/:id': hidden('DELETE', participantPath(''), alice, NOT_ALICES),
  'GET /api/participants/:id/export': hidden('GET', participantPath('/export'), alice, NOT_ALICES, { owner: 'A' }),
  'POST /api/participants/:id/follow-ups/stop': hidden('POST', participantPath('/follow-ups/stop'), alice, NOT_ALICES),
  'GET /api/participants/:id/record': hidden('GET', participantPath('/record'), alice, NOT_ALICES, { owner: 'A' }),
  'GET /api/participants/:id/messages': hidden('GET', participantPath('/messages'), alice, NOT_ALICES, { owner: 'A' }),
  'GET /api/participants/:id/appointments': hidden('GET', participantPath('/appointments'), alice, NOT_ALICES, { owner: 'A' }),
  'POST /api/participants/:id/appointments': hidden('POST', participantPath('/appointments'), alice, NOT_ALICES, {
    body: { startsAt: inDays(5), title: 'Not yours', mandatory: false },
  }),
  'POST /api/participants/:id/job-start': hidden('POST', participantPath('/job-start'), alice, NOT_ALICES, { body: { startDate: localCalendarDate(new Date(), 'Europe/London') } }),
  'POST /api/participants/:id/job-end': hidden('POST', participantPath('/job-end'), alice, NOT_ALICES, { body: { reason: 'not yours' } }),
  'POST /api/participants/:id/call-ahead': hidden('POST', participantPath('/call-ahead'), alice, NOT_ALICES, { body: { inMinutes: 5 } }),

  'POST /api/appointments/bulk': {
    what: 'a bulk booking naming Alice is the same 404 as one naming nobody, and books nothing',
    async check({ ids, call, snapshot }) {
      const before = await snapshot();
      const booking = (participantId: string) => ({ appointments: [{ participantId, startsAt: inDays(6), title: 'Bulk', mandatory: false }] });
      for (const who of NOT_ALICES) {
        const result = await call(who, 'POST', '/api/appointments/bulk', booking(ids.alice));
        const absent = await call(who, 'POST', '/api/appointments/bulk', booking(ABSENT));
        expect(result.status, JSON.stringify(result.body)).toBe(404);
        expect(result.body).toEqual(absent.body);
      }
      expect(await snapshot()).toEqual(before);
    },
  },
  'POST /api/appointments/import': {
    what: 'another key worker importing against Alice’s CRM id hears what a CRM id nobody has gets, and books, changes and cancels nothing; in-work staff get 403',
    async check({ postCsv, snapshot, mentionsAlice, ids }) {
      await ctxDb().updateTable('participants').set({ external_ref: 'CRM-ALICE' }).where('id', '=', ids.alice).execute();
      const before = await snapshot();
      const csv = `external_ref,appointment_ref,starts_at,title,cancelled\nCRM-ALICE,AP-1,${inDays(6)},Not yours,\nCRM-NOBODY,AP-2,${inDays(6)},Not yours,\nCRM-ALICE,AP-3,,,yes\n`;
      for (const dryRun of [true, false]) {
        const result = await postCsv('B', `/api/appointments/import${dryRun ? '?dryRun=true' : ''}`, csv);
        expect(result.status, JSON.stringify(result.body)).toBe(200);
        const [alices, nobodys, cancel] = (result.body as { rejected: unknown[] }).rejected;
        expect(alices).toMatchObject({ row: 2, field: 'external_ref' });
        expect({ ...(alices as object), row: 3 }).toEqual(nobodys);
        expect(cancel).toMatchObject({ row: 4, field: 'external_ref' });
        expect(mentionsAlice(result.body)).toBe(false);
      }
      for (const who of ['W', 'X'] as const) expect((await postCsv(who, '/api/appointments/import', csv)).status, who).toBe(403);
      expect(await snapshot()).toEqual(before);
    },
  },
  'GET /api/appointments/:id': hidden('GET', appointmentPath(''), (ids) => ids.appointment, NOT_ALICES, { owner: 'A' }),
  'PATCH /api/appointments/:id': hidden('PATCH', appointmentPath(''), (ids) => ids.appointment, NOT_ALICES, { body: { location: 'Somewhere else' } }),
  'POST /api/appointments/:id/cancel': hidden('POST', appointmentPath('/cancel'), (ids) => ids.appointment, NOT_ALICES, { body: { reason: 'not yours' } }),
  'POST /api/appointments/:id/attendance': hidden('POST', appointmentPath('/attendance'), (ids) => ids.appointment, NOT_ALICES, { body: { outcome: 'did_not_attend' } }),

  'GET /api/pulse-instruments': {
    what: 'the same answer for everyone, with nobody’s data in it',
    async check({ call, mentionsAlice }) {
      const answers = await Promise.all((['A', 'B', 'S', 'W', 'X', 'T', 'U', 'G', 'admin'] as const).map((who) => call(who, 'GET', '/api/pulse-instruments')));
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual(answers[0]?.body);
        expect(mentionsAlice(answer.body)).toBe(false);
      }
    },
  },

  'POST /api/campaigns': {
    what: 'another team cannot aim a campaign at Alice (the same 400 as for nobody); a key worker may not run one (403)',
    async check({ ids, call, snapshot }) {
      const before = await snapshot();
      const campaign = (participantId: string) => ({ name: 'Not yours', type: 'check_in', participantIds: [participantId], startAt: inDays(1) });
      const result = await call('X', 'POST', '/api/campaigns', campaign(ids.alice));
      const absent = await call('X', 'POST', '/api/campaigns', campaign(ABSENT));
      expect(result.status, JSON.stringify(result.body)).toBe(400);
      expect(result.body).toEqual(absent.body);
      for (const who of ['B', ...LEADS] as const) expect((await call(who, 'POST', '/api/campaigns', campaign(ids.alice))).status, who).toBe(403);
      expect(await snapshot()).toEqual(before);
    },
  },
  'GET /api/campaigns': list('/api/campaigns', ['X'], 'W', { forbidden: ['A', 'B', ...LEADS] }),
  'GET /api/campaigns/:id': hidden('GET', campaignPath(''), (ids) => ids.campaign, ['X'], { owner: 'W', forbidden: ['A', 'B', ...LEADS] }),
  'POST /api/campaigns/:id/pause': hidden('POST', campaignPath('/pause'), (ids) => ids.campaign, ['X'], { forbidden: ['A', 'B', ...LEADS] }),
  'POST /api/campaigns/:id/resume': hidden('POST', campaignPath('/resume'), (ids) => ids.campaign, ['X'], { forbidden: ['A', 'B', ...LEADS] }),
  'POST /api/campaigns/:id/cancel': hidden('POST', campaignPath('/cancel'), (ids) => ids.campaign, ['X'], { forbidden: ['A', 'B', ...LEADS] }),
  'GET /api/campaigns/:id/responses.csv': hidden('GET', campaignPath('/responses.csv'), (ids) => ids.campaign, ['X'], { owner: 'W', forbidden: ['A', 'B', ...LEADS] }),

  'POST /api/experiments': {
    what: 'another team’s experiment leaves Alice’s team’s alone and says nothing about it',
    async check({ ids, call, snapshot }) {
      const before = await snapshot();
      const result = await call('S', 'POST', '/api/experiments', { name: 'South wording', message: 'reminder', variants: ['personal', 'standard'] });
      expect(result.status, JSON.stringify(result.body)).toBe(201);
      expect(JSON.stringify(result.body)).not.toContain(ids.experiment);
      for (const who of ['W', ...LEADS] as const) {
        expect((await call(who, 'POST', '/api/experiments', { name: 'In-work wording', message: 'reminder', variants: ['personal', 'standard'] })).status, who).toBe(403);
      }
      expect(await snapshot()).toEqual(before);
    },
  },
  'GET /api/experiments': list('/api/experiments', ['S'], 'A', { forbidden: ['W', 'X', ...LEADS] }),
  'GET /api/experiments/:id': hidden('GET', experimentPath(''), (ids) => ids.experiment, ['S'], { owner: 'A', forbidden: ['W', 'X', ...LEADS] }),
  'POST /api/experiments/:id/stop': hidden('POST', experimentPath('/stop'), (ids) => ids.experiment, ['S'], { forbidden: ['W', 'X', ...LEADS] }),

  'GET /api/reminder-policy': {
    what: 'each team reads its own policy, never Alice’s team’s',
    async check({ call }) {
      const north = await call('A', 'GET', '/api/reminder-policy');
      expect(north.body).toMatchObject({ dnaAlertThreshold: 6 });
      expect((await call('T', 'GET', '/api/reminder-policy')).body).toMatchObject({ dnaAlertThreshold: 6 });
      for (const who of ['S', 'U'] as const) {
        const south = await call(who, 'GET', '/api/reminder-policy');
        expect(south.status).toBe(200);
        expect(south.body).not.toMatchObject({ dnaAlertThreshold: 6 });
      }
    },
  },
  'PUT /api/reminder-policy': {
    what: 'another team’s change leaves Alice’s team’s policy as it was',
    async check({ call, snapshot }) {
      const before = await snapshot();
      const result = await call('S', 'PUT', '/api/reminder-policy', { defaultOffsets: ['PT1H'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 2 });
      expect(result.status).toBe(200);
      expect(await snapshot()).toEqual(before);
    },
  },
  'GET /api/safeguarding-policy': {
    what: 'each team reads its own contacts, never Alice’s team’s; naming her team is a 403 for anyone but an admin or the safeguarding lead',
    async check({ call }) {
      const north = await call('A', 'GET', '/api/safeguarding-policy');
      expect(north.body).toMatchObject({ team: 'North', escalateAfterMinutes: 20, contacts: [{ phone: NORTH_CONTACT }] });
      for (const who of ['S', 'X', 'U'] as const) {
        const own = await call(who, 'GET', '/api/safeguarding-policy');
        expect(own.status).toBe(200);
        expect(JSON.stringify(own.body)).not.toContain(NORTH_CONTACT);
        const named = await call(who, 'GET', '/api/safeguarding-policy?team=North');
        expect(named.status, who).toBe(403);
        expect(JSON.stringify(named.body)).not.toContain(NORTH_CONTACT);
      }
      for (const who of ['admin', 'G'] as const) expect((await call(who, 'GET', '/api/safeguarding-policy?team=North')).body, who).toMatchObject({ contacts: [{ phone: NORTH_CONTACT }] });
    },
  },
  'PUT /api/safeguarding-policy': {
    what: 'another team’s change leaves Alice’s team’s contacts as they were; naming her team is a 403',
    async check({ call, snapshot }) {
      const before = await snapshot();
      const mallory = { escalateAfterMinutes: 240, contacts: [{ name: 'Mallory', phone: '+447700900878' }] };
      expect((await call('S', 'PUT', '/api/safeguarding-policy', mallory)).status).toBe(200);
      for (const who of ['S', 'X', 'U'] as const) expect((await call(who, 'PUT', '/api/safeguarding-policy?team=North', mallory)).status, who).toBe(403);
      expect(await snapshot()).toEqual(before);
    },
  },
  'GET /api/reports/attendance': list('/api/reports/attendance', NOT_ALICES, 'A'),
  'GET /api/reports/attendance.csv': list('/api/reports/attendance.csv', NOT_ALICES, 'A'),
  'GET /api/exports/case-record.csv': exportCase('/api/exports/case-record.csv'),
  'GET /api/exports/outcomes.csv': exportCase('/api/exports/outcomes.csv'),

  'GET /api/alerts': list('/api/alerts', NOT_ALICES, 'A'),
  'POST /api/alerts/:id/ack': hidden('POST', (id) => `/api/alerts/${id}/ack`, (ids) => ids.aliceAlert, NOT_ALICES, { body: { note: 'not mine' } }),

  'GET /api/sandbox/outbox': list('/api/sandbox/outbox', NOT_ALICES, 'A'),
  'POST /api/sandbox/inbound': {
    what: 'texting as Alice is the same 404 as texting as a number nobody has, and stores nothing',
    async check({ call, snapshot }) {
      const before = await snapshot();
      for (const who of NOT_ALICES) {
        const result = await call(who, 'POST', '/api/sandbox/inbound', { from: ALICE_PHONE, body: 'STOP' });
        const absent = await call(who, 'POST', '/api/sandbox/inbound', { from: UNKNOWN_PHONE, body: 'STOP' });
        expect(result.status, JSON.stringify(result.body)).toBe(404);
        expect(result.body).toEqual(absent.body);
      }
      expect(await snapshot()).toEqual(before);
    },
  },

  'GET /api/audit': adminOnly('GET', '/api/audit'),
  'PUT /api/integrations/case-record-sink': adminOnly('PUT', '/api/integrations/case-record-sink', { url: 'http://127.0.0.1:9/steal', secret: 'mallory-secret-0123456789', enabled: true }),
  'GET /api/integrations/case-record-sink': adminOnly('GET', '/api/integrations/case-record-sink'),
  'GET /api/integrations/case-record-sink/failures': adminOnly('GET', '/api/integrations/case-record-sink/failures'),
  'POST /api/integrations/case-record-sink/failures/replay': adminOnly('POST', '/api/integrations/case-record-sink/failures/replay', {}),
  'GET /api/events': adminOnly('GET', '/api/events'),
  'GET /api/dead-letters': adminOnly('GET', '/api/dead-letters'),
  'POST /api/dead-letters/replay': adminOnly('POST', '/api/dead-letters/replay', { ids: [ABSENT] }),

  'GET /api/caseload': list('/api/caseload', NOT_ALICES, 'A'),
};

describe('caseload isolation on every API route (from the route table)', () => {
  let app: TestApp;
  let ctx: Ctx;
  const tokens = {} as Record<Caller, string>;
  let routeKeys: string[] = [];

  beforeAll(async () => {
    app = await TestApp.start({ mode: 'sandbox' });
    const queues = app.workers?.queues as JobQueues;
    const logger = pino({ level: 'silent' });
    const deps = { db: app.db, clock: systemClock, config: { ...app.config, sandbox: true }, queues, logger, intake: new InboundIntake({ db: app.db, queues, clock: systemClock, logger }) };
    routeKeys = apiRouteTable(deps).map((r) => routeKey(r.method, r.path));

    ctxDb = () => app.db;
    const ashCreated = await app.api<{ id: string; token: string }>('POST', '/api/staff', { name: 'Ash', role: 'key_worker', team: 'North', email: 'ash@example.org' });
    const A = ashCreated.body;
    tokens.A = A.token;
    tokens.B = (await app.createStaff('key_worker', 'Bo', 'North')).token;
    tokens.S = (await app.createStaff('key_worker', 'Sol', 'South')).token;
    tokens.W = (await app.createStaff('in_work_team', 'Wyn', 'North')).token;
    tokens.X = (await app.createStaff('in_work_team', 'Xan', 'South')).token;
    tokens.T = (await app.createStaff('team_lead', 'Tam', 'North')).token;
    tokens.U = (await app.createStaff('team_lead', 'Ula', 'South')).token;
    tokens.G = (await app.createStaff('safeguarding_lead', 'Gwen', null)).token;
    tokens.admin = ADMIN_TOKEN;

    const aliceId = (await app.createParticipant(ALICE_PHONE, tokens.A, { firstName: 'Alice' })).id;
    await app.createParticipant(BEN_PHONE, tokens.B, { firstName: 'Ben' });
    expect((await app.api('PUT', '/api/reminder-policy', { defaultOffsets: ['P2D', 'PT2H'], quietHours: null, skipBankHolidays: true, dnaAlertThreshold: 6 }, tokens.A)).status).toBe(200);
    const safeguarding = { escalateAfterMinutes: 20, contacts: [{ name: 'Nia (North safeguarding lead)', phone: NORTH_CONTACT }] };
    expect((await app.api('PUT', '/api/safeguarding-policy', safeguarding, tokens.A)).status).toBe(200);
    expect((await app.api('POST', '/api/sandbox/inbound', { from: ALICE_PHONE, body: 'Please tell Ash I have a new address' }, tokens.A)).status).toBe(200);
    const aliceAlert = await eventually(async () => (await app.api<Array<{ id: string }>>('GET', `/api/alerts?participantId=${aliceId}`, undefined, tokens.A)).body[0]?.id, 15_000, 'Alice’s alert');
    await eventually(async () => (await app.record(aliceId)).some((e) => e.type === 'message.outbound'), 15_000, 'the reply to Alice');
    const appointment = await app.api<{ id: string }>('POST', `/api/participants/${aliceId}/appointments`, { startsAt: inDays(4), title: 'Review', mandatory: false }, tokens.A);
    expect(appointment.status).toBe(201);
    // An appointment yesterday that Alice attended, so the attendance report has her in it.
    const attended = await app.api<{ id: string }>('POST', `/api/participants/${aliceId}/appointments`, { startsAt: inDays(3), title: 'Induction', mandatory: false }, tokens.A);
    await app.db.updateTable('appointments').set({ starts_at: new Date(Date.now() - 86_400_000) }).where('id', '=', attended.body.id).execute();
    expect((await app.api('POST', `/api/appointments/${attended.body.id}/attendance`, { outcome: 'attended' }, tokens.A)).status).toBe(200);
    expect((await app.api('POST', `/api/participants/${aliceId}/job-start`, { startDate: localCalendarDate(new Date(), 'Europe/London'), employer: 'Café Nero' }, tokens.A)).status).toBe(201);
    const campaign = await app.api<{ id: string }>('POST', '/api/campaigns', { name: 'North check-in', type: 'check_in', participantIds: [aliceId], startAt: inDays(1) }, tokens.W);
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    const experiment = await app.api<{ id: string }>('POST', '/api/experiments', { name: 'North wording', message: 'reminder', variants: ['personal', 'standard'] }, tokens.A);
    expect(experiment.status, JSON.stringify(experiment.body)).toBe(201);
    expect((await app.api('PUT', '/api/integrations/case-record-sink', { url: 'http://127.0.0.1:9/crm', secret: 'admin-secret-0123456789', enabled: false })).status).toBe(200);
    const ids: Ids = { alice: aliceId, ash: A.id, aliceAlert, appointment: appointment.body.id, campaign: campaign.body.id, experiment: experiment.body.id };

    const byParticipant = async (table: 'alerts' | 'messages' | 'appointments' | 'reminders' | 'job_starts' | 'check_ins' | 'follow_ups' | 'campaign_recipients') =>
      app.db.selectFrom(table).selectAll().where('participant_id', '=', ids.alice).execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort());
    ctx = {
      ids,
      call: async (who, method, path, body) => {
        const result = await app.api(method, path, body, tokens[who]);
        return { ...result, body: withoutRequestId(result.body) };
      },
      postCsv: async (who, path, csv) => {
        const response = await fetch(`${app.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${tokens[who]}`, 'Content-Type': 'text/csv' }, body: csv });
        return { status: response.status, body: withoutRequestId((await response.json()) as unknown) };
      },
      // Everything about Alice a route could change, read past the API.
      snapshot: async () => ({
        participant: await app.db.selectFrom('participants').selectAll().where('id', '=', ids.alice).executeTakeFirstOrThrow(),
        events: await app.db.selectFrom('case_record_events').select(['id', 'type', 'data']).where('participant_id', '=', ids.alice).orderBy('id').execute(),
        alerts: await byParticipant('alerts'),
        messages: await byParticipant('messages'),
        appointments: await byParticipant('appointments'),
        reminders: await byParticipant('reminders'),
        jobs: await byParticipant('job_starts'),
        checkIns: await byParticipant('check_ins'),
        followUps: await byParticipant('follow_ups'),
        recipients: await byParticipant('campaign_recipients'),
        campaign: await app.db.selectFrom('campaigns').selectAll().where('id', '=', ids.campaign).executeTakeFirstOrThrow(),
        experiment: await app.db.selectFrom('experiments').selectAll().where('id', '=', ids.experiment).executeTakeFirstOrThrow(),
        northPolicy: await app.db.selectFrom('team_policies').selectAll().where('team', '=', 'North').execute(),
        northSafeguarding: await app.db.selectFrom('safeguarding_policies').selectAll().where('team', '=', 'North').execute(),
        staff: await app.db.selectFrom('staff').select(['id', 'name', 'role', 'team', 'phone', 'token_lookup', 'token_hash', 'deactivated_at']).orderBy('id').execute(),
        sinks: await app.db.selectFrom('case_record_sinks').selectAll().execute(),
      }),
      mentionsAlice: (body) => {
        const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
        return [ids.alice, ALICE_PHONE, 'Alice', ids.aliceAlert, ids.campaign, ids.experiment].some((needle) => text.includes(needle));
      },
    };
  }, 90_000);
  afterAll(async () => app?.close());

  it('has an isolation case for every route in the table, and none for a route that is gone', () => {
    expect(routeKeys.length).toBeGreaterThan(40);
    expect(routeKeys.filter((key) => !(key in CASES)), 'routes without an isolation case').toEqual([]);
    expect(Object.keys(CASES).filter((key) => !routeKeys.includes(key)), 'cases for routes that no longer exist').toEqual([]);
  });

  it.each(Object.keys(CASES))('%s', async (key) => {
    const isolation = CASES[key] as IsolationCase;
    expect(isolation.what.length).toBeGreaterThan(0);
    await isolation.check(ctx);
  });

  describe('team leads and the safeguarding lead', () => {
    let carys: string;
    let carysAlerts: Array<{ id: string; type: string }>;
    const idsOf = async (who: Caller, path: string) => ((await ctx.call(who, 'GET', path)).body as Array<{ id: string; participantId?: string }>);

    beforeAll(async () => {
      // Carys (Sol's, South) says something that reads as risk of harm, and leaves a message for Sol.
      carys = (await app.createParticipant(CARYS_PHONE, tokens.S, { firstName: 'Carys' })).id;
      for (const body of ['I want to kill myself', 'Please tell Sol I have moved house']) {
        expect((await app.api('POST', '/api/sandbox/inbound', { from: CARYS_PHONE, body }, tokens.S)).status).toBe(200);
      }
      carysAlerts = await eventually(
        async () => {
          const alerts = (await app.api<Array<{ id: string; type: string }>>('GET', `/api/alerts?participantId=${carys}`, undefined, tokens.S)).body;
          return alerts.length >= 2 && alerts;
        },
        15_000,
        'Carys’s alerts',
      );
      expect(carysAlerts.map((a) => a.type)).toContain('safeguarding');
    }, 60_000);

    it('a key worker still sees only their own; a team lead sees the whole team, and no other', async () => {
      expect((await idsOf('A', '/api/participants')).map((p) => p.id)).toEqual([ctx.ids.alice]);
      const north = (await idsOf('T', '/api/participants')).map((p) => p.id);
      expect(north).toContain(ctx.ids.alice);
      expect(north).toHaveLength(2);
      expect(north).not.toContain(carys);
      expect((await idsOf('U', '/api/participants')).map((p) => p.id)).toEqual([carys]);
      for (const path of [`/api/participants/${ctx.ids.alice}`, `/api/participants/${ctx.ids.alice}/record`, `/api/appointments/${ctx.ids.appointment}`]) {
        expect((await ctx.call('T', 'GET', path)).status, path).toBe(200);
      }
      expect((await idsOf('T', '/api/alerts')).map((a) => a.id)).toContain(ctx.ids.aliceAlert);
      expect(ctx.mentionsAlice((await ctx.call('T', 'GET', '/api/caseload')).body)).toBe(true);
      expect((await ctx.call('T', 'GET', `/api/participants/${carys}`)).status).toBe(404);
      expect((await idsOf('T', '/api/alerts')).map((a) => a.participantId)).not.toContain(carys);
    });

    it('a team lead acts on the team’s alerts and reassigns within the team, never to another team', async () => {
      const ben = (await idsOf('T', '/api/participants')).find((p) => p.id !== ctx.ids.alice)?.id as string;
      const sol = (await app.api<Array<{ id: string; name: string }>>('GET', '/api/staff')).body.find((m) => m.name === 'Sol')?.id;
      const refused = await ctx.call('T', 'PATCH', `/api/participants/${ben}`, { keyWorkerId: sol });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: { details: { fields: [{ path: 'keyWorkerId', message: 'is not in your team' }] } } });
      const moved = await ctx.call('T', 'PATCH', `/api/participants/${ben}`, { keyWorkerId: ctx.ids.ash });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect((await idsOf('A', '/api/participants')).map((p) => p.id).sort()).toEqual([ctx.ids.alice, ben].sort());
      expect((await idsOf('B', '/api/participants'))).toEqual([]);
      const ack = await ctx.call('T', 'POST', `/api/alerts/${ctx.ids.aliceAlert}/ack`, { note: 'Team lead rang her' });
      expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    });

    it('the safeguarding lead sees every safeguarding alert, and only those, and acknowledges them', async () => {
      const safeguarding = carysAlerts.find((a) => a.type === 'safeguarding') as { id: string };
      const other = carysAlerts.find((a) => a.type !== 'safeguarding') as { id: string };
      expect((await idsOf('G', '/api/participants')).map((p) => p.id)).toEqual([carys]);
      expect((await ctx.call('G', 'GET', `/api/participants/${carys}`)).status).toBe(200);
      const seen = await idsOf('G', '/api/alerts');
      expect(seen.map((a) => a.id)).toEqual([safeguarding.id]);
      expect((await ctx.call('G', 'POST', `/api/alerts/${other.id}/ack`, {})).status).toBe(404);
      expect((await ctx.call('G', 'POST', `/api/alerts/${safeguarding.id}/ack`, { note: 'Spoke to Carys' })).status).toBe(200);
      // Nobody else in the North sees Carys’s alert.
      for (const who of ['A', 'T', 'W'] as const) expect((await idsOf(who, '/api/alerts')).map((a) => a.participantId)).not.toContain(carys);
    });
  });

  describe('the dashboard session (POST, GET, DELETE /api/session)', () => {
    const signIn = async (token: string) => {
      const response = await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
      expect(response.status).toBe(201);
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const session = (await response.json()) as { staff: { name: string }; csrfToken: string };
      return { cookie, csrf: session.csrfToken, name: session.staff.name };
    };
    const withCookie = (cookie: string, method: string, path: string, csrf?: string) =>
      fetch(`${app.url}${path}`, { method, headers: { Cookie: cookie, ...(csrf && { 'X-CSRF-Token': csrf }) } });

    it('a session is its own staff member’s: it shows them, and reaches only their caseload', async () => {
      const b = await signIn(tokens.B);
      expect(b.name).toBe('Bo');
      const session = (await (await withCookie(b.cookie, 'GET', '/api/session')).json()) as { staff: { name: string } };
      expect(session.staff.name).toBe('Bo');
      const foreign = await withCookie(b.cookie, 'GET', `/api/participants/${ctx.ids.alice}`);
      const absent = await withCookie(b.cookie, 'GET', `/api/participants/${ABSENT}`);
      expect(foreign.status).toBe(404);
      expect(withoutRequestId(await foreign.json())).toEqual(withoutRequestId(await absent.json()));
      expect(ctx.mentionsAlice(await (await withCookie(b.cookie, 'GET', '/api/caseload')).text())).toBe(false);
    });

    it('signing out ends only that session, never another’s', async () => {
      const a = await signIn(tokens.A);
      const b = await signIn(tokens.B);
      expect((await withCookie(b.cookie, 'DELETE', '/api/session', b.csrf)).status).toBe(204);
      expect((await withCookie(b.cookie, 'GET', '/api/session')).status).toBe(401);
      expect((await withCookie(a.cookie, 'GET', '/api/session')).status).toBe(200);
      // B's CSRF token is no key to A's session.
      expect((await withCookie(a.cookie, 'DELETE', '/api/session', b.csrf)).status).toBe(403);
      expect((await withCookie(a.cookie, 'GET', `/api/participants/${ctx.ids.alice}`)).status).toBe(200);
    });
  });
});
