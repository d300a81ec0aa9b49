import type { Logger } from 'pino';
import { GroupCommit } from '../domain/concurrency/group-commit.js';
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

const MAX_BATCH = 200;
const MAX_FLUSHES_IN_FLIGHT = 2;
const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * The first step of every inbound text, from Twilio or the sandbox: store it once (with its case-record event)
 * before anyone is told "received", then ask for a turn. Texts that arrive while a write is in flight are stored
 * together in the next one (group commit), and a write starts only once the event loop has read what has arrived
 * (gatherArrivals): one text waits one turn of the loop, a burst shares a few commits instead of its first one or
 * two texts going alone while the rest wait for them. A group is cut once its write holds a database connection
 * (hold): on PGlite's one session a write waits for the one before it, and the texts that arrive meanwhile go in it
 * instead of waiting for a third. If Redis is away, the stored row is enough: the sweep asks for the turn again.
 */
export class InboundIntake {
  private readonly commit: GroupCommit<InboundText, IntakeResult, Db>;

  constructor(private readonly deps: { db: Db; queues: JobQueues; clock: Clock; logger: Logger }) {
    this.commit = new GroupCommit((texts, connection) => this.store(texts, connection), {
      maxBatch: MAX_BATCH,
      maxInFlight: MAX_FLUSHES_IN_FLIGHT,
      gatherArrivals: true,
      hold: (use) => deps.db.connection().execute(use),
      missing: (text) => new Error(`Inbound ${text.messageSid} was neither stored nor found`),
    });
  }

  accept(text: InboundText): Promise<IntakeResult> {
    return this.commit.submit(text);
  }

  private async store(texts: InboundText[], connection: Db): Promise<(IntakeResult | undefined)[]> {
    const stored = await new MessageRepository(connection).insertInboundBatch(
      texts.map((text) => ({ twilioSid: text.messageSid, channel: text.channel, phone: text.phone, body: text.body })),
      this.deps.clock.now(),
    );
    void this.requestTurns([...stored.values()].filter((row) => row.status === 'received'));
    return texts.map((text) => {
      const row = stored.get(text.messageSid);
      return row && { messageId: row.messageId, created: row.created, participantId: row.participantId };
    });
  }

  private async requestTurns(rows: StoredArrival[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.deps.queues.requestTurns(rows.map((r) => ({ twilioSid: r.twilioSid, messageId: r.messageId }))),
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
