import { z } from 'zod';
import { CASE_RECORD_SINK_ID, isAcceptableSinkUrl } from '../../domain/case-record-sink.js';
import { EVENT_TYPES } from '../../domain/case-record.types.js';
import { CaseRecordDeliveryRepository, type DeliveryLane } from '../../store/case-record-delivery.repository.js';
import { CaseRecordSinkRepository, SinkSecretRequiredError } from '../../store/case-record-sink.repository.js';
import { ApiError, notFound } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, type ApiRoute } from './api-route.js';
import { errorSchema } from './api-schemas.js';

const isoDateTime = z.iso.datetime({ offset: true });
const eventId = z.string().regex(/^\d{1,19}$/, 'must be an event id');

const sinkBody = z.strictObject({
  url: z
    .string()
    .max(2000)
    .refine(isAcceptableSinkUrl, 'must be an https URL (plain http only to 127.0.0.1 or localhost)')
    .describe('Where each event is POSTed'),
  secret: z
    .string()
    .min(16, 'must be at least 16 characters')
    .max(256)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional()
    .describe('HMAC-SHA256 key for X-Signature; required the first time, left out to keep the one stored; never shown again'),
  eventTypes: z
    .array(z.enum(EVENT_TYPES))
    .min(1)
    .max(EVENT_TYPES.length)
    .optional()
    .describe('Only these types (participant.erased is always sent); left out: every type'),
  enabled: z.boolean().describe('false pauses delivery: events still queue up for the sink and go, in order, once enabled'),
});

const sinkView = z.object({
  url: z.string(),
  eventTypes: z.array(z.string()).nullable(),
  enabled: z.boolean(),
  secretConfigured: z.literal(true),
  updatedAt: isoDateTime,
  backlog: z.object({ pending: z.number().int(), parked: z.number().int() }),
});

const failuresQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

const failureSchema = z.object({
  eventId,
  participantId: z.uuid(),
  type: z.string(),
  at: isoDateTime,
  attempts: z.number().int(),
  firstFailedAt: isoDateTime.nullable(),
  parkedAt: isoDateTime,
  lastStatus: z.number().int().nullable().describe('The HTTP status of the last try; null when there was no answer'),
  lastError: z.string().nullable(),
  waitingBehind: z.number().int().describe("This person's later events, held back so they are not delivered out of order"),
});

const replayBody = z.strictObject({
  eventIds: z.array(eventId).min(1).max(1000).optional().describe('Parked events to try again; left out: every parked event'),
});

/** The programme's CRM: where case-record events are pushed, and its dead letters (admin only). */
export function crmSinkRoutes({ db, clock, queues, logger }: ApiDeps): ApiRoute[] {
  // After a change that lets lanes move again; if Redis is away the sweep starts them instead.
  const startLanes = async (lanes: DeliveryLane[]) => {
    try {
      const heads = await new CaseRecordDeliveryRepository(db).laneHeads(lanes);
      await queues.enqueueCrmDeliveries(heads, clock.now());
    } catch (error) {
      logger.warn({ err: error }, 'CRM deliveries not enqueued; the sweep will pick them up');
    }
  };
  const view = async () => {
    const sink = await new CaseRecordSinkRepository(db).view();
    if (!sink) throw notFound('No CRM sink is set up');
    return { ...sink, secretConfigured: true as const, updatedAt: sink.updatedAt.toISOString() };
  };

  return [
    route({
      method: 'put',
      path: '/api/integrations/case-record-sink',
      summary: "Set where case-record events are delivered (the programme's CRM) and how they are signed",
      roles: ['admin'],
      body: sinkBody,
      responses: { 200: { description: 'Saved', schema: sinkView }, 400: { description: 'Invalid', schema: errorSchema } },
      async handle({ staff, body }) {
        try {
          await new CaseRecordSinkRepository(db).save({
            url: body.url,
            secret: body.secret,
            eventTypes: body.eventTypes ? [...new Set(body.eventTypes)] : null,
            enabled: body.enabled,
            updatedBy: staff.id,
          });
        } catch (error) {
          if (error instanceof SinkSecretRequiredError) {
            throw new ApiError(400, 'validation_failed', 'The request body is not valid', {
              fields: [{ path: 'secret', message: error.message }],
            });
          }
          throw error;
        }
        if (body.enabled) await startLanes(await new CaseRecordDeliveryRepository(db).pendingLanes(CASE_RECORD_SINK_ID, 50_000));
        return { status: 200, body: await view() };
      },
    }),
    route({
      method: 'get',
      path: '/api/integrations/case-record-sink',
      summary: 'The CRM sink (without its secret) and how much is waiting',
      roles: ['admin'],
      responses: { 200: { description: 'The sink', schema: sinkView }, 404: { description: 'Not set up', schema: errorSchema } },
      async handle() {
        return { status: 200, body: await view() };
      },
    }),
    route({
      method: 'get',
      path: '/api/integrations/case-record-sink/failures',
      summary: 'Dead letters: deliveries the CRM did not accept for 24 hours, oldest first',
      roles: ['admin'],
      query: failuresQuery,
      responses: { 200: { description: 'Parked deliveries', schema: z.object({ failures: z.array(failureSchema) }) } },
      async handle({ query }) {
        const parked = await new CaseRecordDeliveryRepository(db).listParked(CASE_RECORD_SINK_ID, query.limit);
        return {
          status: 200,
          body: {
            failures: parked.map((p) => ({
              ...p,
              at: p.at.toISOString(),
              firstFailedAt: p.firstFailedAt?.toISOString() ?? null,
              parkedAt: p.parkedAt.toISOString(),
            })),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/integrations/case-record-sink/failures/replay',
      summary: 'Try parked deliveries again (with another 24 hours of retries), and the events held back behind them',
      roles: ['admin'],
      body: replayBody,
      responses: { 200: { description: 'Replayed', schema: z.object({ replayed: z.number().int() }) }, 400: { description: 'Invalid', schema: errorSchema } },
      async handle({ body }) {
        const { replayed, lanes } = await new CaseRecordDeliveryRepository(db).replay(CASE_RECORD_SINK_ID, body.eventIds);
        await startLanes(lanes);
        return { status: 200, body: { replayed } };
      },
    }),
  ];
}
