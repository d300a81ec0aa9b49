import { sql } from 'kysely';
import type { ExperimentMessage } from '../domain/campaigns/experiment.types.js';
import type { Executor, Tx } from './database.js';
import type { ExperimentRow } from './schema.js';

/** Who sees which experiments: admins all of them, a key worker their own team's. */
export type ExperimentScope = { kind: 'all' } | { kind: 'team'; team: string };

export interface NewExperiment {
  name: string;
  message: ExperimentMessage;
  variants: readonly string[];
  /** null: every participant (an admin's experiment). */
  team: string | null;
  createdBy: string;
}

export class ExperimentRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Creates the experiment unless an active one of the same message already covers any of its participants
   * (the same team, or an everyone-experiment): a participant is never in two experiments of one message at once,
   * so each reminder has exactly one wording to choose. Returns the experiment in the way instead.
   */
  static async createUnlessOverlapping(tx: Tx, input: NewExperiment): Promise<{ created: ExperimentRow } | { conflict: ExperimentRow }> {
    // Two creations at once must not both see "nothing in the way": one message, one creator at a time.
    await sql`select pg_advisory_xact_lock(hashtext(${`experiments:${input.message}`}))`.execute(tx);
    let overlapping = tx.selectFrom('experiments').selectAll().where('message', '=', input.message).where('status', '=', 'active');
    if (input.team !== null) overlapping = overlapping.where((eb) => eb.or([eb('team', '=', input.team), eb('team', 'is', null)]));
    const conflict = await overlapping.orderBy('created_at').executeTakeFirst();
    if (conflict) return { conflict };
    const created = await tx
      .insertInto('experiments')
      .values({ name: input.name, message: input.message, variants: JSON.stringify(input.variants), team: input.team, created_by: input.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { created };
  }

  async find(id: string, scope: ExperimentScope): Promise<ExperimentRow | undefined> {
    let query = this.db.selectFrom('experiments').selectAll().where('id', '=', id);
    if (scope.kind === 'team') query = query.where('team', '=', scope.team);
    return query.executeTakeFirst();
  }

  async list(scope: ExperimentScope, limit = 100): Promise<ExperimentRow[]> {
    let query = this.db.selectFrom('experiments').selectAll();
    if (scope.kind === 'team') query = query.where('team', '=', scope.team);
    return query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  }

  /** Stops an active experiment; undefined when it was not active (already stopped). */
  async stop(id: string, at: Date): Promise<ExperimentRow | undefined> {
    return this.db
      .updateTable('experiments')
      .set({ status: 'stopped', stopped_at: at })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .returningAll()
      .executeTakeFirst();
  }

  /** The active experiment of this message that covers a participant of `team` (their team's, or everyone's). */
  async activeCovering(message: ExperimentMessage, team: string | null): Promise<ExperimentRow | undefined> {
    return this.db
      .selectFrom('experiments')
      .selectAll()
      .where('message', '=', message)
      .where('status', '=', 'active')
      .where((eb) => (team === null ? eb('team', 'is', null) : eb.or([eb('team', '=', team), eb('team', 'is', null)])))
      // Overlaps are refused at creation; should one exist anyway, the team's own experiment is the one used.
      .orderBy(sql`team is null`)
      .orderBy('created_at')
      .executeTakeFirst();
  }

  /**
   * The participant's variant in the experiment: `proposed` the first time (kept from then on), the stored one
   * afterwards. Insert-or-nothing then read back, so two writers racing both end with the one stored.
   */
  async assign(experimentId: string, participantId: string, proposed: string, at: Date): Promise<string> {
    await this.db
      .insertInto('experiment_assignments')
      .values({ experiment_id: experimentId, participant_id: participantId, variant: proposed, assigned_at: at })
      .onConflict((oc) => oc.columns(['experiment_id', 'participant_id']).doNothing())
      .execute();
    const row = await this.db
      .selectFrom('experiment_assignments')
      .select('variant')
      .where('experiment_id', '=', experimentId)
      .where('participant_id', '=', participantId)
      .executeTakeFirstOrThrow();
    return row.variant;
  }
}
