import type { StaffIdentity } from '../../domain/caseload.js';
import type { Executor } from '../../store/database.js';
import { ExperimentReportRepository, type VariantCounts } from '../../store/experiment-report.repository.js';
import { ExperimentRepository, type ExperimentScope } from '../../store/experiment.repository.js';
import type { ExperimentRow } from '../../store/schema.js';
import { NotFoundError } from '../action-errors.js';

/** An experiment with its results so far, per variant: what every experiment action answers with. */
export interface ExperimentWithResults {
  experiment: ExperimentRow;
  counts: VariantCounts[];
}

/** Admins see every experiment; a key worker their team's (none without a team). */
export function experimentScope(staff: StaffIdentity): ExperimentScope | undefined {
  return staff.role === 'admin' ? { kind: 'all' } : staff.team === null ? undefined : { kind: 'team', team: staff.team };
}

/** Another team's experiment is absent, as for any other caseload. */
export async function experimentInScope(db: Executor, staff: StaffIdentity, id: string): Promise<ExperimentRow> {
  const scope = experimentScope(staff);
  const row = scope && (await new ExperimentRepository(db).find(id, scope));
  if (!row) throw new NotFoundError('No such experiment for your team');
  return row;
}

export async function withResults(db: Executor, experiment: ExperimentRow): Promise<ExperimentWithResults> {
  return { experiment, counts: await new ExperimentReportRepository(db).countsByVariant(experiment.id, experiment.variants) };
}
