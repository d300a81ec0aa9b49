import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { caseloadOf } from '../../domain/caseload.js';
import { parseTwilioAddress } from '../../domain/channel.js';
import { normaliseMobile } from '../../domain/phone.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { notFound } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, type ApiRoute } from './api-route.js';
import { errorSchema, outboxEntry, outboxQuery, sandboxInboundBody } from './api-schemas.js';
import { outboxJson } from './presenters.js';

const OUTBOX_LIMIT = 500;

/** Sandbox mode only: see what would have been sent, and reply as a participant through the real path. */
export function sandboxRoutes({ db, config, intake }: ApiDeps): ApiRoute[] {
  if (!config.sandbox) return [];
  return [
    route({
      method: 'get',
      path: '/api/sandbox/outbox',
      summary: 'What would have been sent (sandbox mode only), newest first',
      query: outboxQuery,
      responses: { 200: { description: 'Messages', schema: z.array(outboxEntry) } },
      async handle({ staff, query }) {
        if (query.participantId) {
          const participant = await new ParticipantRepository(db).findById(query.participantId, caseloadOf(staff));
          if (!participant) throw notFound('No such participant in your caseload');
        } else if (staff.role !== 'admin') {
          const mine = await new ParticipantRepository(db).list(caseloadOf(staff));
          const ids = new Set(mine.map((p) => p.id));
          const rows = await new MessageRepository(db).listOutbound(undefined, OUTBOX_LIMIT);
          return { status: 200, body: rows.filter((r) => r.participant_id && ids.has(r.participant_id)).map(outboxJson) };
        }
        const rows = await new MessageRepository(db).listOutbound(query.participantId, OUTBOX_LIMIT);
        return { status: 200, body: rows.map(outboxJson) };
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
        const participant = phone.ok ? await new ParticipantRepository(db).findByPhone(phone.e164) : undefined;
        const mine = participant && (await new ParticipantRepository(db).findById(participant.id, caseloadOf(staff)));
        if (!phone.ok || !mine) throw notFound('No participant in your caseload has that number');
        const messageSid = `SM${randomBytes(16).toString('hex')}`;
        const { messageId } = await intake.accept({ messageSid, channel: address.channel, phone: phone.e164, body: body.body });
        return { status: 200, body: { messageSid, messageId } };
      },
    }),
  ];
}
