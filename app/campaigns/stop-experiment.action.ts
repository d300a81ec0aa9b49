import type { StaffIdentity } from '../../domain/caseload.js';
import type { Clock } from '../../domain/time/clock.js';
import type { Db } from '../../store/database.js';
import { ExperimentRepository } from '../../store/experiment.repository.js';
import { ConflictError } from '../action-errors.js';
import { experimentInScope, withResults, type ExperimentWithResults } from './experiment-access.js';

/** Later messages use the usual wording; the results so far stay. */
export class StopExperiment {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async execute(staff: StaffIdentity, id: string): Promise<ExperimentWithResults> {
    const row = await experimentInScope(this.deps.db, staff, id);
    const stopped = await new ExperimentRepository(this.deps.db).stop(row.id, this.deps.clock.now());
    if (!stopped) throw new ConflictError('This experiment is already stopped');
    return withResults(this.deps.db, stopped);
  }
}
