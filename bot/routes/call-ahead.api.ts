import { CallAhead, CallAheadRefused } from '../../app/participants/call-ahead.action.js';
import { ApiError } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { callAheadAnswer, callAheadBody, errorSchema } from './api-schemas.js';
import { participantInCaseload } from '../../app/participant-in-caseload.js';

/** "Text before I call": the participant learns who is about to ring them, and from which number. */
export function callAheadRoutes({ db, clock, config, queues, logger }: ApiDeps): ApiRoute[] {
  const callAhead = new CallAhead({ db, clock, timeZone: config.PROGRAMME_TIMEZONE, programmeName: config.PROGRAMME_NAME, queues, logger });
  return [
    route({
      method: 'post',
      path: '/api/participants/:id/call-ahead',
      summary: 'Text the participant that you will ring them soon, naming you, the programme and the number you will ring from',
      body: callAheadBody,
      responses: {
        202: { description: 'The text is on its way (sent through the outbound queue)', schema: callAheadAnswer },
        400: { description: 'inMinutes is not a whole number from 1 to 60', schema: errorSchema },
        404: { description: 'Not in your caseload', schema: errorSchema },
        409: {
          description:
            'No text went, and why (error.code): opted_out, wrong_number, no_consent, erased, quiet_hours (details.quietHours), ' +
            'no_phone (neither your work phone nor your team’s phone is set), already_sent (one went less than a minute ago)',
          schema: errorSchema,
        },
      },
      async handle({ staff, params, body }) {
        const id = uuidParam(params, 'id');
        try {
          const sent = await callAhead.execute({
            caller: staff,
            inMinutes: body.inMinutes,
            participant: (tx) => participantInCaseload(tx, staff, id, { lock: true }),
          });
          return { status: 202, body: sent };
        } catch (error) {
          if (error instanceof CallAheadRefused) throw new ApiError(409, error.reason, error.message, error.details);
          throw error;
        }
      },
    }),
  ];
}
