import { z } from 'zod';
import { EndJob } from '../../app/in-work/end-job.action.js';
import { StartJob } from '../../app/in-work/start-job.action.js';
import { pulseQuestionText } from '../../domain/wording/in-work-wording.js';
import { PULSE_INSTRUMENTS } from '../../domain/in-work/pulse-instruments.js';
import type { ApiDeps } from './api-deps.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { errorSchema, instrumentSchema, jobEndBody, jobSchema, jobStartBody } from './api-schemas.js';
import { jobJson } from './presenters.js';

/** Job starts and their in-work check-ins, and the pulse instruments campaigns can use. */
export function inWorkRoutes({ db, clock, config, queues, logger }: ApiDeps): ApiRoute[] {
  const deps = { db, clock, timeZone: config.PROGRAMME_TIMEZONE, queues, logger };
  const startJob = new StartJob(deps);
  const endJob = new EndJob(deps);

  return [
    route({
      method: 'post',
      path: '/api/participants/:id/job-start',
      summary: 'Record a job start: in-work check-ins are scheduled from that date (weeks from the team policy)',
      body: jobStartBody,
      responses: {
        201: { description: 'The job, with its check-ins', schema: jobSchema },
        400: { description: 'Invalid (for example not a date)', schema: errorSchema },
        404: { description: 'Not in your caseload', schema: errorSchema },
      },
      async handle({ staff, params, body }) {
        const { job, checkIns } = await startJob.execute(staff, uuidParam(params, 'id'), {
          startDate: body.startDate,
          employer: body.employer ?? null,
          hoursPerWeek: body.hoursPerWeek ?? null,
          inWorkAdviserId: body.inWorkAdviserId,
        });
        return { status: 201, body: jobJson(job, checkIns, clock.now(), config.PROGRAMME_TIMEZONE) };
      },
    }),
    route({
      method: 'post',
      path: '/api/participants/:id/job-end',
      summary: 'Record that they have left their job: no more in-work check-ins',
      body: jobEndBody,
      responses: {
        200: { description: 'The ended job', schema: jobSchema },
        404: { description: 'Not in your caseload, or not in work', schema: errorSchema },
      },
      async handle({ staff, params, body }) {
        const { job, checkIns } = await endJob.execute(staff, uuidParam(params, 'id'), body.reason ?? null);
        return { status: 200, body: jobJson(job, checkIns, clock.now(), config.PROGRAMME_TIMEZONE) };
      },
    }),
    route({
      method: 'get',
      path: '/api/pulse-instruments',
      summary: 'The confidence pulses a campaign can send',
      responses: { 200: { description: 'Instruments', schema: z.array(instrumentSchema) } },
      async handle() {
        return {
          status: 200,
          body: PULSE_INSTRUMENTS.map((i) => ({
            id: i.id,
            name: i.name,
            questions: i.questions.map((q) => ({ id: q.id, label: q.label, text: pulseQuestionText('en', i.id, q), min: q.min, max: q.max })),
          })),
        };
      },
    }),
  ];
}
