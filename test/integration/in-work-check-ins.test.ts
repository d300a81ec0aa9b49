import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCalendarDate } from '../../domain/time/calendar-date.js';
import { checkInJobId } from '../../domain/job-keys.js';
import { eventually, TestApp } from '../test-app.js';

// No quiet hours, so the check-ins fire whenever the test runs; week 13 is a sustainment week by default.
const POLICY = { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3, checkInWeeks: [1, 2, 13] };

interface Job {
  id: string;
  status: string;
  lastConfirmedInWorkAt: string | null;
  checkIns: Array<{ week: number; status: string; sendAt: string | null; asksStillInWork: boolean }>;
}
interface Alert {
  type: string;
  participantId: string;
  data: Record<string, unknown>;
}

describe('in-work check-ins from a job start', () => {
  let app: TestApp;
  let keyWorker: { id: string; token: string };
  let adviser: { id: string; token: string };

  beforeAll(async () => {
    app = await TestApp.start();
    keyWorker = await app.createStaff('key_worker', 'Priya', 'Leeds');
    adviser = await app.createStaff('in_work_team', 'Jo', 'Leeds');
    expect((await app.api('PUT', '/api/reminder-policy', POLICY, keyWorker.token)).status).toBe(200);
  });
  afterAll(async () => app?.close());

  const sentTo = (phone: string) => app.twilio.accepted.filter((m) => m.form.To === phone).map((m) => String(m.form.Body));
  const nextMessageTo = async (phone: string, count: number) =>
    (await eventually(async () => sentTo(phone).length >= count && sentTo(phone), 10_000, `message ${count} to ${phone}`))[count - 1] as string;
  const alerts = async (participantId: string) =>
    (await app.api<Alert[]>('GET', `/api/alerts?participantId=${participantId}`, undefined, adviser.token)).body;
  const checkInRows = (participantId: string) =>
    app.db.selectFrom('check_ins').selectAll().where('participant_id', '=', participantId).orderBy('week').execute();

  /** Time passes: the week's check-in job, waiting weeks ahead in Redis, is due now. */
  const makeDue = async (participantId: string, week: number) => {
    const row = (await checkInRows(participantId)).find((c) => c.week === week);
    if (!row) throw new Error(`no week ${week} check-in`);
    await app.db.updateTable('check_ins').set({ send_at: new Date() }).where('id', '=', row.id).execute();
    const job = await app.workers!.queues.checkIn.getJob(checkInJobId(row.id));
    await job?.promote();
    return row;
  };

  const startJob = async (participantId: string, extra: Record<string, unknown> = {}) => {
    const result = await app.api<Job>(
      'POST',
      `/api/participants/${participantId}/job-start`,
      { startDate: localCalendarDate(new Date(), 'Europe/London'), employer: 'Greggs', hoursPerWeek: 30, inWorkAdviserId: adviser.id, ...extra },
      keyWorker.token,
    );
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    return result.body;
  };

  it('schedules check-ins from the start date; the first introduces the adviser; struggling and a call raise at_risk', async () => {
    const sam = await app.createParticipant('07700 900701', keyWorker.token);
    const job = await startJob(sam.id);
    expect(job.checkIns.map((c) => [c.week, c.status, c.asksStillInWork])).toEqual([
      [1, 'scheduled', false],
      [2, 'scheduled', false],
      [13, 'scheduled', true],
    ]);
    // The in-work team now sees them.
    const caseload = await app.api<Array<{ id: string }>>('GET', '/api/participants', undefined, adviser.token);
    expect(caseload.body.map((p) => p.id)).toContain(sam.id);

    await makeDue(sam.id, 1);
    const first = await nextMessageTo('+447700900701', 1);
    expect(first).toMatch(/Jo is your in-work adviser/);
    expect(first).toMatch(/Reply 1 good, 2 okay, 3 struggling/);

    await app.inbound('+447700900701', '3');
    const offer = await nextMessageTo('+447700900701', 2);
    expect(offer).toMatch(/Would you like Jo to call you\?/);
    await app.inbound('+447700900701', 'yes please');
    expect(await nextMessageTo('+447700900701', 3)).toMatch(/asked Jo to call you/);

    const record = await eventually(async () => {
      const events = await app.record(sam.id);
      return events.filter((e) => e.type === 'checkin.response').length === 2 && events;
    });
    const responses = record.filter((e) => e.type === 'checkin.response').map((e) => e.data);
    expect(responses[0]).toMatchObject({ question: 'how', rating: 'struggling', byNumber: true, week: 1 });
    expect(responses[1]).toMatchObject({ question: 'call', answer: 'yes' });
    const atRisk = (await alerts(sam.id)).filter((a) => a.type === 'at_risk').map((a) => a.data.reason);
    expect(atRisk.sort()).toEqual(['asked_for_call', 'struggling']);

    // Week 2 is from Jo, who has been introduced already.
    await makeDue(sam.id, 2);
    const second = await nextMessageTo('+447700900701', 4);
    expect(second).not.toMatch(/is your in-work adviser/);
    expect(second).toMatch(/on behalf of Jo/);
  });

  it('a sustainment week asks "still in work?"; yes is sustainment evidence; "I lost my job" stops the schedule', async () => {
    const kit = await app.createParticipant('07700 900702', keyWorker.token);
    await startJob(kit.id);
    await makeDue(kit.id, 13);
    expect(await nextMessageTo('+447700900702', 1)).toMatch(/Are you still in work\? Reply YES or NO/);
    await app.inbound('+447700900702', 'yes');
    expect(await nextMessageTo('+447700900702', 2)).toMatch(/How is it going\?/);
    const confirmed = await eventually(async () => {
      const detail = await app.api<{ job: Job }>('GET', `/api/participants/${kit.id}`, undefined, adviser.token);
      return detail.body.job.lastConfirmedInWorkAt !== null && detail.body.job;
    });
    expect(confirmed.status).toBe('active');
    const sustainment = (await app.record(kit.id)).find((e) => e.type === 'checkin.response');
    expect(sustainment?.data).toMatchObject({ question: 'still_in_work', answer: 'yes', sustainment: true });

    await app.inbound('+447700900702', 'actually I lost my job last week');
    expect(await nextMessageTo('+447700900702', 3)).toMatch(/Thanks for letting us know.*Jo will be in touch/);
    const left = await eventually(async () => (await alerts(kit.id)).find((a) => a.type === 'left_job'));
    expect(left.data).toMatchObject({ employer: 'Greggs', words: 'actually I lost my job last week' });
    const detail = await app.api<{ job: Job }>('GET', `/api/participants/${kit.id}`, undefined, adviser.token);
    expect(detail.body.job.status).toBe('left');
    expect(detail.body.job.checkIns.filter((c) => c.status === 'scheduled')).toEqual([]);
    expect((await app.record(kit.id)).map((e) => e.type)).toContain('job.left');

    // A check-in job still waiting in Redis does nothing now.
    const week1 = await makeDue(kit.id, 1);
    await eventually(async () => (await checkInRows(kit.id)).find((c) => c.id === week1.id)?.status === 'cancelled');
    expect(sentTo('+447700900702')).toHaveLength(3);
  });

  it('a check-in does not interrupt a reminder conversation: it waits, and "yes" confirms the appointment', async () => {
    const lee = await app.createParticipant('07700 900703', keyWorker.token);
    await startJob(lee.id);
    // A reminder goes now (its offset is already past, so it collapses into one now).
    const booked = await app.api<{ id: string }>(
      'POST',
      `/api/participants/${lee.id}/appointments`,
      { startsAt: new Date(Date.now() + 3 * 3600_000).toISOString(), title: 'Review', mandatory: false, reminderOffsets: ['P1D'] },
      keyWorker.token,
    );
    expect(booked.status).toBe(201);
    expect(await nextMessageTo('+447700900703', 1)).toMatch(/Reminder/);

    const week1 = await makeDue(lee.id, 1);
    const waiting = await eventually(async () => {
      const row = (await checkInRows(lee.id)).find((c) => c.id === week1.id);
      return row?.reason === 'in_conversation' && row;
    });
    expect(waiting.status).toBe('scheduled');
    expect(waiting.send_at!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);

    await app.inbound('+447700900703', 'yes');
    await eventually(async () => (await app.record(lee.id)).some((e) => e.type === 'appointment.confirmed'), 10_000, 'the confirmation');
    expect((await app.record(lee.id)).some((e) => e.type === 'checkin.response')).toBe(false);
    expect(sentTo('+447700900703').every((text) => !/How is the job going/.test(text))).toBe(true);
  });

  it('the subject access export has the job, its check-ins and the answers; erasure removes the employer and stops the schedule', async () => {
    const mo = await app.createParticipant('07700 900705', keyWorker.token);
    await startJob(mo.id);
    await makeDue(mo.id, 1);
    await nextMessageTo('+447700900705', 1);
    await app.inbound('+447700900705', '1');
    await nextMessageTo('+447700900705', 2);
    const exported = await app.api<{ jobs: Array<{ employer: string; checkIns: unknown[] }>; checkInsAndPulses: Array<{ kind: string; answers: Record<string, unknown> }> }>(
      'GET',
      `/api/participants/${mo.id}/export`,
      undefined,
      keyWorker.token,
    );
    expect(exported.body.jobs).toEqual([expect.objectContaining({ employer: 'Greggs', checkIns: expect.any(Array) })]);
    expect(exported.body.checkInsAndPulses).toEqual([expect.objectContaining({ kind: 'check_in', answers: { rating: 'good' } })]);

    expect((await app.api('DELETE', `/api/participants/${mo.id}`, undefined, keyWorker.token)).status).toBe(204);
    const job = await app.db.selectFrom('job_starts').selectAll().where('participant_id', '=', mo.id).executeTakeFirstOrThrow();
    expect(job.employer).toBeNull();
    expect((await checkInRows(mo.id)).filter((c) => c.status === 'scheduled')).toEqual([]);
    const sessions = await app.db.selectFrom('question_sessions').selectAll().where('participant_id', '=', mo.id).execute();
    expect(sessions.map((q) => [q.status, q.answers])).toEqual([['stopped', {}]]);
  });

  it('bad job starts are refused with 400, and other caseloads with 404', async () => {
    const ali = await app.createParticipant('07700 900704', keyWorker.token);
    const post = (body: unknown, token = keyWorker.token, id = ali.id) => app.api('POST', `/api/participants/${id}/job-start`, body, token);
    expect((await post({ startDate: '2026-02-31' })).status).toBe(400);
    expect((await post({ startDate: 'tomorrow' })).status).toBe(400);
    expect((await post({ startDate: '2026-03-02', hoursPerWeek: -3 })).status).toBe(400);
    expect((await post({ startDate: '2026-03-02', inWorkAdviserId: keyWorker.id })).status).toBe(400);
    const other = await app.createStaff('key_worker', 'Other', 'Leeds');
    expect((await post({ startDate: '2026-03-02' }, other.token)).status).toBe(404);
    expect(await app.db.selectFrom('job_starts').select('id').where('participant_id', '=', ali.id).execute()).toEqual([]);
  });
});
