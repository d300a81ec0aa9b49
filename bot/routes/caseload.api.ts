import { z } from 'zod';
import { ReadCaseload } from '../../app/participants/read-caseload.action.js';
import type { ApiDeps } from './api-deps.js';
import { route, type ApiRoute } from './api-route.js';

const isoDateTime = z.iso.datetime({ offset: true });

export const caseloadQuery = z.strictObject({
  q: z.string().max(60).optional().describe('Part of a first name or phone number'),
  show: z.enum(['all', 'alerts', 'opted_out', 'in_work', 'no_appointment']).default('all'),
  sort: z.enum(['attention', 'name', 'next_appointment']).default('attention').describe('attention: urgent alerts, then open alerts, then soonest appointment'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const caseloadEntry = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string().nullable(),
  externalRef: z.string().nullable().describe("The programme CRM's own id for this person"),
  phone: z.string(),
  channel: z.enum(['sms', 'whatsapp']),
  team: z.string().nullable(),
  keyWorkerId: z.uuid().nullable(),
  keyWorkerName: z.string().nullable(),
  optedOut: z.boolean(),
  wrongNumber: z.boolean(),
  inWorkSince: z.string().nullable(),
  nextAppointment: z
    .object({ id: z.uuid(), title: z.string(), startsAt: isoDateTime, location: z.string().nullable(), mandatory: z.boolean() })
    .nullable(),
  lastReply: z.object({ at: isoDateTime, body: z.string().nullable() }).nullable(),
  openAlerts: z.number().int(),
  urgentAlerts: z.number().int(),
});

/** The dashboard's caseload list: one row a person with what is next, what came back and what needs attention. */
export function caseloadRoutes({ db, clock }: ApiDeps): ApiRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/caseload',
      summary: "The caller's caseload with next appointment, last reply, open alerts and opt-out state; searchable",
      query: caseloadQuery,
      responses: { 200: { description: 'One entry a participant', schema: z.array(caseloadEntry) } },
      async handle({ staff, query }) {
        const entries = await new ReadCaseload({ db }).execute(
          staff,
          { ...(query.q && { search: query.q }), show: query.show, sort: query.sort, limit: query.limit },
          clock.now(),
        );
        return {
          status: 200,
          body: entries.map((e) => ({
            ...e,
            nextAppointment: e.nextAppointment && { ...e.nextAppointment, startsAt: e.nextAppointment.startsAt.toISOString() },
            lastReply: e.lastReply && { ...e.lastReply, at: e.lastReply.at.toISOString() },
          })),
        };
      },
    }),
  ];
}
