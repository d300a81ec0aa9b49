import type { StaffIdentity } from '../../domain/caseload.js';
import type { Db } from '../../store/database.js';
import { ExperimentRepository } from '../../store/experiment.repository.js';
import { experimentInScope, experimentScope, withResults, type ExperimentWithResults } from './experiment-access.js';

/** The caller's team's wording experiments (admin: all), newest first, or one, with results so far. */
export class ReadExperiments {
  constructor(private readonly deps: { db: Db }) {}

  async list(staff: StaffIdentity): Promise<ExperimentWithResults[]> {
    const scope = experimentScope(staff);
    const rows = scope ? await new ExperimentRepository(this.deps.db).list(scope) : [];
    const answer = [];
    for (const row of rows) answer.push(await withResults(this.deps.db, row));
    return answer;
  }

  async one(staff: StaffIdentity, id: string): Promise<ExperimentWithResults> {
    return withResults(this.deps.db, await experimentInScope(this.deps.db, staff, id));
  }
}
