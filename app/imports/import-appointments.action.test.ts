import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../domain/caseload.js';
import { ManualClock } from '../../domain/time/clock.js';
import type { CaseRecordDatabase, Db } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { openTestEngine } from '../../test/test-database.js';
import { ImportAppointments, UNKNOWN_PARTICIPANT } from './import-appointments.action.js';

// A Monday in winter (GMT); the appointments are in the summer (BST) and around the clock changes of 2027.
const AT = new Date('2027-01-11T09:00:00Z');

describe.each([['postgres'], ['pglite']] as const)('importing appointments (the action), on %s', (engine) => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let priya: StaffIdentity;
  let ann: string;
  const queued = { reminders: [] as string[], removed: [] as string[], sends: [] as string[], followUps: [] as unknown[] };
  const queues = {
    enqueueReminders: async (reminders: ReadonlyArray<{ jobId: string }>) => void queued.reminders.push(...reminders.map((r) => r.jobId)),
    removeReminderJobs: async (ids: readonly string[]) => void queued.removed.push(...ids),
    enqueueSends: async (ids: readonly string[]) => void queued.sends.push(...ids),
    enqueueFollowUps: async (steps: readonly unknown[]) => void queued.followUps.push(...steps),
  };

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'app_import_appointments'));
    db = database.db;
    const staff = new StaffRepository(db);
    priya = await staff.create({ name: 'Priya', role: 'key_worker', team: 'North', email: 'priya@example.org', tokenLookup: randomUUID(), tokenHash: 'h' });
    const tom = await staff.create({ name: 'Tom', role: 'key_worker', team: 'North', email: 'tom@example.org', tokenLookup: randomUUID(), tokenHash: 'h' });
    const person = (firstName: string, phone: string, externalRef: string, keyWorkerId: string) =>
      new ParticipantRepository(db).create({
        firstName,
        phone,
        externalRef,
        channel: 'sms',
        language: 'en',
        keyWorkerId,
        team: 'North',
        referredAt: null,
        consentBasis: 'test',
        consentAt: AT,
      });
    ann = (await person('Ann', '+447700900750', 'P-1', priya.id)).id;
    await person('Bea', '+447700900751', 'P-2', tom.id);
  }, 60_000);
  afterAll(async () => close?.());
  beforeEach(() => {
    for (const list of Object.values(queued)) list.length = 0;
  });

  const importer = () =>
    new ImportAppointments({ db, clock: new ManualClock(AT), timeZone: 'Europe/London', programmeName: 'Next Steps', queues, logger: pino({ level: 'silent' }) });
  const run = (text: string, dryRun = false) => importer().execute({ csv: new TextEncoder().encode(text), dryRun, staff: priya });
  const count = async (table: 'appointments' | 'reminders' | 'case_record_events' | 'messages') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const appointment = (ref: string) => db.selectFrom('appointments').selectAll().where('external_ref', '=', ref).executeTakeFirstOrThrow();

  const FILE = [
    'External Ref,Appointment-Ref,STARTS_AT,Title,Location,Mandatory,Reminder Offsets',
    'P-1,A-100,14/06/2027 10:30,CV workshop,Job centre,yes,P1D PT2H',
    'P-1,A-101,2027-06-21T09:00:00Z,Interview practice,,no,',
  ].join('\r\n');

  it('a dry run answers as the real run does, and leaves no appointment, reminder, event or message behind', async () => {
    const dry = await run(FILE, true);
    expect(dry).toEqual({ dryRun: true, rows: 2, created: 2, updated: 0, unchanged: 0, rejected: [], unknownColumns: [] });
    expect([await count('appointments'), await count('reminders'), await count('case_record_events'), await count('messages')]).toEqual([0, 0, 0, 0]);
    expect(queued.reminders).toEqual([]);

    const real = await run(FILE);
    expect({ ...real, dryRun: true }).toEqual(dry);
  });

  it('books against the participant’s CRM id, keeps the CRM’s own id, reads DD/MM/YYYY HH:MM as UK time (BST in June)', async () => {
    const workshop = await appointment('A-100');
    expect(workshop).toMatchObject({ participant_id: ann, title: 'CV workshop', location: 'Job centre', mandatory: true, version: 1 });
    expect(workshop.starts_at.toISOString()).toBe('2027-06-14T09:30:00.000Z');
    expect(workshop.reminder_offsets).toEqual(['P1D', 'PT2H']);
    expect(await appointment('A-101')).toMatchObject({ mandatory: false, location: null, reminder_offsets: null });
  });

  it('importing the same file again changes nothing and sends nothing', async () => {
    const events = await count('case_record_events');
    expect(await run(FILE)).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: [] });
    expect(await count('case_record_events')).toBe(events);
    expect(queued).toEqual({ reminders: [], removed: [], sends: [], followUps: [] });
  });

  it('a new time is a reschedule: version 2, the old reminders closed and their jobs removed, the participant told', async () => {
    const before = await appointment('A-100');
    const oldJobs = (await db.selectFrom('reminders').select('job_id').where('appointment_id', '=', before.id).execute()).map((r) => r.job_id);
    const report = await run('external_ref,appointment_ref,starts_at,title\nP-1,A-100,15/06/2027 14:00,CV workshop\n');
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0, rejected: [] });
    const after = await appointment('A-100');
    expect(after.version).toBe(2);
    expect(after.starts_at.toISOString()).toBe('2027-06-15T13:00:00.000Z');
    expect(after.location).toBe('Job centre'); // not in the file: kept
    const reminders = await db.selectFrom('reminders').select(['version', 'status']).where('appointment_id', '=', before.id).execute();
    expect(reminders.filter((r) => r.version === 1).every((r) => r.status === 'superseded')).toBe(true);
    expect(queued.removed.sort()).toEqual(oldJobs.sort());
    expect(queued.reminders.every((id) => id.includes('-v2-'))).toBe(true);
    expect(queued.sends).toHaveLength(1);
    const told = await db.selectFrom('messages').select('body').where('id', '=', queued.sends[0] as string).executeTakeFirstOrThrow();
    expect(told.body).toContain('15');
  });

  it('cancelled: yes cancels and tells the participant; again, it is unchanged; a row cancelled before we saw it books nothing', async () => {
    const file = 'external_ref,appointment_ref,starts_at,title,cancelled\nP-1,A-101,2027-06-21T09:00:00Z,Interview practice,yes\nP-1,A-999,,,yes\n';
    expect(await run(file)).toMatchObject({ created: 0, updated: 1, unchanged: 1, rejected: [] });
    expect((await appointment('A-101')).status).toBe('cancelled');
    expect(queued.sends).toHaveLength(1);
    expect(await db.selectFrom('appointments').select('id').where('external_ref', '=', 'A-999').execute()).toEqual([]);
    expect(await run(file)).toMatchObject({ updated: 0, unchanged: 2 });
    expect(await run('external_ref,appointment_ref,starts_at,title\nP-1,A-101,2027-06-21T09:00:00Z,Interview practice\n')).toMatchObject({
      rejected: [{ row: 2, field: 'cancelled', message: expect.stringContaining('was cancelled') }],
    });
  });

  it('rejects each bad row on its own, by spreadsheet row and field, and books the good ones', async () => {
    const file = [
      'external_ref,appointment_ref,starts_at,title,mandatory',
      'P-2,B-1,2027-06-14T10:00:00Z,Another caseload,no', // row 2: Tom's participant
      'P-404,B-2,2027-06-14T10:00:00Z,Nobody,no', // row 3
      'P-1,B-3,28/03/2027 01:30,In the gap,no', // row 4: clocks go forward at 01:00
      'P-1,B-4,31/10/2027 01:30,Twice over,no', // row 5: clocks go back at 02:00
      'P-1,B-5,2026-12-01T10:00:00Z,Last year,no', // row 6
      'P-1,B-6,2027-06-14T10:00:00,No offset,maybe', // row 7: two problems
      '',
      'P-1,B-7,31/10/2027 02:30,After the change,no', // row 9
      'P-1,B-7,31/10/2027 03:30,Same again,no', // row 10
    ].join('\n');
    const report = await run(file);
    expect(report).toMatchObject({ rows: 8, created: 1 });
    expect(report.rejected).toEqual([
      { row: 2, field: 'external_ref', message: UNKNOWN_PARTICIPANT },
      { row: 3, field: 'external_ref', message: UNKNOWN_PARTICIPANT },
      { row: 4, field: 'starts_at', message: expect.stringMatching(/does not exist in UK time: the clocks go forward/) },
      { row: 5, field: 'starts_at', message: expect.stringMatching(/happens twice.*2027-10-31T01:30:00\+01:00 or 2027-10-31T01:30:00\+00:00/) },
      { row: 6, field: 'starts_at', message: 'is in the past' },
      { row: 7, field: 'starts_at', message: expect.stringContaining('no UTC offset') },
      { row: 7, field: 'mandatory', message: 'must be yes or no' },
      { row: 10, field: 'appointment_ref', message: expect.stringContaining('earlier row') },
    ]);
    expect((await appointment('B-7')).starts_at.toISOString()).toBe('2027-10-31T02:30:00.000Z');
    const bea = await db.selectFrom('appointments').innerJoin('participants', 'participants.id', 'appointments.participant_id').select('appointments.id').where('participants.external_ref', '=', 'P-2').execute();
    expect(bea).toEqual([]);
  });

  it('a missing required column stops the whole file, naming it', async () => {
    await expect(run('external_ref,appointment_ref,title\nP-1,C-1,x\n')).rejects.toMatchObject({ missingColumns: ['starts_at'] });
  });
});
