import type { Logger } from 'pino';
import type { Channel } from '../domain/channel.js';
import type { Clock } from '../domain/clock.js';
import { CaseRecordRepository } from '../store/case-record.repository.js';
import type { Db } from '../store/database.js';
import { MessageRepository } from '../store/message.repository.js';
import { ParticipantRepository } from '../store/participant.repository.js';
import type { JobQueues } from '../workers/queues.js';

export interface InboundText {
  messageSid: string;
  channel: Channel;
  phone: string;
  body: string;
}

const ENQUEUE_TIMEOUT_MS = 1000;

/**
 * The first step of every inbound message, from Twilio or the sandbox: store it once (with its case-record
 * event) before anyone is told "received", then ask for a turn. If Redis is away, the stored row is enough:
 * the sweep asks again.
 */
export class InboundIntake {
  constructor(
    private readonly deps: { db: Db; queues: JobQueues; clock: Clock; logger: Logger },
  ) {}

  async accept(text: InboundText): Promise<{ messageId: string; created: boolean; participantId: string | null }> {
    const { db } = this.deps;
    const participant = await new ParticipantRepository(db).findByPhone(text.phone);
    const participantId = participant?.id ?? null;
    const { message, created } = await db.transaction().execute(async (tx) => {
      const stored = await new MessageRepository(tx).insertInbound({
        participantId,
        channel: text.channel,
        phone: text.phone,
        body: text.body,
        twilioSid: text.messageSid,
      });
      if (stored.created && participantId) {
        await new CaseRecordRepository(tx).append({
          participantId,
          type: 'message.inbound',
          at: this.deps.clock.now(),
          data: { messageId: stored.message.id, channel: text.channel, body: text.body },
          sourceKey: `message-${text.messageSid}`,
        });
      }
      return stored;
    });
    if (message.status === 'received') await this.requestTurn(text.messageSid, message.id);
    return { messageId: message.id, created, participantId: message.participant_id };
  }

  private async requestTurn(messageSid: string, messageId: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.deps.queues.enqueueTurn(messageSid, { messageId }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('enqueue timed out')), ENQUEUE_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.deps.logger.warn({ err: error, messageId }, 'turn not enqueued; the sweep will pick it up');
    } finally {
      clearTimeout(timer);
    }
  }
}
