import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventType } from '../domain/case-record/case-record.types.js';
import { openTestEngine } from '../test/test-database.js';
import { CaseRecordRepository } from './case-record.repository.js';
import type { CaseRecordDatabase, Db } from './database.js';
import { ExperimentReportRepository } from './experiment-report.repository.js';
import { ExperimentRepository } from './experiment.repository.js';
import { ParticipantRepository } from './participant.repository.js';
import { StaffRepository } from './staff.repository.js';
import { participantRow } from '../test/participant-row.fixture.js';

const T0 = new Date('2026-03-02T10:00:00Z');
const hours = (h: number) => new Date(T0.getTime() + h * 3600_000);

describe.each([['postgres'], ['pglite']] as const)('experiment report counts on %s', (engine) => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let staffId: string;
  let nextPhone = 500;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'experiment_report'));
    db = database.db;
    staffId = (await new StaffRepository(db).create({ name: 'Priya', role: 'key_worker', team: 'Report', tokenLookup: randomUUID(), tokenHash: 'hash' })).id;
  });
  afterAll(async () => close?.());

  const participant = async () =>
    (
      await new ParticipantRepository(db).create(participantRow({ phone: `+447700900${nextPhone++}`, keyWorkerId: staffId, team: 'Report', consentAt: T0 }))
    ).id;

  const experiment = async (name: string) => {
    const outcome = await db.transaction().execute((tx) =>
      ExperimentRepository.createUnlessOverlapping(tx, { name, message: 'reminder', variants: ['personal', 'standard'], team: `team-${name}`, createdBy: staffId }),
    );
    if (!('created' in outcome)) throw new Error('experiment not created');
    return outcome.created.id;
  };

  const event = (participantId: string, type: EventType, at: Date, appointmentId: string | null, data: Record<string, string> = {}) =>
    new CaseRecordRepository(db).append({ participantId, type, at, appointmentId, data, sourceKey: randomUUID() });
  const reminded = (participantId: string, appointmentId: string, at: Date, experimentId: string, variant: string) =>
    event(participantId, 'reminder.sent', at, appointmentId, { experimentId, variant });

  it('counts reminders, appointments, the latest attendance and replies within 24 hours, per variant', async () => {
    const id = await experiment('a');
    const other = await experiment('b');
    const [ann, bob, cat, dan] = [await participant(), await participant(), await participant(), await participant()];
    await new ExperimentRepository(db).assign(id, ann, 'personal', T0);
    await new ExperimentRepository(db).assign(id, bob, 'personal', T0);
    await new ExperimentRepository(db).assign(id, cat, 'standard', T0);
    await new ExperimentRepository(db).assign(id, dan, 'standard', T0);

    // Ann: one appointment, two reminders (a day and two hours before), attended; she texts 23 hours after the first.
    const annAppt = randomUUID();
    await reminded(ann, annAppt, hours(0), id, 'personal');
    await reminded(ann, annAppt, hours(22), id, 'personal');
    await event(ann, 'message.inbound', hours(23), null);
    await event(ann, 'appointment.attended', hours(24), annAppt);
    // Bob: attended was recorded, then corrected to did not attend (the latest counts); he texts 25 hours later (too late).
    const bobAppt = randomUUID();
    await reminded(bob, bobAppt, hours(0), id, 'personal');
    await event(bob, 'message.inbound', hours(25), null);
    await event(bob, 'appointment.attended', hours(26), bobAppt);
    await event(bob, 'appointment.did_not_attend', hours(27), bobAppt);
    // Bob's second appointment: no attendance recorded yet; a text before the reminder is no response to it.
    const bobLater = randomUUID();
    await event(bob, 'message.inbound', hours(29), null);
    await reminded(bob, bobLater, hours(30), id, 'personal');
    // Cat: did not attend; replied at once.
    const catAppt = randomUUID();
    await reminded(cat, catAppt, hours(0), id, 'standard');
    await event(cat, 'message.inbound', hours(0.1), null);
    await event(cat, 'appointment.did_not_attend', hours(24), catAppt);
    // Dan: a reminder of another experiment, and one sent with no experiment: neither counts here.
    const danAppt = randomUUID();
    await reminded(dan, danAppt, hours(0), other, 'standard');
    await event(dan, 'reminder.sent', hours(1), danAppt);
    await event(dan, 'appointment.attended', hours(24), danAppt);

    expect(await new ExperimentReportRepository(db).countsByVariant(id, ['personal', 'standard'])).toEqual([
      { variant: 'personal', participants: 2, remindersSent: 4, appointments: 3, attended: 1, didNotAttend: 1, responded: 2 },
      { variant: 'standard', participants: 2, remindersSent: 1, appointments: 1, attended: 0, didNotAttend: 1, responded: 1 },
    ]);
    expect(await new ExperimentReportRepository(db).countsByVariant(other, ['personal', 'standard'])).toEqual([
      { variant: 'personal', participants: 0, remindersSent: 0, appointments: 0, attended: 0, didNotAttend: 0, responded: 0 },
      { variant: 'standard', participants: 0, remindersSent: 1, appointments: 1, attended: 1, didNotAttend: 0, responded: 0 },
    ]);
  });

  it('reports every variant, with zeros, before anything has been sent', async () => {
    const id = await experiment('c');
    expect(await new ExperimentReportRepository(db).countsByVariant(id, ['standard', 'personal'])).toEqual([
      { variant: 'standard', participants: 0, remindersSent: 0, appointments: 0, attended: 0, didNotAttend: 0, responded: 0 },
      { variant: 'personal', participants: 0, remindersSent: 0, appointments: 0, attended: 0, didNotAttend: 0, responded: 0 },
    ]);
  });
});
