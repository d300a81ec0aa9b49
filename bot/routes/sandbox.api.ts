import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hasParticipantWithPhone } from '../../app/participant-in-caseload.js';
import { ReadSandboxOutbox } from '../../app/sending/read-sandbox-outbox.action.js';
import { parseTwilioAddress } from '../../domain/channel.js';
import { normaliseMobile } from '../../domain/phone.js';
import { notFound } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, type ApiRoute } from './api-route.js';
import { errorSchema, outboxEntry, outboxQuery, sandboxInboundBody } from './api-schemas.js';
import { outboxJson } from './presenters.js';

/** Sandbox mode only: see what would have been sent, and reply as a participant through the real path. */
export function sandboxRoutes({ db, config, intake }: ApiDeps): ApiRoute[] {
  if (!config.sandbox) return [];
  const readOutbox = new ReadSandboxOutbox({ db });
  return [
    route({
      method: 'get',
      path: '/api/sandbox/outbox',
      summary: 'What would have been sent (sandbox mode only), newest first',
      query: outboxQuery,
      responses: { 200: { description: 'Messages', schema: z.array(outboxEntry) } },
      async handle({ staff, query }) {
        return { status: 200, body: (await readOutbox.execute(staff, query.participantId)).map(outboxJson) };
      },
    }),
    route({
      method: 'post',
      path: '/api/sandbox/inbound',
      summary: "Play a participant's text through the same path as /twilio/inbound (sandbox mode only)",
      body: sandboxInboundBody,
      responses: {
        200: { description: 'Stored; the turn runs on the queue', schema: z.object({ messageSid: z.string(), messageId: z.uuid() }) },
        400: { description: 'Invalid', schema: errorSchema },
        404: { description: 'No participant in your caseload has that number', schema: errorSchema },
      },
      async handle({ staff, body }) {
        const address = parseTwilioAddress(body.from);
        const phone = normaliseMobile(address.phone);
        if (!phone.ok || !(await hasParticipantWithPhone(db, staff, phone.e164))) throw notFound('No participant in your caseload has that number');
        const messageSid = `SM${randomBytes(16).toString('hex')}`;
        const { messageId } = await intake.accept({ messageSid, channel: address.channel, phone: phone.e164, body: body.body });
        return { status: 200, body: { messageSid, messageId } };
      },
    }),
  ];
}
