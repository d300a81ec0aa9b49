import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/database.js';
import { ExperimentRepository } from '../../store/experiment.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { openTestEngine } from '../../test/test-database.js';
import { experimentVariantFor } from './experiment-assignment.js';
import { participantRow } from '../../test/participant-row.fixture.js';

const AT = new Date('2026-03-02T10:00:00Z');

describe('experimentVariantFor (PGlite)', () => {
  let db: Db;
  let close: (() => Promise<void>) | undefined;
  let staffId: string;
  let nextPhone = 960;

  beforeAll(async () => {
    const opened = await openTestEngine('pglite', 'experiment_assignment');
    db = opened.database.db;
    close = opened.close;
    staffId = (await new StaffRepository(db).create({ name: 'Priya', role: 'key_worker', team: 'Trial', tokenLookup: randomUUID(), tokenHash: 'hash' })).id;
  });
  afterAll(async () => close?.());

  const person = (team: string | null) =>
    new ParticipantRepository(db).create(participantRow({ phone: `+447700900${nextPhone++}`, keyWorkerId: staffId, team, consentAt: AT }));
  const start = async (team: string | null, variants: string[] = ['personal', 'standard']) => {
    const outcome = await db.transaction().execute((tx) =>
      ExperimentRepository.createUnlessOverlapping(tx, { name: 'wording', message: 'reminder', variants, team, createdBy: staffId }),
    );
    if (!('created' in outcome)) throw new Error('conflict');
    return outcome.created;
  };
  const always = (index: number) => () => index;

  it('gives nothing when no active experiment covers the person', async () => {
    const sam = await person('Trial');
    expect(await experimentVariantFor(db, 'reminder', sam, AT, always(0))).toBeUndefined();
    expect(await db.selectFrom('experiment_assignments').selectAll().execute()).toEqual([]);
  });

  it('draws among the experiment’s variants once, then keeps the stored one whatever is drawn later', async () => {
    const experiment = await start('Trial', ['standard', 'personal']);
    const jo = await person('Trial');
    const drawn: number[] = [];
    const first = await experimentVariantFor(db, 'reminder', jo, AT, (n) => (drawn.push(n), 0));
    expect(first).toEqual({ experimentId: experiment.id, variant: 'standard' });
    expect(drawn).toEqual([2]);
    for (const index of [1, 0, 1]) {
      expect(await experimentVariantFor(db, 'reminder', jo, new Date(AT.getTime() + 3600_000), always(index))).toEqual(first);
    }
    const rows = await db.selectFrom('experiment_assignments').selectAll().where('participant_id', '=', jo.id).execute();
    expect(rows).toEqual([{ experiment_id: experiment.id, participant_id: jo.id, variant: 'standard', assigned_at: AT }]);

    // A second person drawn the other way gets the other variant.
    const kim = await person('Trial');
    expect(await experimentVariantFor(db, 'reminder', kim, AT, always(1))).toEqual({ experimentId: experiment.id, variant: 'personal' });

    // Other teams and people with no team are not in a team's experiment.
    expect(await experimentVariantFor(db, 'reminder', await person('Elsewhere'), AT, always(0))).toBeUndefined();
    expect(await experimentVariantFor(db, 'reminder', await person(null), AT, always(0))).toBeUndefined();

    // Once stopped, everyone is back to the usual wording (and nobody new is assigned).
    await new ExperimentRepository(db).stop(experiment.id, AT);
    expect(await experimentVariantFor(db, 'reminder', jo, AT, always(0))).toBeUndefined();
  });

  it('an everyone-experiment covers people of every team and of none', async () => {
    const experiment = await start(null);
    expect(await experimentVariantFor(db, 'reminder', await person('Anywhere'), AT, always(1))).toEqual({ experimentId: experiment.id, variant: 'standard' });
    expect(await experimentVariantFor(db, 'reminder', await person(null), AT, always(0))).toEqual({ experimentId: experiment.id, variant: 'personal' });
    await new ExperimentRepository(db).stop(experiment.id, AT);
  });

  it('a stored variant whose wording no longer exists falls back to the usual wording', async () => {
    const experiment = await start('Legacy');
    const ola = await person('Legacy');
    await db.insertInto('experiment_assignments').values({ experiment_id: experiment.id, participant_id: ola.id, variant: 'retired', assigned_at: AT }).execute();
    expect(await experimentVariantFor(db, 'reminder', ola, AT, always(0))).toBeUndefined();
  });
});
