import { z } from 'zod';
import { ReadParticipants } from '../../app/participants/read-participants.action.js';
import type { ApiDeps } from './api-deps.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { appointmentSchema, errorSchema } from './api-schemas.js';
import { appointmentJson } from './presenters.js';

/** The most recent messages shown in one conversation view. */
const THREAD_LIMIT = 500;

export const threadMessage = z.object({
  id: z.uuid(),
  direction: z.enum(['inbound', 'outbound']),
  channel: z.enum(['sms', 'whatsapp']),
  body: z.string().nullable().describe('null once erased or past retention'),
  kind: z.string(),
  status: z.string().describe('inbound: received, processed; outbound: queued, sending, sent, delivered, read, failed, undelivered, suppressed…'),
  errorCode: z.number().int().nullable(),
  at: z.iso.datetime({ offset: true }),
});

/** What the participant page shows beside the case record: the conversation and every appointment. */
export function participantActivityRoutes({ db }: ApiDeps): ApiRoute[] {
  const readParticipants = new ReadParticipants({ db });
  return [
    route({
      method: 'get',
      path: '/api/participants/:id/messages',
      summary: `The conversation, in and out, with delivery status, oldest first (the last ${THREAD_LIMIT})`,
      responses: {
        200: { description: 'Messages', schema: z.array(threadMessage) },
        404: { description: 'Not in your caseload', schema: errorSchema },
      },
      async handle({ staff, params }) {
        const messages = await readParticipants.messages(staff, uuidParam(params, 'id'));
        return {
          status: 200,
          body: messages.slice(-THREAD_LIMIT).map((m) => ({
            id: m.id,
            direction: m.direction,
            channel: m.channel,
            body: m.body,
            kind: m.kind,
            status: m.status,
            errorCode: m.error_code,
            at: m.created_at.toISOString(),
          })),
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/participants/:id/appointments',
      summary: 'Every appointment of the participant, soonest first, each with the reminders of its current version',
      responses: {
        200: { description: 'Appointments', schema: z.array(appointmentSchema) },
        404: { description: 'Not in your caseload', schema: errorSchema },
      },
      async handle({ staff, params }) {
        const appointments = await readParticipants.appointments(staff, uuidParam(params, 'id'));
        return { status: 200, body: appointments.map(({ appointment, reminders }) => appointmentJson(appointment, reminders)) };
      },
    }),
  ];
}
