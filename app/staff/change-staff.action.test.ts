import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/time/clock.js';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { CaseRecordDatabase, Db } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { StaffSessionRepository } from '../../store/staff-session.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { openTestEngine } from '../../test/test-database.js';
import { AddStaff } from './add-staff.action.js';
import { ChangeStaff } from './change-staff.action.js';
import { RotateStaffToken } from './rotate-staff-token.action.js';
import { StaffChangeRefusedError, StaffInputError } from './staff-errors.js';
import { participantRow } from '../../test/participant-row.fixture.js';

const NOW = new Date('2026-03-02T09:00:00Z');
// This file's numbers: +447700900570..579.
let nextPhone = 570;

describe.each([['postgres'], ['pglite']] as const)('staff lifecycle actions, on %s', (engine) => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let admin: StaffIdentity;
  const sent: string[] = [];

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'app_staff_lifecycle'));
    db = database.db;
    admin = await new StaffRepository(db).create({ name: 'Ada', role: 'admin', team: null, tokenLookup: randomUUID(), tokenHash: 'h' });
  });
  afterAll(async () => close?.());

  let tokens = 0;
  const issueToken = async () => ({ token: `token-${++tokens}`, lookup: `lookup-${randomUUID()}`, hash: `hash-${tokens}` });
  const add = (name: string, role: StaffIdentity['role'], team: string | null = 'North') =>
    new AddStaff({ db, issueToken }).execute({ name, role, team, email: null, phone: null });
  const change = () => new ChangeStaff({ db, clock: new ManualClock(NOW), programmeName: 'Working Well', queues: { enqueueSends: async (ids) => void sent.push(...ids) }, logger: pino({ level: 'silent' }) });
  const participantOf = (keyWorkerId: string, firstName: string) =>
    new ParticipantRepository(db).create(participantRow({ firstName, phone: `+447700900${nextPhone++}`, keyWorkerId, team: 'North', consentAt: NOW }));
  const openSession = (staffId: string) =>
    new StaffSessionRepository(db).open({ idHash: randomUUID(), staffId, tokenFingerprint: 'f', createdAt: NOW, expiresAt: new Date(NOW.getTime() + 3600_000) });
  const sessionsOf = (staffId: string) =>
    db.withTables<{ staff_sessions: { id_hash: string; staff_id: string } }>().selectFrom('staff_sessions').select('id_hash').where('staff_id', '=', staffId).execute();

  it('adds someone with a UK work phone as E.164, and names the field it refuses', async () => {
    const { member, token } = await new AddStaff({ db, issueToken }).execute({ name: 'Priya', role: 'team_lead', team: 'North', email: 'priya@example.org', phone: '0161 496 0000' });
    expect(member).toMatchObject({ name: 'Priya', role: 'team_lead', phone: '+441614960000', email: 'priya@example.org', active: true, bootstrap: false });
    expect(token).toMatch(/^token-/);
    await expect(new AddStaff({ db, issueToken }).execute({ name: 'Again', role: 'key_worker', team: null, email: 'PRIYA@example.org', phone: null })).rejects.toEqual(
      new StaffInputError('email', 'already belongs to a member of staff'),
    );
    await expect(new AddStaff({ db, issueToken }).execute({ name: 'Abroad', role: 'key_worker', team: null, email: null, phone: '+14155550100' })).rejects.toEqual(
      new StaffInputError('phone', 'is not a valid UK phone number'),
    );
  });

  it('switching off revokes the token and ends every session, and hands the caseload over with a handover text each', async () => {
    const { member: leaver } = await add('Lee', 'key_worker');
    const { member: colleague } = await add('Amara', 'key_worker', 'Eccles');
    const people = [await participantOf(leaver.id, 'Sam'), await participantOf(leaver.id, 'Rhys')];
    await openSession(leaver.id);
    await openSession(leaver.id);
    sent.length = 0;

    const { member, reassigned } = await change().execute({ staffId: leaver.id, actor: admin, active: false, reassignTo: colleague.id });
    expect(member).toMatchObject({ active: false, deactivatedAt: NOW });
    expect(reassigned).toBe(2);
    expect(await new StaffRepository(db).findByTokenLookup((await db.selectFrom('staff').select('token_lookup').where('id', '=', leaver.id).executeTakeFirstOrThrow()).token_lookup)).toBeUndefined();
    expect(await sessionsOf(leaver.id)).toEqual([]);
    for (const person of people) {
      expect(await new ParticipantRepository(db).findById(person.id)).toMatchObject({ key_worker_id: colleague.id, team: 'Eccles' });
    }
    const texts = await db.selectFrom('messages').select(['id', 'body', 'participant_id']).where('id', 'in', sent).execute();
    expect(texts.map((t) => t.participant_id).sort()).toEqual(people.map((p) => p.id).sort());
    for (const text of texts) expect(text.body).toContain('Amara');
  });

  it('a refused hand-over changes nothing at all, not even the switch-off asked for in the same call', async () => {
    const { member: leaver } = await add('Kit', 'key_worker');
    const { member: adviser } = await add('Wyn', 'in_work_team');
    const person = await participantOf(leaver.id, 'Nia');
    await openSession(leaver.id);
    await expect(change().execute({ staffId: leaver.id, actor: admin, active: false, reassignTo: adviser.id })).rejects.toEqual(new StaffInputError('reassignTo', 'is not a key worker'));
    expect(await new StaffRepository(db).findMember(leaver.id)).toMatchObject({ active: true });
    expect(await sessionsOf(leaver.id)).toHaveLength(1);
    expect(await new ParticipantRepository(db).findById(person.id)).toMatchObject({ key_worker_id: leaver.id });
  });

  it('refuses switching yourself off', async () => {
    await expect(change().execute({ staffId: admin.id, actor: admin, active: false })).rejects.toBeInstanceOf(StaffChangeRefusedError);
  });

  it('a new token replaces the old one and ends the sessions signed in with it; none for someone switched off', async () => {
    const { member } = await add('Rota', 'key_worker');
    const before = await db.selectFrom('staff').select(['token_lookup', 'token_hash']).where('id', '=', member.id).executeTakeFirstOrThrow();
    await openSession(member.id);
    const { token } = await new RotateStaffToken({ db, issueToken }).execute(member.id);
    const after = await db.selectFrom('staff').select(['token_lookup', 'token_hash']).where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(token).toMatch(/^token-/);
    expect(after.token_lookup).not.toBe(before.token_lookup);
    expect(await new StaffRepository(db).findByTokenLookup(before.token_lookup)).toBeUndefined();
    expect(await sessionsOf(member.id)).toEqual([]);

    await change().execute({ staffId: member.id, actor: admin, active: false });
    await expect(new RotateStaffToken({ db, issueToken }).execute(member.id)).rejects.toBeInstanceOf(StaffChangeRefusedError);
  });
});
