/**
 * Never reveal another caseload (CONTRACT.md): every participant and alert endpoint answers another key worker's
 * participant exactly as it answers one that does not exist, and changes nothing. Phones: +447700900300–349.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TestApp, withoutRequestId } from '../test-app.js';

const ALICE_PHONE = '+447700900301'; // key worker A's participant, later in work
const BEN_PHONE = '+447700900302'; // key worker B's participant, not in work
const CARA_PHONE = '+447700900303'; // key worker C's (team South) participant, in work
const ABSENT_ID = '00000000-0000-4000-8000-000000000301';

interface Participant {
  id: string;
  keyWorkerId: string | null;
  team: string | null;
}
interface Alert {
  id: string;
  participantId: string;
  status: string;
}
interface ApiErrorBody {
  error: { code: string; message: string };
}

type Ids = { alice: string; aliceAlert: string; ben: string; benKeyWorker: string };

interface ForeignCase {
  label: string;
  method: 'GET' | 'PATCH' | 'DELETE' | 'POST';
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** A 404 indistinguishable from the one for an id that does not exist, or an empty list. */
  expected: 'not_found' | 'empty_list';
}

const foreignCases: ForeignCase[] = [
  { label: 'GET the participant', method: 'GET', path: (ids) => `/api/participants/${ids.alice}`, expected: 'not_found' },
  {
    label: 'PATCH the language',
    method: 'PATCH',
    path: (ids) => `/api/participants/${ids.alice}`,
    body: () => ({ language: 'cy' }),
    expected: 'not_found',
  },
  {
    label: 'PATCH muted streams',
    method: 'PATCH',
    path: (ids) => `/api/participants/${ids.alice}`,
    body: () => ({ mutedStreams: ['reminders', 'dna_follow_up', 'check_ins', 'campaigns', 'pulses'] }),
    expected: 'not_found',
  },
  {
    label: 'PATCH to take them onto the caller’s own caseload',
    method: 'PATCH',
    path: (ids) => `/api/participants/${ids.alice}`,
    body: (ids) => ({ keyWorkerId: ids.benKeyWorker }),
    expected: 'not_found',
  },
  {
    label: 'PATCH the phone (to divert their texts)',
    method: 'PATCH',
    path: (ids) => `/api/participants/${ids.alice}`,
    body: () => ({ phone: '+447700900349' }),
    expected: 'not_found',
  },
  { label: 'DELETE (erase) the participant', method: 'DELETE', path: (ids) => `/api/participants/${ids.alice}`, expected: 'not_found' },
  { label: 'GET the case record', method: 'GET', path: (ids) => `/api/participants/${ids.alice}/record`, expected: 'not_found' },
  { label: 'list alerts', method: 'GET', path: () => '/api/alerts', expected: 'empty_list' },
  { label: 'list open alerts', method: 'GET', path: () => '/api/alerts?status=open', expected: 'empty_list' },
  {
    label: 'list alerts filtered to the participant',
    method: 'GET',
    path: (ids) => `/api/alerts?participantId=${ids.alice}`,
    expected: 'empty_list',
  },
  {
    label: 'acknowledge the participant’s alert',
    method: 'POST',
    path: (ids) => `/api/alerts/${ids.aliceAlert}/ack`,
    body: () => ({ note: 'not mine' }),
    expected: 'not_found',
  },
];

describe('caseload isolation', () => {
  let app: TestApp;
  let keyWorkerA: { id: string; token: string };
  let keyWorkerB: { id: string; token: string };
  let keyWorkerC: { id: string; token: string };
  let inWorkNorth: { id: string; token: string };
  let inWorkSouth: { id: string; token: string };
  let inWorkNoTeam: { id: string; token: string };
  let ids: Ids;
  let caraId: string;

  /** Everything about Alice an endpoint could change, read past the API. */
  const aliceSnapshot = async () => {
    const participant = await app.db.selectFrom('participants').selectAll().where('id', '=', ids.alice).executeTakeFirstOrThrow();
    const alerts = await app.db.selectFrom('alerts').selectAll().where('participant_id', '=', ids.alice).orderBy('id').execute();
    const events = await app.db
      .selectFrom('case_record_events')
      .select(['id', 'type', 'data'])
      .where('participant_id', '=', ids.alice)
      .orderBy('id')
      .execute();
    const messages = await app.db.selectFrom('messages').select(['id', 'status', 'body', 'phone']).where('participant_id', '=', ids.alice).orderBy('id').execute();
    return { participant, alerts, events, messages };
  };

  beforeAll(async () => {
    app = await TestApp.start();
    keyWorkerA = await app.createStaff('key_worker', 'Ash (A)', 'North');
    keyWorkerB = await app.createStaff('key_worker', 'Bo (B)', 'North');
    keyWorkerC = await app.createStaff('key_worker', 'Cy (C)', 'South');
    inWorkNorth = await app.createStaff('in_work_team', 'North in-work', 'North');
    inWorkSouth = await app.createStaff('in_work_team', 'South in-work', 'South');
    const noTeam = await app.api<{ id: string; token: string }>('POST', '/api/staff', { name: 'Teamless in-work', role: 'in_work_team' });
    inWorkNoTeam = noTeam.body;

    const alice = await app.createParticipant(ALICE_PHONE, keyWorkerA.token, { firstName: 'Alice' });
    const ben = await app.createParticipant(BEN_PHONE, keyWorkerB.token, { firstName: 'Ben' });
    caraId = (await app.createParticipant(CARA_PHONE, keyWorkerC.token, { firstName: 'Cara' })).id;

    await app.inbound(ALICE_PHONE, 'Please tell Ash I have a new address');
    const aliceAlert = await eventually(async () => {
      const alerts = await app.api<Alert[]>('GET', `/api/alerts?participantId=${alice.id}`, undefined, keyWorkerA.token);
      return alerts.body[0]?.id;
    }, 15_000, 'an alert for Alice');
    // Let the turn's write-back finish so nothing of ours moves during the comparisons.
    await eventually(async () => (await app.record(alice.id)).some((e) => e.type === 'message.outbound'), 15_000, 'the reply');

    await app.db.updateTable('participants').set({ in_work_since: '2025-01-06' }).where('id', 'in', [alice.id, caraId]).execute();
    ids = { alice: alice.id, aliceAlert, ben: ben.id, benKeyWorker: keyWorkerB.id };
  });
  afterAll(async () => app?.close());

  describe('key worker B and key worker A’s participant', () => {
    it.each(foreignCases)('$label: $expected, and Alice is unchanged', async (c) => {
      const before = await aliceSnapshot();
      const result = await app.api<unknown>(c.method, c.path(ids), c.body?.(ids), keyWorkerB.token);

      if (c.expected === 'empty_list') {
        expect(result.status).toBe(200);
        expect(result.body).toEqual([]);
      } else {
        expect(result.status, JSON.stringify(result.body)).toBe(404);
        // The same answer as for an id that does not exist: nothing tells B that Alice is there.
        const absentPath = c.path({ ...ids, alice: ABSENT_ID, aliceAlert: ABSENT_ID });
        const absent = await app.api<unknown>(c.method, absentPath, c.body?.(ids), keyWorkerB.token);
        expect(absent.status).toBe(404);
        expect(withoutRequestId(result.body)).toEqual(withoutRequestId(absent.body));
        expect((result.body as ApiErrorBody).error.code).toBe('not_found');
      }
      expect(await aliceSnapshot()).toEqual(before);
    });

    it('B’s list holds only Ben; A’s only Alice', async () => {
      const listB = await app.api<Participant[]>('GET', '/api/participants', undefined, keyWorkerB.token);
      expect(listB.body.map((p) => p.id)).toEqual([ids.ben]);
      const listA = await app.api<Participant[]>('GET', '/api/participants', undefined, keyWorkerA.token);
      expect(listA.body.map((p) => p.id)).toEqual([ids.alice]);
    });

    it('A still sees and can act on Alice, and A cannot see Ben', async () => {
      expect((await app.api('GET', `/api/participants/${ids.alice}`, undefined, keyWorkerA.token)).status).toBe(200);
      expect((await app.api('GET', `/api/participants/${ids.alice}/record`, undefined, keyWorkerA.token)).status).toBe(200);
      const alerts = await app.api<Alert[]>('GET', '/api/alerts?status=open', undefined, keyWorkerA.token);
      expect(alerts.body.map((a) => a.id)).toEqual([ids.aliceAlert]);
      expect((await app.api('GET', `/api/participants/${ids.ben}`, undefined, keyWorkerA.token)).status).toBe(404);
      expect((await app.api('GET', `/api/participants/${ids.ben}/record`, undefined, keyWorkerA.token)).status).toBe(404);
    });

    it('B may register someone for A, but that opens nothing of A’s caseload to B', async () => {
      const result = await app.api<Participant>(
        'POST',
        '/api/participants',
        { firstName: 'Dee', phone: '+447700900304', channel: 'sms', keyWorkerId: keyWorkerA.id, consent: { contact: true } },
        keyWorkerB.token,
      );
      expect(result.status).toBe(201);
      expect(result.body.keyWorkerId).toBe(keyWorkerA.id);
      expect((await app.api('GET', `/api/participants/${ids.alice}`, undefined, keyWorkerB.token)).status).toBe(404);
      expect((await app.api('GET', `/api/participants/${result.body.id}`, undefined, keyWorkerB.token)).status).toBe(404);
      const listB = await app.api<Participant[]>('GET', '/api/participants', undefined, keyWorkerB.token);
      expect(listB.body.map((p) => p.id)).toEqual([ids.ben]);
    });
  });

  describe('in-work teams', () => {
    it('the North in-work team sees only North participants who are in work', async () => {
      const list = await app.api<Participant[]>('GET', '/api/participants', undefined, inWorkNorth.token);
      expect(list.status).toBe(200);
      expect(list.body.map((p) => p.id)).toEqual([ids.alice]);
      expect((await app.api('GET', `/api/participants/${ids.alice}`, undefined, inWorkNorth.token)).status).toBe(200);
      expect((await app.api('GET', `/api/participants/${ids.alice}/record`, undefined, inWorkNorth.token)).status).toBe(200);
      const alerts = await app.api<Alert[]>('GET', '/api/alerts', undefined, inWorkNorth.token);
      expect(alerts.body.map((a) => a.participantId)).toEqual([ids.alice]);
    });

    it.each([
      { label: 'Ben (North, not in work)', who: () => ids.ben },
      { label: 'Cara (South, in work)', who: () => caraId },
    ])('the North in-work team gets 404 for $label', async ({ who }) => {
      for (const path of [`/api/participants/${who()}`, `/api/participants/${who()}/record`]) {
        expect((await app.api('GET', path, undefined, inWorkNorth.token)).status, path).toBe(404);
      }
      expect((await app.api('PATCH', `/api/participants/${who()}`, { language: 'cy' }, inWorkNorth.token)).status).toBe(404);
      expect((await app.api('DELETE', `/api/participants/${who()}`, undefined, inWorkNorth.token)).status).toBe(404);
    });

    it('the South in-work team sees Cara only, not Alice', async () => {
      const list = await app.api<Participant[]>('GET', '/api/participants', undefined, inWorkSouth.token);
      expect(list.body.map((p) => p.id)).toEqual([caraId]);
      expect((await app.api('GET', `/api/participants/${ids.alice}`, undefined, inWorkSouth.token)).status).toBe(404);
      const alerts = await app.api<Alert[]>('GET', '/api/alerts', undefined, inWorkSouth.token);
      expect(alerts.body).toEqual([]);
      const ack = await app.api('POST', `/api/alerts/${ids.aliceAlert}/ack`, {}, inWorkSouth.token);
      expect(ack.status).toBe(404);
    });

    it('an in-work team member without a team sees no one', async () => {
      const list = await app.api<Participant[]>('GET', '/api/participants', undefined, inWorkNoTeam.token);
      expect(list.status).toBe(200);
      expect(list.body).toEqual([]);
      expect((await app.api('GET', `/api/participants/${ids.alice}`, undefined, inWorkNoTeam.token)).status).toBe(404);
      expect((await app.api<Alert[]>('GET', '/api/alerts', undefined, inWorkNoTeam.token)).body).toEqual([]);
    });

    it('someone who leaves work drops out of the in-work team’s view', async () => {
      await app.db.updateTable('participants').set({ in_work_since: null }).where('id', '=', caraId).execute();
      const list = await app.api<Participant[]>('GET', '/api/participants', undefined, inWorkSouth.token);
      expect(list.body).toEqual([]);
      await app.db.updateTable('participants').set({ in_work_since: '2025-01-06' }).where('id', '=', caraId).execute();
    });
  });

  describe('admin', () => {
    it('sees everyone, every record and every alert', async () => {
      const list = await app.api<Participant[]>('GET', '/api/participants');
      expect(list.body.map((p) => p.id)).toEqual(expect.arrayContaining([ids.alice, ids.ben, caraId]));
      for (const id of [ids.alice, ids.ben, caraId]) {
        expect((await app.api('GET', `/api/participants/${id}`)).status).toBe(200);
        expect((await app.api('GET', `/api/participants/${id}/record`)).status).toBe(200);
      }
      const alerts = await app.api<Alert[]>('GET', '/api/alerts');
      expect(alerts.body.map((a) => a.id)).toContain(ids.aliceAlert);
    });

    it('the alert B could not acknowledge is still open, and A can acknowledge it', async () => {
      const open = await app.api<Alert[]>('GET', `/api/alerts?participantId=${ids.alice}&status=open`);
      expect(open.body.map((a) => a.id)).toEqual([ids.aliceAlert]);
      const ack = await app.api<Alert>('POST', `/api/alerts/${ids.aliceAlert}/ack`, {}, keyWorkerA.token);
      expect(ack.status).toBe(200);
      expect(ack.body.status).toBe('acknowledged');
    });
  });
});
