import type { StaffIdentity } from '../../domain/caseload.js';
import type { ExperimentMessage } from '../../domain/campaigns/experiment.types.js';
import type { Db } from '../../store/database.js';
import { ExperimentRepository } from '../../store/experiment.repository.js';
import { ConflictError } from '../action-errors.js';
import { experimentScope, withResults, type ExperimentWithResults } from './experiment-access.js';

/** An experiment covers a team, and this key worker is in none. */
export class ExperimentNeedsTeamError extends Error {
  constructor() {
    super('An experiment covers a team, and you are not in one: ask an admin to set your team');
  }
}

/** An active experiment of the same message already covers these participants; named only if the caller may see it. */
export class ExperimentOverlapError extends ConflictError {
  constructor(
    message: string,
    readonly experimentId: string | undefined,
  ) {
    super(message);
  }
}

/**
 * A wording experiment: a key worker (for their team) or an admin (for everyone) compares wordings of a message;
 * each person is given one at random the first time the message goes to them and keeps it
 * (app/campaigns/experiment-assignment.ts).
 */
export class StartExperiment {
  constructor(private readonly deps: { db: Db }) {}

  async execute(staff: StaffIdentity, input: { name: string; message: ExperimentMessage; variants: readonly string[] }): Promise<ExperimentWithResults> {
    if (staff.role !== 'admin' && staff.team === null) throw new ExperimentNeedsTeamError();
    const outcome = await this.deps.db.transaction().execute((tx) =>
      ExperimentRepository.createUnlessOverlapping(tx, { ...input, team: staff.role === 'admin' ? null : staff.team, createdBy: staff.id }),
    );
    if ('conflict' in outcome) {
      const visible = experimentScope(staff)?.kind === 'all' || outcome.conflict.team === staff.team;
      throw new ExperimentOverlapError(`An active ${input.message} experiment already covers these participants: stop it first`, visible ? outcome.conflict.id : undefined);
    }
    return withResults(this.deps.db, outcome.created);
  }
}
