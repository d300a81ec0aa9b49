import { GetSafeguardingPolicy } from '../../app/safeguarding/get-safeguarding-policy.action.js';
import { SetSafeguardingPolicy } from '../../app/safeguarding/set-safeguarding-policy.action.js';
import type { StaffIdentity } from '../../domain/caseload.js';
import { policyTeamFor } from '../../domain/safeguarding-escalation.js';
import { forbidden } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, type ApiRoute } from './api-route.js';
import { errorSchema, safeguardingPolicyBody, safeguardingPolicyQuery, safeguardingPolicySchema } from './api-schemas.js';
import { safeguardingPolicyJson } from './presenters.js';

/** The caller's own team, or (admins only) the team named in `?team=`. */
function teamOrThrow(staff: StaffIdentity, requested: string | undefined): string | null {
  const scope = policyTeamFor(staff, requested);
  if (!scope.ok) throw forbidden();
  return scope.team;
}

/** Each team's safeguarding escalation: whom to text, and after how long, when nobody picks up an urgent alert. */
export function safeguardingPolicyRoutes({ db, clock }: ApiDeps): ApiRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/safeguarding-policy',
      summary: "The caller's team safeguarding escalation (admin: any team's with ?team=); the defaults until a team sets its own",
      query: safeguardingPolicyQuery,
      responses: {
        200: { description: 'The policy', schema: safeguardingPolicySchema },
        400: { description: 'Invalid', schema: errorSchema },
        403: { description: "Another team's (admins only)", schema: errorSchema },
      },
      async handle({ staff, query }) {
        const policy = await new GetSafeguardingPolicy({ db }).execute(teamOrThrow(staff, query.team));
        return { status: 200, body: safeguardingPolicyJson(policy) };
      },
    }),
    route({
      method: 'put',
      path: '/api/safeguarding-policy',
      summary: "Set the caller's team safeguarding escalation (admin: any team's with ?team=): the minutes an urgent alert may wait, and the contacts texted after that",
      query: safeguardingPolicyQuery,
      body: safeguardingPolicyBody,
      responses: {
        200: { description: 'Saved', schema: safeguardingPolicySchema },
        400: { description: 'Invalid, with the failing fields', schema: errorSchema },
        403: { description: "Another team's (admins only)", schema: errorSchema },
      },
      async handle({ staff, query, body }) {
        const team = teamOrThrow(staff, query.team);
        const policy = await new SetSafeguardingPolicy({ db, clock }).execute({ team, policy: body, staffId: staff.id });
        return { status: 200, body: safeguardingPolicyJson(policy) };
      },
    }),
  ];
}
