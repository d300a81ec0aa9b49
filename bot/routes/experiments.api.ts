import { z } from 'zod';
import type { ExperimentWithResults } from '../../app/campaigns/experiment-access.js';
import { ReadExperiments } from '../../app/campaigns/read-experiments.action.js';
import { ExperimentNeedsTeamError, ExperimentOverlapError, StartExperiment } from '../../app/campaigns/start-experiment.action.js';
import { StopExperiment } from '../../app/campaigns/stop-experiment.action.js';
import { newcombeDifference, wilsonInterval } from '../../domain/campaigns/experiment-stats.js';
import type { VariantCounts } from '../../store/experiment-report.repository.js';
import type { ExperimentRow } from '../../store/schema.js';
import { ApiError } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { errorSchema } from './api-schemas.js';
import { createExperimentBody, experimentSchema } from './experiment-schemas.js';

const EXPERIMENT_ROLES = ['key_worker', 'admin'] as const;

/**
 * Wording experiments: a key worker (for their team) or an admin (for everyone) compares wordings of a message;
 * each person is given one at random the first time the message goes to them and keeps it (see
 * app/campaigns/experiment-assignment.ts), and the report counts attendance and replies per wording from the case record.
 * Another team's experiment is a 404, as for any other caseload.
 */
export function experimentRoutes({ db, clock }: ApiDeps): ApiRoute[] {
  const startExperiment = new StartExperiment({ db });
  const stopExperiment = new StopExperiment({ db, clock });
  const readExperiments = new ReadExperiments({ db });
  const present = ({ experiment, counts }: ExperimentWithResults) => experimentJson(experiment, counts);

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
        try {
          return { status: 201, body: present(await startExperiment.execute(staff, { name: body.name, message: body.message, variants: body.variants })) };
        } catch (error) {
          if (error instanceof ExperimentNeedsTeamError) throw new ApiError(403, 'forbidden', error.message);
          if (error instanceof ExperimentOverlapError) throw new ApiError(409, 'conflict', error.message, { ...(error.experimentId && { experimentId: error.experimentId }) });
          throw error;
        }
      },
    }),
    route({
      method: 'get',
      path: '/api/experiments',
      summary: "Your team's wording experiments (admin: all), newest first, with their results so far",
      roles: EXPERIMENT_ROLES,
      responses: { 200: { description: 'Experiments', schema: z.array(experimentSchema) } },
      async handle({ staff }) {
        return { status: 200, body: (await readExperiments.list(staff)).map(present) };
      },
    }),
    route({
      method: 'get',
      path: '/api/experiments/:id',
      summary: 'One experiment: per variant, people, reminders, attendance and response rates with 95% intervals',
      roles: EXPERIMENT_ROLES,
      responses: { 200: { description: 'The experiment and its results', schema: experimentSchema }, 404: { description: 'Not your team’s', schema: errorSchema } },
      async handle({ staff, params }) {
        return { status: 200, body: present(await readExperiments.one(staff, uuidParam(params, 'id'))) };
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
        return { status: 200, body: present(await stopExperiment.execute(staff, uuidParam(params, 'id'))) };
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
