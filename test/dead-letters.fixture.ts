import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database.js';
import { MessageRepository } from '../store/message.repository.js';
import { ParticipantRepository } from '../store/participant.repository.js';

/** A participant and one text of theirs waiting for its turn, as the webhook stores them. */
export async function participantWithText(db: Db, phone: string, words: string): Promise<{ participantId: string; messageId: string; sid: string }> {
  const participant = await new ParticipantRepository(db).create({
    firstName: 'Sam',
    phone,
    channel: 'sms',
    language: 'en',
    keyWorkerId: null,
    team: 'North',
    referredAt: null,
    consentBasis: 'consent',
    consentAt: new Date('2026-03-01T09:00:00Z'),
  });
  const sid = `SM${randomUUID().replace(/-/g, '')}`;
  const stored = await new MessageRepository(db).insertInboundBatch([{ twilioSid: sid, channel: 'sms', phone, body: words }], new Date());
  return { participantId: participant.id, messageId: stored.get(sid)?.messageId as string, sid };
}
