import { ManualClock } from '../../domain/time/clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_SIGN_INS_PER_MINUTE } from '../../bot/rate-limiter.js';
import { sql } from 'kysely';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import { RetentionRepository } from '../../store/retention.repository.js';
import { eventually, TestApp } from '../test-app.js';

describe('security: headers, audit log, sign-in rate limit', () => {
  let app: TestApp;
  /** No workers here: each stored text's `message.inbound` event is written as its turn writes it when it starts. */
  const textsTaken = async (participantId: string) => {
    const texts = await app.db.selectFrom('messages').select('id').where('participant_id', '=', participantId).where('direction', '=', 'inbound').execute();
    await new CaseRecordRepository(app.db).appendInboundArrivals(texts.map((t) => t.id));
  };
  beforeAll(async () => {
    app = await TestApp.start({ workers: false });
  });
  afterAll(async () => app?.close());

  it('every answer carries the security headers; API answers are never cached', async () => {
    for (const path of ['/healthz', '/api/participants', '/nowhere']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    }
    expect((await fetch(`${app.url}/api/participants`)).headers.get('cache-control')).toBe('no-store');
  });

  it('the audit log says who read or changed which record', async () => {
    const kw = await app.createStaff('key_worker', 'Priya', 'Audit');
    const sam = await app.createParticipant('07700 900991', kw.token);
    await app.api('GET', `/api/participants/${sam.id}`, undefined, kw.token);
    await app.api('PATCH', `/api/participants/${sam.id}`, { language: 'cy' }, kw.token);
    const nosy = await app.createStaff('key_worker', 'Nosy', 'Audit');
    await app.api('GET', `/api/participants/${sam.id}/record`, undefined, nosy.token);

    // Each entry is written as its answer goes out: wait for the last one rather than race it.
    const log = await eventually(async () => {
      const answer = await app.api<Array<{ staffId: string; method: string; route: string; subjectId: string; status: number }>>(
        'GET',
        `/api/audit?subjectId=${sam.id}`,
      );
      return answer.status === 200 && answer.body.length >= 3 && answer;
    });
    expect(log.body.map((e) => [e.staffId, e.method, e.route, e.status]).reverse()).toEqual([
      [kw.id, 'GET', '/api/participants/:id', 200],
      [kw.id, 'PATCH', '/api/participants/:id', 200],
      [nosy.id, 'GET', '/api/participants/:id/record', 404],
    ]);
    expect((await app.api('GET', '/api/audit', undefined, kw.token)).status).toBe(403);
  });

  it('a subject access export holds everything about one person, for their caseload only', async () => {
    const kw = await app.createStaff('key_worker', 'Priya', 'Export');
    const jo = await app.createParticipant('07700 900992', kw.token, { firstName: 'Jo' });
    await app.inbound('+447700900992', 'My rent is late, can someone help?');
    await textsTaken(jo.id);
    const exported = await app.api<{ participant: { firstName: string }; messages: Array<{ body: string }>; caseRecord: Array<{ type: string }> }>(
      'GET',
      `/api/participants/${jo.id}/export`,
      undefined,
      kw.token,
    );
    expect(exported.status).toBe(200);
    expect(exported.body.participant.firstName).toBe('Jo');
    expect(exported.body.messages.map((m) => m.body)).toContain('My rent is late, can someone help?');
    expect(exported.body.caseRecord.map((e) => e.type)).toEqual(expect.arrayContaining(['participant.created', 'message.inbound']));
    const other = await app.createStaff('key_worker', 'Other', 'Export');
    expect((await app.api('GET', `/api/participants/${jo.id}/export`, undefined, other.token)).status).toBe(404);
  });

  it('retention clears message bodies past their time and keeps the rows', async () => {
    const kit = await app.createParticipant('07700 900993');
    await app.inbound('+447700900993', 'an old message');
    await app.inbound('+447700900993', 'a new message');
    await textsTaken(kit.id);
    const [old] = await app.db.selectFrom('messages').select('id').where('body', '=', 'an old message').execute();
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    await app.db.updateTable('messages').set({ created_at: longAgo }).where('id', '=', old!.id).execute();
    await app.db
      .updateTable('case_record_events')
      .set({ at: longAgo })
      .where('participant_id', '=', kit.id)
      .where('type', '=', 'message.inbound')
      .where(sql<boolean>`data->>'body' = 'an old message'`)
      .execute();
    const cleared = await new RetentionRepository(app.db).clearBodiesBefore(new Date(Date.now() - 365 * 86_400_000), 1000);
    expect(cleared).toBeGreaterThanOrEqual(1);
    const bodies = (await app.db.selectFrom('messages').select('body').where('participant_id', '=', kit.id).where('direction', '=', 'inbound').orderBy('seq').execute()).map((m) => m.body);
    expect(bodies).toEqual([null, 'a new message']);
    const events = await app.db.selectFrom('case_record_events').select('data').where('participant_id', '=', kit.id).where('type', '=', 'message.inbound').orderBy('id').execute();
    expect(events.map((e) => e.data.body ?? null)).toEqual([null, 'a new message']);
  });
});

describe('sign-in rate limit', () => {
  let app: TestApp;
  // The limit counts per clock minute; the clock is held still so the run never straddles two windows, however
  // slowly a busy machine answers.
  const clock = new ManualClock(new Date('2026-03-10T10:00:05.000Z'));
  beforeAll(async () => {
    app = await TestApp.start({ workers: false, clock });
  });
  afterAll(async () => app?.close());

  it(`turns an address away after ${FAILED_SIGN_INS_PER_MINUTE} wrong tokens in a minute`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= FAILED_SIGN_INS_PER_MINUTE + 1; i++) {
      statuses.push((await app.api('GET', '/api/participants', undefined, `ebt_${'0'.repeat(16)}_${'x'.repeat(43)}`)).status);
    }
    const unauthorised = statuses.filter((s) => s === 401).length;
    // Each wrong token is checked against the count so far, then counted: the 61st is still answered 401.
    expect(unauthorised).toBe(FAILED_SIGN_INS_PER_MINUTE + 1);
    expect(statuses.indexOf(429)).toBe(unauthorised);
    expect(statuses.at(-1)).toBe(429);
    const response = await fetch(`${app.url}/api/participants`, { headers: { Authorization: 'Bearer wrong' } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');

    // The next minute the address may try again.
    clock.advance(60_000);
    expect((await app.api('GET', '/api/participants', undefined, `ebt_${'0'.repeat(16)}_${'x'.repeat(43)}`)).status).toBe(401);
  });
});
