import { type RawBuilder, sql } from 'kysely';
import { SAFEGUARDING_ALERT_TYPE, type CaseloadScope } from '../domain/caseload.js';

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
    case 'team':
      return scope.team === null ? sql<boolean>`false` : sql<boolean>`participants.team = ${scope.team}`;
    case 'in_work_team':
      return scope.team === null
        ? sql<boolean>`false`
        : sql<boolean>`(participants.team = ${scope.team} and participants.in_work_since is not null)`;
    case 'safeguarding':
      return sql<boolean>`exists (select 1 from alerts sg where sg.participant_id = participants.id and sg.type = ${SAFEGUARDING_ALERT_TYPE})`;
  }
}

/** Of the alerts of the people in a scope, those the scope shows (a safeguarding lead: safeguarding alerts only). */
export function alertInScope(scope: CaseloadScope): RawBuilder<boolean> {
  return scope.kind === 'safeguarding' ? sql<boolean>`alerts.type = ${SAFEGUARDING_ALERT_TYPE}` : sql<boolean>`true`;
}
