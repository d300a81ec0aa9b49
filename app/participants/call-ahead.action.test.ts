import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../domain/caseload.js';
import { ManualClock } from '../../domain/time/clock.js';
import { DEFAULT_REMINDER_POLICY } from '../../domain/appointments/appointment.types.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { CaseRecordDatabase, Db } from '../../store/database.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import { openTestEngine, testRedisUrl } from '../../test/test-database.js';
import { sendJobId } from '../../domain/job-keys.js';
import { JobQueues } from '../../workers/queues.js';
import { CallAhead, CallAheadRefused, type CallAheadRefusal } from './call-ahead.action.js';
import { participantRow } from '../../test/participant-row.fixture.js';

// Monday 2 March 2026, 10:00 in London (GMT); quiet hours are 21:00–08:00 by default.
const DAYTIME = new Date('2026-03-02T10:00:00Z');
const NIGHT = new Date('2026-03-02T22:30:00Z');
// This file's numbers: participants +447700900910..939, staff +447700900940..949.
let nextPhone = 910;

describe('calling ahead', () => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let redis: Redis;
  let queues: JobQueues;
  let priya: StaffIdentity;
  let noPhone: StaffIdentity;
  let lonely: StaffIdentity;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine('postgres', 'app_call_ahead'));
    db = database.db;
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    queues = new JobQueues(redis, `t${randomBytes(6).toString('hex')}`);
    const staff = new StaffRepository(db);
    priya = await staff.create({ name: 'Priya Shah', role: 'key_worker', team: 'North', tokenLookup: randomUUID(), tokenHash: 'h' });
    noPhone = await staff.create({ name: 'Alex', role: 'key_worker', team: 'North', tokenLookup: randomUUID(), tokenHash: 'h' });
    lonely = await staff.create({ name: 'Jo', role: 'key_worker', team: 'Island', tokenLookup: randomUUID(), tokenHash: 'h' });
    await db.updateTable('staff').set({ phone: '+447700900940' }).where('id', '=', priya.id).execute();
    await new TeamPolicyRepository(db).put('North', { ...DEFAULT_REMINDER_POLICY, phone: '+441614960000' }, priya.id);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${queues.prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await queues.close();
    redis.disconnect();
    await close?.();
  });

  const participant = (overrides: Partial<{ language: string; firstName: string }> = {}): Promise<ParticipantRow> =>
    new ParticipantRepository(db).create(participantRow({ firstName: overrides.firstName ?? 'Sam', phone: `+447700900${nextPhone++}`, language: overrides.language ?? 'en', keyWorkerId: priya.id, team: 'North', consentAt: DAYTIME }));

  const callAhead = (at: Date, caller: StaffIdentity, person: ParticipantRow, inMinutes = 5) =>
    new CallAhead({ db, clock: new ManualClock(at), timeZone: 'Europe/London', programmeName: 'Working Well', queues, logger: pino({ level: 'silent' }) }).execute({
      caller,
      inMinutes,
      participant: async (tx) => (await new ParticipantRepository(tx).lockForUpdate(person.id))!,
    });

  const refusal = async (promise: Promise<unknown>): Promise<CallAheadRefusal> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof CallAheadRefused)) throw new Error(`expected a refusal, got ${String(error)}`);
    return error.reason;
  };
  const outbound = (person: ParticipantRow) => new MessageRepository(db).listForParticipant(person.id, 'outbound');
  const callAheadEvents = async (person: ParticipantRow) =>
    (await new CaseRecordRepository(db).listForParticipant(person.id)).filter((e) => e.type === 'contact.call_ahead');

  it('texts once, naming the caller and their work phone, queues the send and writes the case record', async () => {
    const sam = await participant();
    const sent = await callAhead(DAYTIME, priya, sam, 10);
    expect(sent).toMatchObject({ number: '+447700900940', numberShown: '07700 900940', numberFrom: 'work_phone', inMinutes: 10 });
    expect(sent.text).toBe("Hi Sam, it's Priya Shah from Working Well. I'll ring you in the next 10 minutes from 07700 900940.");
    const messages = await outbound(sam);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: sent.messageId, body: sent.text, kind: 'call_ahead', status: 'queued', phone: sam.phone });
    expect(await queues.outbound.getJob(sendJobId(sent.messageId))).toBeDefined();
    const events = await callAheadEvents(sam);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual({ by: priya.id, byName: 'Priya Shah', inMinutes: 10, number: '+447700900940', numberShown: '07700 900940', numberFrom: 'work_phone' });
  });

  it('gives the team’s phone when the caller has none of their own', async () => {
    const sam = await participant();
    const sent = await callAhead(DAYTIME, noPhone, sam);
    expect(sent).toMatchObject({ number: '+441614960000', numberShown: '0161 496 0000', numberFrom: 'team_phone' });
    expect(sent.text).toBe("Hi Sam, it's Alex from Working Well. I'll ring you in the next 5 minutes from 0161 496 0000.");
  });

  it('writes in Welsh to a Welsh speaker', async () => {
    const gwen = await participant({ language: 'cy', firstName: 'Gwen' });
    const sent = await callAhead(DAYTIME, noPhone, gwen, 1);
    expect(sent.text).toBe("Helo Gwen, Alex o Working Well sydd yma. Bydda i'n eich ffonio chi yn ystod y funud nesaf o 0161 496 0000.");
  });

  it('refuses, sending nothing, when there is no number to give', async () => {
    const sam = await participant();
    expect(await refusal(callAhead(DAYTIME, lonely, sam))).toBe('no_phone');
    expect(await outbound(sam)).toEqual([]);
    expect(await callAheadEvents(sam)).toEqual([]);
  });

  it('refuses in the participant’s team’s quiet hours: a call then is the caller’s judgement, not a queued text', async () => {
    const sam = await participant();
    const error = await callAhead(NIGHT, priya, sam).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallAheadRefused);
    expect(error).toMatchObject({ reason: 'quiet_hours', details: { quietHours: { start: '21:00', end: '08:00' } } });
    expect(await outbound(sam)).toEqual([]);
    expect(await callAheadEvents(sam)).toEqual([]);
  });

  it('refuses someone who opted out, a wrong number, or no consent, sending nothing', async () => {
    const optedOut = await participant();
    await new ParticipantRepository(db).setOptedOut(optedOut.id, true, DAYTIME);
    expect(await refusal(callAhead(DAYTIME, priya, optedOut))).toBe('opted_out');

    const wrong = await participant();
    await db.updateTable('participants').set({ wrong_number_at: DAYTIME }).where('id', '=', wrong.id).execute();
    expect(await refusal(callAhead(DAYTIME, priya, wrong))).toBe('wrong_number');

    const noConsent = await participant();
    await db.updateTable('participants').set({ consent_contact: false }).where('id', '=', noConsent.id).execute();
    expect(await refusal(callAhead(DAYTIME, priya, noConsent))).toBe('no_consent');

    for (const person of [optedOut, wrong, noConsent]) expect(await outbound(person)).toEqual([]);
  });

  it('a second press within a minute sends nothing more; a minute later it texts again', async () => {
    const sam = await participant();
    await callAhead(DAYTIME, priya, sam);
    expect(await refusal(callAhead(new Date(DAYTIME.getTime() + 30_000), priya, sam))).toBe('already_sent');
    expect(await outbound(sam)).toHaveLength(1);
    await callAhead(new Date(DAYTIME.getTime() + 61_000), priya, sam);
    expect(await outbound(sam)).toHaveLength(2);
    expect(await callAheadEvents(sam)).toHaveLength(2);
  });
});
