import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../test/test-database.js';
import type { CaseRecordDatabase, Db } from './database.js';
import { ExperimentRepository, type NewExperiment } from './experiment.repository.js';
import { ParticipantRepository } from './participant.repository.js';
import { StaffRepository } from './staff.repository.js';
import { participantRow } from '../test/participant-row.fixture.js';

const AT = new Date('2026-03-02T10:00:00Z');

describe.each([['postgres'], ['pglite']] as const)('experiments on %s', (engine) => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let staffId: string;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'experiments'));
    db = database.db;
    staffId = (await new StaffRepository(db).create({ name: 'Ada', role: 'admin', team: null, tokenLookup: randomUUID(), tokenHash: 'hash' })).id;
  });
  afterAll(async () => close?.());

  const create = (team: string | null, message: NewExperiment['message'] = 'reminder') =>
    db.transaction().execute((tx) =>
      ExperimentRepository.createUnlessOverlapping(tx, { name: `for ${team ?? 'everyone'}`, message, variants: ['personal', 'standard'], team, createdBy: staffId }),
    );
  const created = async (team: string | null) => {
    const outcome = await create(team);
    if (!('created' in outcome)) throw new Error(`expected a new experiment for ${team}, not a conflict`);
    return outcome.created;
  };

  it('allows one active experiment per message and team, and none overlapping an everyone-experiment', async () => {
    const east = await created('East');
    expect(east).toMatchObject({ status: 'active', team: 'East', variants: ['personal', 'standard'], stopped_at: null });
    expect(await create('East')).toEqual({ conflict: expect.objectContaining({ id: east.id }) });
    // Another team is free; everyone would overlap East.
    const west = await created('West');
    expect(await create(null)).toEqual({ conflict: expect.objectContaining({ id: east.id }) });

    const repository = new ExperimentRepository(db);
    expect(await repository.stop(east.id, AT)).toMatchObject({ status: 'stopped', stopped_at: AT });
    expect(await repository.stop(east.id, AT)).toBeUndefined();
    await repository.stop(west.id, AT);
    const everyone = await created(null);
    expect(await create('North')).toEqual({ conflict: expect.objectContaining({ id: everyone.id }) });
    await repository.stop(everyone.id, AT);
    // A stopped experiment is history: the team may start another.
    expect(await create('East')).toHaveProperty('created');
  });

  it('two creations at the same moment give one experiment and one conflict', async () => {
    const outcomes = await Promise.all([create('Race'), create('Race')]);
    expect(outcomes.filter((o) => 'created' in o)).toHaveLength(1);
    expect(outcomes.filter((o) => 'conflict' in o)).toHaveLength(1);
  });

  it('finds and lists by team; admins see all', async () => {
    const south = await created('South');
    const repository = new ExperimentRepository(db);
    expect(await repository.find(south.id, { kind: 'team', team: 'South' })).toMatchObject({ id: south.id });
    expect(await repository.find(south.id, { kind: 'team', team: 'East' })).toBeUndefined();
    expect(await repository.find(south.id, { kind: 'all' })).toMatchObject({ id: south.id });
    expect((await repository.list({ kind: 'team', team: 'South' })).map((e) => e.id)).toEqual([south.id]);
    expect((await repository.list({ kind: 'all' })).map((e) => e.id)).toContain(south.id);
  });

  it('finds the active experiment covering a team, and keeps the first variant a person was given', async () => {
    const lab = await created('Lab');
    const repository = new ExperimentRepository(db);
    expect(await repository.activeCovering('reminder', 'Lab')).toMatchObject({ id: lab.id });
    expect(await repository.activeCovering('reminder', 'Nowhere')).toBeUndefined();
    expect(await repository.activeCovering('reminder', null)).toBeUndefined();

    const person = await new ParticipantRepository(db).create(participantRow({ phone: '+447700900950', team: 'Lab', consentAt: AT }));
    expect(await repository.assign(lab.id, person.id, 'standard', AT)).toBe('standard');
    expect(await repository.assign(lab.id, person.id, 'personal', new Date(AT.getTime() + 1000))).toBe('standard');
    const rows = await db.selectFrom('experiment_assignments').selectAll().where('experiment_id', '=', lab.id).execute();
    expect(rows).toEqual([{ experiment_id: lab.id, participant_id: person.id, variant: 'standard', assigned_at: AT }]);
  });
});
