import type { Logger } from 'pino';
import type { Channel } from '../domain/channel.js';
import type { Clock } from '../domain/time/clock.js';
import type { Db } from '../store/database.js';
import { MessageRepository, type StoredArrival } from '../store/message.repository.js';
import type { JobQueues } from '../workers/queues.js';

export interface InboundText {
  messageSid: string;
  channel: Channel;
  phone: string;
  body: string;
}

export interface IntakeResult {
  messageId: string;
  created: boolean;
  participantId: string | null;
}

interface Waiting {
  text: InboundText;
  resolve: (result: IntakeResult) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;
const MAX_FLUSHES_IN_FLIGHT = 2;
const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * The first step of every inbound text, from Twilio or the sandbox: store it once (with its case-record event)
 * before anyone is told "received", then ask for a turn. Texts that arrive while a write is in flight are stored
 * together in the next one (group commit): one text waits for no one, a thousand share a few commits. If Redis is
 * away, the stored row is enough: the sweep asks for the turn again.
 */
export class InboundIntake {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(private readonly deps: { db: Db; queues: JobQueues; clock: Clock; logger: Logger }) {}

  accept(text: InboundText): Promise<IntakeResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ text, resolve, reject });
      if (this.inFlight < MAX_FLUSHES_IN_FLIGHT) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.inFlight++;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        let stored: Map<string, StoredArrival>;
        try {
          stored = await new MessageRepository(this.deps.db).insertInboundBatch(
            batch.map(({ text }) => ({ twilioSid: text.messageSid, channel: text.channel, phone: text.phone, body: text.body })),
            this.deps.clock.now(),
          );
        } catch (error) {
          for (const w of batch) w.reject(error);
          continue;
        }
        for (const w of batch) {
          const row = stored.get(w.text.messageSid);
          if (row) w.resolve({ messageId: row.messageId, created: row.created, participantId: row.participantId });
          else w.reject(new Error(`Inbound ${w.text.messageSid} was neither stored nor found`));
        }
        void this.requestTurns([...stored.values()].filter((row) => row.status === 'received'));
      }
    } finally {
      this.inFlight--;
    }
  }

  private async requestTurns(rows: StoredArrival[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.deps.queues.enqueueTurns(rows.map((r) => ({ twilioSid: r.twilioSid, messageId: r.messageId }))),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('enqueue timed out')), ENQUEUE_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.deps.logger.warn({ err: error, count: rows.length }, 'turns not enqueued; the sweep will pick them up');
    } finally {
      clearTimeout(timer);
    }
  }
}
