import { z } from 'zod';
import { AcknowledgeAlert } from '../../app/alerts/acknowledge-alert.action.js';
import { listAlerts } from '../../app/alerts/list-alerts.action.js';
import type { ApiDeps } from './api-deps.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { ackBody, alertSchema, alertsQuery, errorSchema } from './api-schemas.js';
import { alertJson } from './presenters.js';

export function alertRoutes({ db, clock }: ApiDeps): ApiRoute[] {
  const acknowledgeAlert = new AcknowledgeAlert({ db, clock });
  return [
    route({
      method: 'get',
      path: '/api/alerts',
      summary: "Alerts in the caller's caseload, urgent first",
      query: alertsQuery,
      responses: { 200: { description: 'Alerts', schema: z.array(alertSchema) }, 400: { description: 'Invalid', schema: errorSchema } },
      async handle({ staff, query }) {
        const rows = await listAlerts(db, staff, query);
        return { status: 200, body: rows.map(alertJson) };
      },
    }),
    route({
      method: 'post',
      path: '/api/alerts/:id/ack',
      summary: 'Acknowledge an alert, with an optional note',
      body: ackBody,
      responses: {
        200: { description: 'Acknowledged', schema: alertSchema },
        404: { description: 'Not in your caseload', schema: errorSchema },
        409: { description: 'Already acknowledged', schema: errorSchema },
      },
      async handle({ staff, params, body }) {
        const acknowledged = await acknowledgeAlert.execute(staff, uuidParam(params, 'id'), body.note ?? null);
        return { status: 200, body: alertJson(acknowledged) };
      },
    }),
  ];
}
