import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../domain/campaigns/experiment-stats.js';
import { reminderMessage } from '../../domain/wording/reminder-wording.js';
import { eventually, TestApp } from '../test-app.js';

/**
 * Wording experiments end to end on real PostgreSQL and Redis: reminders fired by the workers, assignments drawn
 * with node:crypto, attendance recorded through the API, replies through the signed Twilio webhook, and the report
 * read back from GET /api/experiments/:id.
 */
const TEAM = 'Trial';
const POLICY = { defaultOffsets: ['P1D'], quietHours: null, skipBankHolidays: false, dnaAlertThreshold: 3 };
const PEOPLE = 60;
/** Numbers of this file (Ofcom drama range): the trial's people from 900100, others from 900300. */
const trialPhone = (i: number) => `+447700900${100 + i}`;

interface Rate {
  value: number | null;
  low: number | null;
  high: number | null;
}
interface VariantReport {
  variant: string;
  participants: number;
  remindersSent: number;
  appointments: number;
  attended: number;
  didNotAttend: number;
  attendanceRate: Rate;
  responded: number;
  responseRate: Rate;
}
interface Experiment {
  id: string;
  name: string;
  message: string;
  status: string;
  team: string | null;
  variants: VariantReport[];
  comparison?: { measure: string; between: [string, string]; difference: number; low: number; high: number };
}
interface Booked {
  id: string;
  startsAt: string;
}
interface Person {
  id: string;
  phone: string;
  appointment: Booked;
}

describe('wording experiments', () => {
  let app: TestApp;
  let priya: { id: string; token: string };
  let experiment: Experiment;
  const people: Person[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    priya = await app.createStaff('key_worker', 'Priya', TEAM);
    expect((await app.api('PUT', '/api/reminder-policy', POLICY, priya.token)).status).toBe(200);
  });
  afterAll(async () => app?.close());

  const create = (body: unknown, token = priya.token) => app.api<Experiment>('POST', '/api/experiments', body, token);
  const report = async (id: string, token = priya.token) => {
    const result = await app.api<Experiment>('GET', `/api/experiments/${id}`, undefined, token);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    return result.body;
  };
  /** An appointment 3 hours ahead with a day-before reminder: the past offset collapses into one reminder now. */
  const book = async (participantId: string, token = priya.token) => {
    const startsAt = new Date(Date.now() + 3 * 3600_000).toISOString();
    const result = await app.api<Booked>(
      'POST',
      `/api/participants/${participantId}/appointments`,
      { startsAt, title: 'Job search review', location: 'Leeds Jobcentre', mandatory: false, reminderOffsets: ['P1D'] },
      token,
    );
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    return result.body;
  };
  const remindersSent = (participantId?: string) => {
    let query = app.db.selectFrom('case_record_events').select(['participant_id', 'appointment_id', 'data', 'id']).where('type', '=', 'reminder.sent');
    if (participantId) query = query.where('participant_id', '=', participantId);
    return query.orderBy('id').execute();
  };
  const reminderBodies = async (participantId: string) =>
    (
      await app.db
        .selectFrom('messages')
        .select('body')
        .where('participant_id', '=', participantId)
        .where('kind', '=', 'reminder')
        .orderBy('seq')
        .execute()
    ).map((m) => String(m.body));
  const variantOf = async (participantId: string) =>
    (
      await app.db
        .selectFrom('experiment_assignments')
        .select('variant')
        .where('experiment_id', '=', experiment.id)
        .where('participant_id', '=', participantId)
        .executeTakeFirst()
    )?.variant;
  /** The wording the bot should have used (the context as the reminder worker builds it for Robin of Priya's). */
  const expectedText = (appointment: Booked, variant: 'personal' | 'standard') =>
    reminderMessage(
      { firstName: 'Robin', keyWorkerName: 'Priya', programmeName: app.config.PROGRAMME_NAME, timeZone: 'Europe/London', language: 'en' },
      { title: 'Job search review', location: 'Leeds Jobcentre', startsAt: new Date(appointment.startsAt), mandatory: false },
      variant,
    );

  it('refuses an unknown message, an unknown variant, one variant or the same twice (400), and roles that do not send reminders (403)', async () => {
    const refusals = [
      { name: 'x', message: 'check_in', variants: ['personal', 'standard'] },
      { name: 'x', message: 'reminder', variants: ['personal', 'shouty'] },
      { name: 'x', message: 'reminder', variants: ['personal'] },
      { name: 'x', message: 'reminder', variants: ['personal', 'personal'] },
      { name: '', message: 'reminder', variants: ['personal', 'standard'] },
      { message: 'reminder', variants: ['personal', 'standard'] },
    ];
    for (const body of refusals) {
      const result = await create(body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body).toMatchObject({ error: { code: 'validation_failed' } });
    }
    const adviser = await app.createStaff('in_work_team', 'Jo', TEAM);
    expect((await create({ name: 'x', message: 'reminder', variants: ['personal', 'standard'] }, adviser.token)).status).toBe(403);
    // A key worker in no team has no team to run an experiment for (an experiment for everyone is an admin's).
    const teamless = await app.api<{ token: string }>('POST', '/api/staff', { name: 'Lone', role: 'key_worker' });
    expect(teamless.status).toBe(201);
    expect((await create({ name: 'x', message: 'reminder', variants: ['personal', 'standard'] }, teamless.body.token)).status).toBe(403);
    expect((await app.api('GET', '/api/experiments', undefined, teamless.body.token)).body).toEqual([]);
    expect(await app.db.selectFrom('experiments').selectAll().execute()).toEqual([]);
  });

  it('starts one active experiment per team: a second is 409, an admin one for everyone is 409, another team cannot see it', async () => {
    const created = await create({ name: 'Personal or standard reminder', message: 'reminder', variants: ['personal', 'standard'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    experiment = created.body;
    expect(experiment).toMatchObject({ message: 'reminder', status: 'active', team: TEAM });
    expect(experiment.variants.map((v) => [v.variant, v.participants, v.remindersSent, v.attendanceRate.value])).toEqual([
      ['personal', 0, 0, null],
      ['standard', 0, 0, null],
    ]);
    expect(experiment.comparison).toBeUndefined();

    const again = await create({ name: 'Again', message: 'reminder', variants: ['standard', 'personal'] });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'conflict', details: { experimentId: experiment.id } } });
    expect((await app.api('POST', '/api/experiments', { name: 'Everyone', message: 'reminder', variants: ['personal', 'standard'] })).status).toBe(409);

    const outsider = await app.createStaff('key_worker', 'Morgan', 'Elsewhere');
    expect((await app.api('GET', `/api/experiments/${experiment.id}`, undefined, outsider.token)).status).toBe(404);
    expect((await app.api('POST', `/api/experiments/${experiment.id}/stop`, undefined, outsider.token)).status).toBe(404);
    expect((await app.api<Experiment[]>('GET', '/api/experiments', undefined, outsider.token)).body).toEqual([]);
    expect((await app.api<Experiment[]>('GET', '/api/experiments', undefined, priya.token)).body.map((e) => e.id)).toEqual([experiment.id]);
    expect((await app.api('GET', '/api/experiments/not-a-uuid', undefined, priya.token)).status).toBe(404);
    // The admin sees every experiment.
    expect((await app.api<Experiment>('GET', `/api/experiments/${experiment.id}`)).body.id).toBe(experiment.id);

    // Someone in another team, under no experiment: the usual wording, and nothing about experiments on the record.
    expect((await app.api('PUT', '/api/reminder-policy', POLICY, outsider.token)).status).toBe(200);
    const other = await app.createParticipant('+447700900300', outsider.token, { firstName: 'Robin' });
    await book(other.id, outsider.token);
    const [sent] = await eventually(async () => {
      const events = await remindersSent(other.id);
      return events.length > 0 && events;
    }, 15_000, "the other team's reminder");
    expect(sent?.data).not.toHaveProperty('experimentId');
    expect(sent?.data).not.toHaveProperty('variant');
    expect((await reminderBodies(other.id))[0]).toContain('Hi Robin');
    expect(await app.db.selectFrom('experiment_assignments').selectAll().where('participant_id', '=', other.id).execute()).toEqual([]);
  });

  it(`splits ${PEOPLE} people about evenly at random, and words each reminder by the person's variant`, async () => {
    for (let i = 0; i < PEOPLE; i++) {
      const person = await app.createParticipant(trialPhone(i), priya.token, { firstName: 'Robin' });
      people.push({ ...person, appointment: await book(person.id) });
    }
    const trialIds = new Set(people.map((p) => p.id));
    const sent = await eventually(async () => {
      const events = (await remindersSent()).filter((e) => trialIds.has(e.participant_id));
      return events.length === PEOPLE && events;
    }, 60_000, `${PEOPLE} reminders`);

    const assignments = await app.db.selectFrom('experiment_assignments').selectAll().where('experiment_id', '=', experiment.id).execute();
    expect(assignments).toHaveLength(PEOPLE);
    const personal = assignments.filter((a) => a.variant === 'personal').length;
    // A fair coin lands outside 15..45 of 60 with probability 1.2e-5 (two-sided binomial tail).
    expect(personal).toBeGreaterThanOrEqual(15);
    expect(personal).toBeLessThanOrEqual(45);
    expect(assignments.filter((a) => a.variant === 'standard')).toHaveLength(PEOPLE - personal);

    for (const person of people) {
      const variant = await variantOf(person.id);
      const event = sent.find((e) => e.participant_id === person.id);
      expect(event?.data).toMatchObject({ experimentId: experiment.id, variant });
      const [body] = await reminderBodies(person.id);
      expect(variant === 'personal' || variant === 'standard').toBe(true);
      expect(body).toBe(expectedText(person.appointment, variant as 'personal' | 'standard'));
      if (variant === 'personal') {
        expect(body).toContain('Hi Robin');
        expect(body).toContain('Priya');
      } else {
        expect(body).not.toContain('Robin');
        expect(body).not.toContain('Priya');
        expect(body).toContain(app.config.PROGRAMME_NAME);
      }
    }
  });

  it('keeps each person to their variant: a second reminder is worded the same way and says the same variant', async () => {
    const again = people.filter((_, i) => i % 5 === 0);
    const secondAppointments: Booked[] = [];
    for (const person of again) secondAppointments.push(await book(person.id));
    const seconds = await eventually(async () => {
      const events = await Promise.all(again.map((p) => remindersSent(p.id)));
      return events.every((e) => e.length === 2) && events.map((e) => e[1]);
    }, 30_000, 'the second reminders');
    for (const [index, person] of again.entries()) {
      const variant = await variantOf(person.id);
      expect(seconds[index]?.data).toMatchObject({ experimentId: experiment.id, variant });
      const bodies = await reminderBodies(person.id);
      expect(bodies).toHaveLength(2);
      const appointment = secondAppointments[index];
      if (!appointment) throw new Error('no second appointment');
      expect(bodies[1]).toBe(expectedText(appointment, variant as 'personal' | 'standard'));
      expect(bodies[1]?.includes('Robin')).toBe(variant === 'personal');
    }
    const assignments = await app.db.selectFrom('experiment_assignments').select(['participant_id']).where('experiment_id', '=', experiment.id).execute();
    expect(assignments).toHaveLength(PEOPLE);
  });

  it('reports exactly the attendance recorded and the replies sent, per variant, with intervals around each rate', async () => {
    // Every third person attended, the next did not, the third has nothing recorded yet.
    const outcomes = new Map<string, 'attended' | 'did_not_attend'>();
    for (const [i, person] of people.entries()) {
      const outcome = i % 3 === 0 ? 'attended' : i % 3 === 1 ? 'did_not_attend' : undefined;
      if (!outcome) continue;
      const recorded = await app.api('POST', `/api/appointments/${person.appointment.id}/attendance`, { outcome }, priya.token);
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
      outcomes.set(person.id, outcome);
    }
    // Every fourth person texts back.
    const texting = people.filter((_, i) => i % 4 === 0);
    for (const person of texting) await app.inbound(person.phone, 'Thanks, see you then');
    await eventually(async () => {
      const inbound = await app.db.selectFrom('case_record_events').select('id').where('type', '=', 'message.inbound').execute();
      return inbound.length === texting.length;
    }, 15_000, 'the replies on the record');

    const result = await report(experiment.id);
    expect(result.variants.map((v) => v.variant)).toEqual(['personal', 'standard']);
    const textingIds = new Set(texting.map((p) => p.id));
    for (const variant of ['personal', 'standard'] as const) {
      const members: Person[] = [];
      for (const person of people) if ((await variantOf(person.id)) === variant) members.push(person);
      const reminders = (await Promise.all(members.map((p) => remindersSent(p.id)))).map((events) => events.length);
      const attended = members.filter((p) => outcomes.get(p.id) === 'attended').length;
      const didNotAttend = members.filter((p) => outcomes.get(p.id) === 'did_not_attend').length;
      const responded = members.reduce((sum, p, i) => sum + (textingIds.has(p.id) ? (reminders[i] ?? 0) : 0), 0);
      const remindersTotal = reminders.reduce((a, b) => a + b, 0);

      const row = result.variants.find((v) => v.variant === variant);
      expect(row).toMatchObject({ participants: members.length, remindersSent: remindersTotal, appointments: remindersTotal, attended, didNotAttend, responded });
      expect(row?.attendanceRate).toEqual(wilsonInterval(attended, attended + didNotAttend));
      expect(row?.responseRate).toEqual(wilsonInterval(responded, remindersTotal));
      for (const rate of [row?.attendanceRate, row?.responseRate]) {
        expect(rate?.low).toBeLessThanOrEqual(rate?.value ?? -1);
        expect(rate?.high).toBeGreaterThanOrEqual(rate?.value ?? 2);
        expect(rate?.low).toBeGreaterThanOrEqual(0);
        expect(rate?.high).toBeLessThanOrEqual(1);
      }
    }
    const [first, second] = result.variants;
    expect(result.comparison?.measure).toBe('attendanceRate');
    expect(result.comparison?.between).toEqual(['personal', 'standard']);
    expect(result.comparison?.difference).toBeCloseTo((first?.attendanceRate.value ?? 0) - (second?.attendanceRate.value ?? 0), 12);
    expect(result.comparison?.low).toBeLessThanOrEqual(result.comparison?.difference ?? -2);
    expect(result.comparison?.high).toBeGreaterThanOrEqual(result.comparison?.difference ?? 2);
    // The list answers the same report.
    const listed = (await app.api<Experiment[]>('GET', '/api/experiments', undefined, priya.token)).body;
    expect(listed).toEqual([result]);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths['/api/experiments'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/experiments/{id}'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/experiments/{id}/stop'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/experiments']?.post?.responses ?? {}).sort()).toEqual(expect.arrayContaining(['201', '400', '403', '409']));
    expect(JSON.stringify(doc.paths['/api/experiments/{id}']?.get)).toContain('attendanceRate');
  });

  it('stops: later reminders use the usual wording and carry no experiment, the results stay, and a new one may start', async () => {
    const stopped = await app.api<Experiment>('POST', `/api/experiments/${experiment.id}/stop`, undefined, priya.token);
    expect(stopped.status).toBe(200);
    expect(stopped.body.status).toBe('stopped');
    expect((await app.api('POST', `/api/experiments/${experiment.id}/stop`, undefined, priya.token)).status).toBe(409);

    // Someone who had the standard wording, with one reminder so far.
    let standard: Person | undefined;
    for (const [i, person] of people.entries()) if (i % 5 !== 0 && (await variantOf(person.id)) === 'standard') standard = person;
    if (!standard) throw new Error('nobody had the standard wording');
    const appointment = await book(standard.id);
    const events = await eventually(async () => {
      const sent = await remindersSent(standard.id);
      return sent.length === 2 && sent;
    }, 15_000, 'the reminder after the stop');
    expect(events[1]?.data).not.toHaveProperty('experimentId');
    expect((await reminderBodies(standard.id))[1]).toBe(expectedText(appointment, 'personal'));

    const after = await report(experiment.id);
    expect(after.variants.map((v) => [v.remindersSent, v.attended, v.didNotAttend])).toEqual(stopped.body.variants.map((v) => [v.remindersSent, v.attended, v.didNotAttend]));
    const next = await create({ name: 'Round two', message: 'reminder', variants: ['standard', 'personal'] });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
  });
});
