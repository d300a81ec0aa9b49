import { z } from 'zod';
import { caseloadOf, seesAlertOfType } from '../../domain/caseload.js';
import { AlertRepository } from '../../store/alert.repository.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { ApiError, notFound } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { ackBody, alertSchema, alertsQuery, errorSchema } from './api-schemas.js';
import { alertJson } from './presenters.js';
import { sourceKeys } from '../../domain/job-keys.js';

export function alertRoutes({ db, clock }: ApiDeps): ApiRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/alerts',
      summary: "Alerts in the caller's caseload, urgent first",
      query: alertsQuery,
      responses: { 200: { description: 'Alerts', schema: z.array(alertSchema) }, 400: { description: 'Invalid', schema: errorSchema } },
      async handle({ staff, query }) {
        const rows = await new AlertRepository(db).list(caseloadOf(staff), query);
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
        const id = uuidParam(params, 'id');
        const now = clock.now();
        const acknowledged = await db.transaction().execute(async (tx) => {
          const alerts = new AlertRepository(tx);
          const alert = await alerts.findById(id);
          const scope = caseloadOf(staff);
          const visible = alert && seesAlertOfType(scope, alert.type) ? alert : undefined;
          const participant = visible && (await new ParticipantRepository(tx).findById(visible.participant_id, scope));
          if (!alert || !participant) throw notFound('No such alert in your caseload');
          const row = await alerts.acknowledge(id, staff.id, body.note ?? null, now);
          if (!row) throw new ApiError(409, 'conflict', 'This alert was already acknowledged');
          await new CaseRecordRepository(tx).append({
            participantId: row.participant_id,
            type: 'alert.acknowledged',
            at: now,
            data: { alertId: row.id, type: row.type, by: staff.id, note: row.note },
            sourceKey: sourceKeys.alertAcknowledged(row.id),
          });
          return row;
        });
        return { status: 200, body: alertJson(acknowledged) };
      },
    }),
  ];
}
