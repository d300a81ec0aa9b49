import { z } from 'zod';
import { ReadAuditLog } from '../../app/operations/read-audit-log.action.js';
import type { ApiDeps } from './api-deps.js';
import { route, type ApiRoute } from './api-route.js';

const auditQuery = z.strictObject({
  staffId: z.uuid().optional(),
  subjectId: z.string().max(64).optional().describe('A participant, appointment or alert id'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const auditEntry = z.object({
  at: z.iso.datetime({ offset: true }),
  staffId: z.uuid(),
  method: z.string(),
  route: z.string(),
  subjectId: z.string().nullable(),
  status: z.number().int(),
  clientAddress: z.string().nullable().describe("The caller's address (behind a load balancer: as TRUST_PROXY decides it)"),
  requestId: z.string().nullable().describe('The X-Request-Id of the call, as in the logs'),
});

/** The audit log: who read or changed which record (admin only). */
export function auditRoutes({ db }: ApiDeps): ApiRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/audit',
      summary: 'Who read or changed which record, newest first',
      roles: ['admin'],
      query: auditQuery,
      responses: { 200: { description: 'Entries', schema: z.array(auditEntry) } },
      async handle({ query }) {
        const rows = await new ReadAuditLog({ db }).execute({
          ...(query.staffId && { staffId: query.staffId }),
          ...(query.subjectId && { subjectId: query.subjectId }),
          limit: query.limit,
        });
        return {
          status: 200,
          body: rows.map((r) => ({
            at: r.at.toISOString(),
            staffId: r.staff_id,
            method: r.method,
            route: r.route,
            subjectId: r.subject_id,
            status: r.status,
            clientAddress: r.client_address,
            requestId: r.request_id,
          })),
        };
      },
    }),
  ];
}
