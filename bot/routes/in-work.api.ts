import { z } from 'zod';
import { endJob } from '../../app/end-job.action.js';
import { startJob } from '../../app/start-job.action.js';
import type { StaffIdentity } from '../../domain/caseload.js';
import { pulseQuestionText } from '../../domain/in-work-wording.js';
import { PULSE_INSTRUMENTS } from '../../domain/pulse-instruments.js';
import { CheckInRepository } from '../../store/check-in.repository.js';
import type { Executor } from '../../store/database.js';
import { JobStartRepository } from '../../store/job-start.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { ApiError, notFound } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { participantInCaseload } from '../../app/participant-in-caseload.js';
import { errorSchema, instrumentSchema, jobEndBody, jobSchema, jobStartBody } from './api-schemas.js';
import { jobJson } from './presenters.js';

/** Job starts and their in-work check-ins, and the pulse instruments campaigns can use. */
export function inWorkRoutes({ db, clock, config, queues, logger }: ApiDeps): ApiRoute[] {
  const lockInCaseload = (tx: Executor, staff: StaffIdentity, id: string) => participantInCaseload(tx, staff, id, { lock: true });

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
        const id = uuidParam(params, 'id');
        const adviser = body.inWorkAdviserId ? await new StaffRepository(db).findActiveById(body.inWorkAdviserId) : undefined;
        if (body.inWorkAdviserId && adviser?.role !== 'in_work_team') {
          throw new ApiError(400, 'validation_failed', 'inWorkAdviserId is not in an in-work team', {
            fields: [{ path: 'inWorkAdviserId', message: 'is not in an in-work team' }],
          });
        }
        const now = clock.now();
        const { job, checkIns } = await db.transaction().execute(async (tx) => {
          const participant = await lockInCaseload(tx, staff, id);
          // The adviser is introduced by name in their first check-in, not by a separate message.
          const current = adviser ? await new ParticipantRepository(tx).update(participant.id, { inWorkAdviserId: adviser.id }) : participant;
          return startJob(
            tx,
            current ?? participant,
            { startDate: body.startDate, employer: body.employer ?? null, hoursPerWeek: body.hoursPerWeek ?? null },
            { now, timeZone: config.PROGRAMME_TIMEZONE, staffId: staff.id },
          );
        });
        const scheduled = checkIns.filter((c) => c.status === 'scheduled' && c.send_at).map((c) => ({ id: c.id, sendAt: c.send_at as Date }));
        await queues.enqueueCheckIns(scheduled, now).catch((error: unknown) => logger.warn({ err: error }, 'check-ins not enqueued; the sweep will add them'));
        return { status: 201, body: jobJson(job, checkIns, now, config.PROGRAMME_TIMEZONE) };
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
        const id = uuidParam(params, 'id');
        const now = clock.now();
        const { job, checkIns } = await db.transaction().execute(async (tx) => {
          const participant = await lockInCaseload(tx, staff, id);
          const jobs = new JobStartRepository(tx);
          const active = await jobs.findActive(participant.id);
          if (!active) throw notFound('They have no current job');
          await endJob(tx, { participantId: participant.id, jobStartId: active.id, reason: body.reason ?? 'recorded by staff', words: null, now });
          return { job: (await jobs.findById(active.id)) ?? active, checkIns: await new CheckInRepository(tx).listForJob(active.id) };
        });
        await queues.removeCheckInJobs(checkIns.map((c) => c.id)).catch(() => undefined);
        return { status: 200, body: jobJson(job, checkIns, now, config.PROGRAMME_TIMEZONE) };
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
