import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../domain/caseload.js';
import { ManualClock } from '../../domain/time/clock.js';
import { AppointmentRepository } from '../../store/appointment.repository.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db } from '../../store/database.js';
import { JobStartRepository } from '../../store/job-start.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { openTestEngine } from '../../test/test-database.js';
import type { CsvValue } from './csv-export.js';
import { ExportOutcomes, OUTCOMES_COLUMNS } from './export-outcomes.action.js';

const ZONE = 'Europe/London';

async function collect(rows: AsyncIterable<readonly CsvValue[]>): Promise<Array<Record<string, CsvValue>>> {
  const out: Array<Record<string, CsvValue>> = [];
  for await (const row of rows) out.push(Object.fromEntries(OUTCOMES_COLUMNS.map((c, i) => [c, row[i] ?? null])));
  return out;
}

describe.each([['postgres'], ['pglite']] as const)('the outcomes report (the action), on %s', (engine) => {
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let priya: StaffIdentity;
  const admin: StaffIdentity = { id: randomUUID(), name: 'Admin', role: 'admin', team: null };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const opened = await openTestEngine(engine, 'app_export_outcomes');
    close = opened.close;
    db = opened.database.db;
    const staff = new StaffRepository(db);
    const p = await staff.create({ name: 'Priya', role: 'key_worker', team: 'North', tokenLookup: randomUUID(), tokenHash: 'h' });
    const o = await staff.create({ name: 'Omar', role: 'key_worker', team: 'South', tokenLookup: randomUUID(), tokenHash: 'h' });
    priya = { id: p.id, name: 'Priya', role: 'key_worker', team: 'North' };
    const people = new ParticipantRepository(db);
    const add = async (firstName: string, lastName: string, phone: string, keyWorkerId: string, team: string) =>
      (await people.create({ firstName, lastName, phone, channel: 'sms', language: 'en', keyWorkerId, team, referredAt: new Date('2026-01-02T00:00:00Z'), consentBasis: null, consentAt: null, externalRef: `CRM-${firstName}` })).id;
    ids.ann = await add('Ann', 'Zed', '+447700900760', p.id, 'North');
    ids.bo = await add('Bo', 'Able', '+447700900761', o.id, 'South');
    ids.cy = await add('Cy', 'Late', '+447700900762', p.id, 'North');
    await db.updateTable('participants').set({ created_at: new Date('2026-01-01T00:00:00Z') }).where('id', 'in', [ids.ann, ids.bo]).execute();

    const appointments = new AppointmentRepository(db);
    const book = (startsAt: string) => appointments.create({ participantId: ids.ann as string, title: 'Review', location: null, startsAt: new Date(startsAt), mandatory: true, reminderOffsets: null, createdBy: p.id });
    await appointments.setAttendance((await book('2026-02-10T10:00:00Z')).id, 'attended');
    const missed = await book('2026-03-10T10:00:00Z');
    await appointments.setAttendance(missed.id, 'did_not_attend');
    await appointments.setAttendance((await book('2026-05-10T10:00:00Z')).id, 'did_not_attend');
    const record = new CaseRecordRepository(db);
    const event = (type: 'dna.reason' | 'checkin.response' | 'pulse.response', at: string, data: Record<string, string | number | boolean>, appointmentId?: string) =>
      record.append({ participantId: ids.ann as string, type, at: new Date(at), data, sourceKey: randomUUID(), ...(appointmentId && { appointmentId }) });
    await event('dna.reason', '2026-03-11T10:00:00Z', { category: 'ill_health', words: 'poorly' }, missed.id);

    const { created: job } = await new JobStartRepository(db).start({ participantId: ids.ann, startDate: '2026-01-05', employer: 'Greggs', hoursPerWeek: 30, createdBy: p.id }, new Date('2026-01-05T09:00:00Z'));
    await event('checkin.response', '2026-04-06T10:00:00Z', { question: 'still_in_work', answer: 'yes', sustainment: true, jobStartId: job.id });
    await event('checkin.response', '2026-04-06T10:05:00Z', { question: 'how', rating: 'struggling', jobStartId: job.id });
    await event('checkin.response', '2026-04-06T10:10:00Z', { question: 'call', answer: 'yes', jobStartId: job.id });
    await event('pulse.response', '2026-03-01T10:00:00Z', { questionId: 'coping', score: 2, answered: true });
    await event('pulse.response', '2026-04-01T10:00:00Z', { questionId: 'coping', score: 4, answered: true });
  }, 60_000);
  afterAll(async () => close?.());

  const exporter = (pageSize?: number) => new ExportOutcomes({ db, clock: new ManualClock(new Date('2026-05-01T12:00:00Z')), timeZone: ZONE, ...(pageSize && { pageSize }) });

  it('one row a person: attendance, reasons, check-ins, confidence, the job and whether it lasted', async () => {
    const file = exporter().execute({ staff: priya, from: '2026-02-01', to: '2026-04-30' });
    expect(file.filename).toBe('outcomes-caseload-2026-02-01-to-2026-04-30.csv');
    const rows = await collect(file.rows);
    // Cy was added after the range: not in it.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      participant_id: ids.ann,
      external_ref: 'CRM-Ann',
      last_name: 'Zed',
      key_worker: 'Priya',
      referred_on: '2026-01-02',
      opted_out: 'no',
      appointments: 2,
      attended: 1,
      did_not_attend: 1,
      dna_reason_ill_health: 1,
      dna_reason_other: 0,
      checkin_answers: 3,
      checkin_latest_rating: 'struggling',
      checkin_struggling: 1,
      checkin_asked_for_call: 1,
      checkin_still_in_work: 1,
      pulse_coping_first: 2,
      pulse_coping_latest: 4,
      'pulse_still-in-job-12-months_first': null,
      job_starts: 0,
      job_start_date: '2026-01-05',
      employer: 'Greggs',
      hours_per_week: 30,
      job_status: 'in_work',
      job_left_on: null,
      in_work_4_weeks: 'confirmed',
      in_work_13_weeks: 'confirmed',
      in_work_26_weeks: 'not_yet',
    });
  });

  it('as of the range’s end: a shorter range counts the job start and has not reached week 13', async () => {
    const rows = await collect(exporter().execute({ staff: priya, from: '2026-01-01', to: '2026-03-31' }).rows);
    expect(rows[0]).toMatchObject({ job_starts: 1, in_work_4_weeks: 'unconfirmed', in_work_13_weeks: 'not_yet', checkin_answers: 0 });
  });

  it('an admin sees everyone, by last name, page after page; people with nothing still have their row', async () => {
    const rows = await collect(exporter(1).execute({ staff: admin, from: '2026-02-01', to: '2026-04-30' }).rows);
    expect(rows.map((r) => [r.last_name, r.appointments, r.job_status])).toEqual([
      ['Able', 0, null],
      ['Zed', 2, 'in_work'],
    ]);
  });
});
