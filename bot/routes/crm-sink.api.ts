import { z } from 'zod';
import { ReadCaseRecordSink } from '../../app/crm-sink/read-case-record-sink.action.js';
import { ReplayCrmDeliveries } from '../../app/crm-sink/replay-crm-deliveries.action.js';
import { SetCaseRecordSink } from '../../app/crm-sink/set-case-record-sink.action.js';
import { isAcceptableSinkUrl } from '../../domain/case-record/case-record-sink.js';
import { EVENT_TYPES } from '../../domain/case-record/case-record.types.js';
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
  const deps = { db, clock, queues, logger };
  const setSink = new SetCaseRecordSink(deps);
  const replay = new ReplayCrmDeliveries(deps);
  const readSink = new ReadCaseRecordSink(deps);
  const present = (sink: Awaited<ReturnType<ReadCaseRecordSink['view']>>) => ({ ...sink, secretConfigured: true as const, updatedAt: sink.updatedAt.toISOString() });

  return [
    route({
      method: 'put',
      path: '/api/integrations/case-record-sink',
      summary: "Set where case-record events are delivered (the programme's CRM) and how they are signed",
      roles: ['admin'],
      body: sinkBody,
      responses: { 200: { description: 'Saved', schema: sinkView }, 400: { description: 'Invalid', schema: errorSchema } },
      async handle({ staff, body }) {
        const sink = await setSink.execute(staff, { url: body.url, secret: body.secret, eventTypes: body.eventTypes ?? null, enabled: body.enabled });
        return { status: 200, body: present(sink) };
      },
    }),
    route({
      method: 'get',
      path: '/api/integrations/case-record-sink',
      summary: 'The CRM sink (without its secret) and how much is waiting',
      roles: ['admin'],
      responses: { 200: { description: 'The sink', schema: sinkView }, 404: { description: 'Not set up', schema: errorSchema } },
      async handle() {
        return { status: 200, body: present(await readSink.view()) };
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
        const parked = await readSink.failures(query.limit);
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
        return { status: 200, body: { replayed: await replay.execute(body.eventIds) } };
      },
    }),
  ];
}
