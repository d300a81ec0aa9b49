import { z } from 'zod';
import type { StaffIdentity } from '../../domain/caseload.js';
import { newcombeDifference, wilsonInterval } from '../../domain/experiment-stats.js';
import { ExperimentReportRepository, type VariantCounts } from '../../store/experiment-report.repository.js';
import { ExperimentRepository, type ExperimentScope } from '../../store/experiment.repository.js';
import type { ExperimentRow } from '../../store/schema.js';
import { ApiError, notFound } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { errorSchema } from './api-schemas.js';
import { createExperimentBody, experimentSchema } from './experiment-schemas.js';

const EXPERIMENT_ROLES = ['key_worker', 'admin'] as const;

/**
 * Wording experiments: a key worker (for their team) or an admin (for everyone) compares wordings of a message;
 * each person is given one at random the first time the message goes to them and keeps it (see
 * workers/experiment-assignment.ts), and the report counts attendance and replies per wording from the case record.
 * Another team's experiment is a 404, as for any other caseload.
 */
export function experimentRoutes({ db, clock }: ApiDeps): ApiRoute[] {
  const scopeOf = (staff: StaffIdentity): ExperimentScope | undefined =>
    staff.role === 'admin' ? { kind: 'all' } : staff.team === null ? undefined : { kind: 'team', team: staff.team };
  const findOrThrow = async (staff: StaffIdentity, params: Record<string, string>) => {
    const id = uuidParam(params, 'id');
    const scope = scopeOf(staff);
    const row = scope && (await new ExperimentRepository(db).find(id, scope));
    if (!row) throw notFound('No such experiment for your team');
    return row;
  };
  const present = async (row: ExperimentRow) => experimentJson(row, await new ExperimentReportRepository(db).countsByVariant(row.id, row.variants));

  return [
    route({
      method: 'post',
      path: '/api/experiments',
      summary: "Start a wording experiment for your team's participants (admin: everyone's)",
      roles: EXPERIMENT_ROLES,
      body: createExperimentBody,
      responses: {
        201: { description: 'Started: each person gets a variant at random the next time the message goes to them', schema: experimentSchema },
        400: { description: 'Invalid (an unknown message or variant, fewer than two variants, a variant twice)', schema: errorSchema },
        403: { description: 'A key worker without a team (an experiment covers a team)', schema: errorSchema },
        409: { description: 'An active experiment of this message already covers these participants', schema: errorSchema },
      },
      async handle({ staff, body }) {
        if (staff.role !== 'admin' && staff.team === null) {
          throw new ApiError(403, 'forbidden', 'An experiment covers a team, and you are not in one: ask an admin to set your team');
        }
        const outcome = await db.transaction().execute((tx) =>
          ExperimentRepository.createUnlessOverlapping(tx, {
            name: body.name,
            message: body.message,
            variants: body.variants,
            team: staff.role === 'admin' ? null : staff.team,
            createdBy: staff.id,
          }),
        );
        if ('conflict' in outcome) {
          // Say which one only when the caller may see it.
          const visible = scopeOf(staff)?.kind === 'all' || outcome.conflict.team === staff.team;
          throw new ApiError(409, 'conflict', `An active ${body.message} experiment already covers these participants: stop it first`, {
            ...(visible && { experimentId: outcome.conflict.id }),
          });
        }
        return { status: 201, body: await present(outcome.created) };
      },
    }),
    route({
      method: 'get',
      path: '/api/experiments',
      summary: "Your team's wording experiments (admin: all), newest first, with their results so far",
      roles: EXPERIMENT_ROLES,
      responses: { 200: { description: 'Experiments', schema: z.array(experimentSchema) } },
      async handle({ staff }) {
        const scope = scopeOf(staff);
        const rows = scope ? await new ExperimentRepository(db).list(scope) : [];
        const body = [];
        for (const row of rows) body.push(await present(row));
        return { status: 200, body };
      },
    }),
    route({
      method: 'get',
      path: '/api/experiments/:id',
      summary: 'One experiment: per variant, people, reminders, attendance and response rates with 95% intervals',
      roles: EXPERIMENT_ROLES,
      responses: { 200: { description: 'The experiment and its results', schema: experimentSchema }, 404: { description: 'Not your team’s', schema: errorSchema } },
      async handle({ staff, params }) {
        return { status: 200, body: await present(await findOrThrow(staff, params)) };
      },
    }),
    route({
      method: 'post',
      path: '/api/experiments/:id/stop',
      summary: 'Stop: later messages use the usual wording; the results so far stay',
      roles: EXPERIMENT_ROLES,
      responses: {
        200: { description: 'Stopped', schema: experimentSchema },
        404: { description: 'Not your team’s', schema: errorSchema },
        409: { description: 'Already stopped', schema: errorSchema },
      },
      async handle({ staff, params }) {
        const row = await findOrThrow(staff, params);
        const stopped = await new ExperimentRepository(db).stop(row.id, clock.now());
        if (!stopped) throw new ApiError(409, 'conflict', 'This experiment is already stopped');
        return { status: 200, body: await present(stopped) };
      },
    }),
  ];
}

function experimentJson(row: ExperimentRow, counts: VariantCounts[]): z.input<typeof experimentSchema> {
  const [first, second] = counts;
  const attendance = (c: VariantCounts) => ({ successes: c.attended, trials: c.attended + c.didNotAttend });
  const difference = first && second ? newcombeDifference(attendance(first), attendance(second)) : null;
  return {
    id: row.id,
    name: row.name,
    message: row.message,
    status: row.status,
    team: row.team,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    stoppedAt: row.stopped_at ? row.stopped_at.toISOString() : null,
    variants: counts.map((c) => ({
      ...c,
      attendanceRate: wilsonInterval(c.attended, c.attended + c.didNotAttend),
      responseRate: wilsonInterval(c.responded, c.remindersSent),
    })),
    ...(first && second && difference && { comparison: { measure: 'attendanceRate' as const, between: [first.variant, second.variant] as [string, string], ...difference } }),
  };
}
