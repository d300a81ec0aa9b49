import { type RawBuilder, sql } from 'kysely';
import type { CaseloadScope } from '../domain/caseload.js';

/**
 * The caseload rule as a condition on the `participants` table (joined or queried directly): one place decides
 * who sees whom, for every repository.
 */
export function inCaseload(scope: CaseloadScope): RawBuilder<boolean> {
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'key_worker':
      return sql<boolean>`participants.key_worker_id = ${scope.staffId}`;
    case 'in_work_team':
      return scope.team === null
        ? sql<boolean>`false`
        : sql<boolean>`(participants.team = ${scope.team} and participants.in_work_since is not null)`;
  }
}
