import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCalendarDate } from '../../domain/time/calendar-date.js';
import { eventually, ManualClock, TestApp } from '../test-app.js';

const DAY = 86_400_000;
const RETENTION_DAYS = 365;
const POLICY = { defaultOffsets: ['P2D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 };

interface Row {
  table: 'alerts' | 'case_record_events';
  id: string;
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

/**
 * Retention through the workers' own sweep on PostgreSQL: a year on (the clock moved), the participant's words are
 * gone from every alert and event of that time (safeguarding flags and reasons, free text, wrong-number replies,
 * reminder replies and reasons, DNA reasons, rearrange preferences, leaving a job, check-in and pulse answers), while what happened stays, and
 * newer alerts and events are untouched.
 */
describe('retention clears the participant\u2019s words from alerts and events', () => {
  const t0 = new Date();
  const clock = new ManualClock(t0);
  let app: TestApp;
  let keyWorker: { id: string; token: string };

  beforeAll(async () => {
    app = await TestApp.start({ clock, env: { RETENTION_MESSAGE_DAYS: String(RETENTION_DAYS) } });
    keyWorker = await app.createStaff('key_worker', 'Priya', 'Leeds');
    expect((await app.api('PUT', '/api/reminder-policy', POLICY, keyWorker.token)).status).toBe(200);
  });
  afterAll(async () => app?.close());

  const person = (phone: string) => app.createParticipant(phone, keyWorker.token);
  const book = async (participantId: string) => {
    const startsAt = new Date(clock.now().getTime() + 2 * DAY).toISOString();
    const result = await app.api<{ id: string }>('POST', `/api/participants/${participantId}/appointments`, { startsAt, title: 'Review', mandatory: false, reminderOffsets: ['PT2H'] }, keyWorker.token);
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    return result.body.id;
  };
  const sentTo = (phone: string) => app.twilio.accepted.filter((m) => m.form.To === phone).length;
  // Settled: every text's turn run, its events written back, and its replies sent. A reply still `queued` or
  // `sending` writes its message.outbound event (at the clock's time then) once Twilio answers, after `before` is read.
  const settled = async () => {
    const waiting = await app.db.selectFrom('messages').select('id').where('direction', '=', 'inbound').where('status', '=', 'received').execute();
    const unapplied = await app.db.selectFrom('pending_writebacks').select('id').where('applied_at', 'is', null).execute();
    const unsent = await app.db.selectFrom('messages').select('id').where('direction', '=', 'outbound').where('status', 'in', ['queued', 'sending']).execute();
    return waiting.length === 0 && unapplied.length === 0 && unsent.length === 0;
  };
  const rows = async (participantIds: string[]): Promise<Row[]> => {
    const alerts = await app.db.selectFrom('alerts').select(['id', 'type', 'created_at as at', 'data']).where('participant_id', 'in', participantIds).execute();
    const events = await app.db.selectFrom('case_record_events').select(['id', 'type', 'at', 'data']).where('participant_id', 'in', participantIds).execute();
    return [
      ...alerts.map((r) => ({ table: 'alerts' as const, id: r.id, type: r.type, at: r.at, data: r.data as Record<string, unknown> })),
      ...events.map((r) => ({ table: 'case_record_events' as const, id: r.id, type: r.type, at: r.at, data: r.data as Record<string, unknown> })),
    ];
  };
  const json = (row: Row) => JSON.stringify(row.data).toLowerCase();

  it('a year on, the sweep leaves none of their words in old alerts and events, keeps what happened, and leaves newer ones alone', async () => {
    // Then: one person for each way words reach an alert or an event.
    const old: Record<string, string> = {};
    const crisis = await person('07700 900601');
    await app.inbound('+447700900601', (old.crisis = 'I want to kill myself tonight, honestly'));
    const freeText = await person('07700 900602');
    await app.inbound('+447700900602', (old.freeText = 'Please tell Priya the heron statue bus stop has moved'));
    const stranger = await person('07700 900603');
    await app.inbound('+447700900603', (old.wrongNumber = "wrong number, I don't know who Sam is"));
    const cancels = await person('07700 900604');
    await book(cancels.id);
    await app.inbound('+447700900604', (old.cancel = "can't make it"));
    await eventually(async () => sentTo('+447700900604') >= 1, 15_000, 'the question why');
    await app.inbound('+447700900604', (old.cancelReason = 'my car broke down on the ring road'));
    const missed = await person('07700 900605');
    const dnaAppointment = await book(missed.id);
    expect((await app.api('POST', `/api/appointments/${dnaAppointment}/attendance`, { outcome: 'did_not_attend' }, keyWorker.token)).status).toBe(200);
    await eventually(async () => sentTo('+447700900605') >= 1, 15_000, 'the did-not-attend follow-up');
    await app.inbound('+447700900605', (old.dnaReason = 'I was ill with a migraine all morning'));
    await eventually(async () => sentTo('+447700900605') >= 2, 15_000, 'the offer to rearrange');
    await app.inbound('+447700900605', (old.preferred = 'Tuesday mornings near the library are best'));
    const leaver = await person('07700 900606');
    expect((await app.api('POST', `/api/participants/${leaver.id}/job-start`, { startDate: localCalendarDate(clock.now(), 'Europe/London'), employer: 'Acme' }, keyWorker.token)).status).toBe(201);
    await app.inbound('+447700900606', (old.leftJob = 'I left the job on Friday, the manager shouted at everyone'));
    const team = await app.createStaff('in_work_team', 'Jo', 'Leeds');
    const inWork = async (phone: string) => {
      const created = await person(phone);
      expect((await app.api('POST', `/api/participants/${created.id}/job-start`, { startDate: localCalendarDate(clock.now(), 'Europe/London') }, keyWorker.token)).status).toBe(201);
      return created;
    };
    const campaign = async (type: 'check_in' | 'pulse', participantId: string) =>
      expect((await app.api('POST', '/api/campaigns', { name: `Old ${type}`, type, participantIds: [participantId], ratePerMinute: 600 }, team.token)).status).toBe(201);
    const checkedIn = await inWork('07700 900608');
    await campaign('check_in', checkedIn.id);
    await eventually(async () => sentTo('+447700900608') >= 1, 15_000, 'the check-in');
    await app.inbound('+447700900608', (old.checkIn = 'not very well, the night shifts at the depot are hard'));
    const pulsed = await inWork('07700 900609');
    await campaign('pulse', pulsed.id);
    await eventually(async () => sentTo('+447700900609') >= 1, 15_000, 'the pulse question');
    await app.inbound('+447700900609', (old.pulse = '4, the forklift course helped'));
    const oldPeople = [crisis.id, freeText.id, stranger.id, cancels.id, missed.id, leaver.id, checkedIn.id, pulsed.id];
    await eventually(settled, 20_000, 'every old text processed, written back and answered');

    const before = await rows(oldPeople);
    const types = before.map((r) => `${r.table}/${r.type}`);
    expect(types).toEqual(
      expect.arrayContaining([
        'alerts/safeguarding',
        'alerts/message_for_key_worker',
        'alerts/wrong_number',
        'case_record_events/contact.wrong_number',
        'alerts/cancel_requested',
        'case_record_events/appointment.cancel_requested',
        'case_record_events/dna.reason',
        'alerts/rearrange_requested',
        'case_record_events/appointment.rearrange_requested',
        'alerts/left_job',
        'case_record_events/job.left',
        'case_record_events/alert.raised',
        'alerts/at_risk',
        'case_record_events/checkin.response',
        'case_record_events/pulse.response',
      ]),
    );
    // The words to look for: every text, and whatever a safeguarding rule quoted from it.
    const safeguarding = before.find((r) => r.type === 'safeguarding')!;
    const flags = safeguarding.data.flags as Array<{ category: string; rule: string; words: string }>;
    expect(flags.length).toBeGreaterThan(0);
    const keptNames = new Set(flags.flatMap((f) => [f.category, f.rule]).map((s) => s.toLowerCase()));
    const quoted = flags.map((f) => f.words.toLowerCase()).filter((w) => w.length >= 4 && ![...keptNames].some((name) => name.includes(w)));
    const words = [...Object.values(old).map((text) => text.toLowerCase()), ...quoted];
    // Beyond the message itself, each text is somewhere in an alert or event now (so the check below can fail).
    for (const [kind, text] of Object.entries(old)) {
      if (kind !== 'crisis') expect(before.some((r) => r.type !== 'message.inbound' && json(r).includes(text.toLowerCase())), text).toBe(true);
    }
    for (const w of quoted) expect(json(safeguarding)).toContain(w);

    // Half a year on: newer texts, which retention must not touch when it comes for the old ones.
    clock.set(new Date(t0.getTime() + 200 * DAY));
    const newer = await person('07700 900607');
    const newTexts = ['Could you tell Priya the otter canal walk is on Friday', 'I am going to kill myself, I cannot cope any more'];
    for (const text of newTexts) await app.inbound('+447700900607', text);
    await eventually(settled, 20_000, 'the newer texts processed, written back and answered');
    const newerBefore = await rows([newer.id]);
    expect(newerBefore.some((r) => r.type === 'message_for_key_worker' && json(r).includes(newTexts[0]!.toLowerCase()))).toBe(true);
    const newerFlags = newerBefore.find((r) => r.type === 'safeguarding')?.data.flags as Array<{ words: string }> | undefined;
    expect(newerFlags?.[0]?.words).toBeTruthy();

    // A year and a day after the old texts: the sweep's retention comes for them.
    clock.set(new Date(t0.getTime() + (RETENTION_DAYS + 1) * DAY));
    const cutoff = new Date(t0.getTime() + DAY);
    const after = await eventually(
      async () => {
        const now = (await rows(oldPeople)).filter((r) => r.at < cutoff);
        return now.every((r) => !words.some((w) => json(r).includes(w))) && now;
      },
      30_000,
      'the old words cleared by the sweep',
    );

    // What happened stays: the same rows, types and times, categories, rule names, codes and outcomes.
    expect(after.map((r) => `${r.table}/${r.id}/${r.type}`).sort()).toEqual(before.filter((r) => r.at < cutoff).map((r) => `${r.table}/${r.id}/${r.type}`).sort());
    const cleared = after.find((r) => r.id === safeguarding.id)!;
    expect(cleared.data).toMatchObject({ category: safeguarding.data.category, categories: safeguarding.data.categories });
    expect(cleared.data.flags).toEqual(flags.map(({ category, rule }) => ({ category, rule })));
    expect(cleared.data.reason).toBe([...new Set(flags.map((f) => `${f.category}: ${f.rule}`))].join('; '));
    const dna = after.find((r) => r.type === 'dna.reason')!;
    expect(dna.data).toMatchObject({ category: expect.any(String) });
    expect(dna.data).not.toHaveProperty('words');
    expect(after.find((r) => r.type === 'left_job')!.data).toMatchObject({ employer: 'Acme' });
    expect(after.find((r) => r.type === 'cancel_requested')!.data).toHaveProperty('appointmentId');

    // Newer alerts and events are exactly as they were.
    const newerAfter = await rows([newer.id]);
    for (const row of newerBefore) expect(newerAfter.find((r) => r.table === row.table && r.id === row.id)?.data, `${row.table} ${row.type}`).toEqual(row.data);
    const stillThere = await app.db
      .selectFrom('alerts')
      .select('id')
      .where('participant_id', '=', newer.id)
      .where(sql<boolean>`data::text like ${'%' + 'otter canal' + '%'}`)
      .execute();
    expect(stillThere).toHaveLength(1);
  });
});
