import { z } from 'zod';
import { BadCursorError, ListDeadLetters } from '../../app/operations/list-dead-letters.action.js';
import { ReplayDeadLetters } from '../../app/operations/replay-dead-letters.action.js';
import { currentRequestId } from '../request-context.js';
import { ApiError } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, type ApiRoute } from './api-route.js';
import { errorSchema } from './api-schemas.js';

const isoDateTime = z.iso.datetime({ offset: true });

const deadLettersQuery = z.strictObject({
  kind: z.enum(['turn', 'send']).optional().describe('turn: texts whose conversation turn kept failing; send: messages that could not be sent; left out: both'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional().describe('`next` from the previous page'),
});

const deadLetterSchema = z.object({
  id: z.uuid().describe('The message'),
  kind: z.enum(['turn', 'send']),
  participantId: z.uuid().nullable().describe('null for a text to a member of staff (a safeguarding escalation)'),
  recipient: z.string(),
  channel: z.string(),
  messageKind: z.string().describe('What a send was for (reminder, reply, welcome…)'),
  status: z.enum(['failed', 'unconfirmed']),
  attempts: z.number().int(),
  errorCode: z.number().int().nullable().describe("Twilio's error code of the last try, if it gave one"),
  error: z.string().nullable().describe('Why the last try failed, without phone numbers'),
  twilioSid: z.string().nullable().describe("Twilio's MessageSid: of the text, for a turn"),
  createdAt: isoDateTime,
  deadSince: isoDateTime,
  replayable: z.boolean(),
  notReplayableBecause: z.string().nullable(),
});

const replayBody = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(100).describe('Dead letters (message ids) to put back on the normal path'),
});

const replayResult = z.object({
  id: z.uuid(),
  outcome: z.enum(['replayed', 'skipped']),
  kind: z.enum(['turn', 'send']).optional(),
  reason: z.string().optional().describe('Why it was not replayed (already answered or sent, not a dead letter, …)'),
});

/** Turns and sends that kept failing, and replaying them (admin only). No words or numbers are shown. */
export function deadLetterRoutes({ db, clock, queues, logger }: ApiDeps): ApiRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/dead-letters',
      summary: 'Dead letters: texts whose turn kept failing and messages that could not be sent, newest first',
      roles: ['admin'],
      query: deadLettersQuery,
      responses: {
        200: { description: 'A page of dead letters', schema: z.object({ deadLetters: z.array(deadLetterSchema), next: z.string().nullable() }) },
        400: { description: 'Invalid', schema: errorSchema },
      },
      async handle({ query }) {
        try {
          const page = await new ListDeadLetters({ db }).execute({
            ...(query.kind && { kind: query.kind }),
            limit: query.limit,
            ...(query.cursor !== undefined && { cursor: query.cursor }),
          });
          return {
            status: 200,
            body: {
              deadLetters: page.deadLetters.map((d) => ({ ...d, createdAt: d.createdAt.toISOString(), deadSince: d.deadSince.toISOString() })),
              next: page.next,
            },
          };
        } catch (error) {
          if (error instanceof BadCursorError) {
            throw new ApiError(400, 'validation_failed', 'The request query is not valid', { fields: [{ path: 'cursor', message: error.message }] });
          }
          throw error;
        }
      },
    }),
    route({
      method: 'post',
      path: '/api/dead-letters/replay',
      summary: 'Put dead letters back on the normal path: a turn runs again, a send gets a fresh set of tries (each at most once)',
      roles: ['admin'],
      body: replayBody,
      responses: {
        200: { description: 'What happened to each', schema: z.object({ replayed: z.number().int(), results: z.array(replayResult) }) },
        400: { description: 'Invalid', schema: errorSchema },
      },
      async handle({ staff, body }) {
        const results = await new ReplayDeadLetters({
          db,
          clock,
          queues,
          onEnqueueError: (error) => logger.warn({ err: error }, 'replayed dead letter not enqueued; the sweep will pick it up'),
        }).execute({ ids: body.ids, staffId: staff.id, requestId: currentRequestId() ?? null });
        return { status: 200, body: { replayed: results.filter((r) => r.outcome === 'replayed').length, results } };
      },
    }),
  ];
}
