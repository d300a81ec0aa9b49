import { toTwilioAddress } from '../../domain/channel.js';
import type { Clock } from '../../domain/time/clock.js';
import {
  decideAfterLookup,
  findInterruptedSend,
  type LookupResult,
  MAX_RESENDS_AFTER_RECONCILE,
  minimumSafeWaitMs,
  RECONCILE_SAFE_WAIT_MS,
  type ReconcileStep,
  type SentMessageLookup,
} from '../../domain/sending/send-reconcile.js';
import type { DeliveryFailureKind, WhatsAppFallback } from '../../domain/sending/delivery.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db } from '../../store/database.js';
import { recordDeliveryFailure } from './record-delivery-failure.js';
import { MessageRepository } from '../../store/message.repository.js';
import type { MessageRow } from '../../store/schema.js';
import type { ReconcileOutcome } from '../../workers/queues.js';
import { sourceKeys } from '../../domain/job-keys.js';

export interface ReconcileCutSendsDeps {
  db: Db;
  lookup: SentMessageLookup;
  /** What an `ErrorCode` on a failed send means (bot/twilio/send-errors.ts), as for a status callback. */
  classifyStatusErrorCode: (code: number) => DeliveryFailureKind;
  clock: Clock;
  /** Hands a send Twilio did not have back to the outbound queue (job id `send-{id}`, as any send). */
  enqueueSends: (messageIds: string[]) => Promise<void>;
  /** How long a request to Twilio may take: the safe wait must outlast it (see {@link minimumSafeWaitMs}). */
  requestTimeoutMs: number;
  /** @defaultValue {@link RECONCILE_SAFE_WAIT_MS} */
  safeWaitMs?: number;
  /** Counts each outcome for /metrics (best effort). */
  countOutcome?: (outcome: ReconcileOutcome) => Promise<void>;
  /** What a WhatsApp message Twilio failed for the 24-hour window becomes (as for a status callback). */
  whatsappFallback: WhatsAppFallback;
}

export type ReconcileReport = Record<ReconcileOutcome, number>;

/** Lookups per sweep: each is a request to Twilio, and the sweep should stay short. */
const BATCH = 50;

/**
 * The sweep's look at sends cut mid-call (`sending`, no sid, claimed longer ago than the safe wait): each is looked
 * up in Twilio and recorded, sent once more, left for the next sweep, or given up as `unconfirmed`
 * (domain/sending/send-reconcile.ts decides). Every change is fenced on the claimed attempt, so two sweeps, two workers
 * processes or a Redis flush in between cannot make a second copy: only one of them moves the row on.
 */
export class ReconcileCutSends {
  readonly #safeWaitMs: number;

  constructor(private readonly deps: ReconcileCutSendsDeps) {
    this.#safeWaitMs = deps.safeWaitMs ?? RECONCILE_SAFE_WAIT_MS;
    if (this.#safeWaitMs < minimumSafeWaitMs(deps.requestTimeoutMs)) {
      throw new Error(`The reconcile safe wait (${this.#safeWaitMs} ms) must be at least ${minimumSafeWaitMs(deps.requestTimeoutMs)} ms for a ${deps.requestTimeoutMs} ms request timeout`);
    }
  }

  async execute(): Promise<ReconcileReport> {
    const report: ReconcileReport = { found: 0, resent: 0, lookup_failed: 0, given_up: 0 };
    const now = this.deps.clock.now();
    const cut = await new MessageRepository(this.deps.db).listStuckSending(new Date(now.getTime() - this.#safeWaitMs), BATCH);
    for (const message of cut) {
      const lookup = await this.#lookUp(message);
      const state = { claimedAt: claimedAt(message), failedLookups: message.reconcile_lookups, resends: message.reconcile_resends };
      const outcome = await this.#apply(message, decideAfterLookup(state, lookup, now));
      if (outcome) {
        report[outcome]++;
        void this.deps.countOutcome?.(outcome).catch(() => undefined);
      }
      // Twilio is away: the rest wait for the next sweep without spending their tries.
      if (lookup.kind === 'failed') break;
    }
    return report;
  }

  async #lookUp(message: MessageRow): Promise<LookupResult> {
    if (message.sent_as_template) return { kind: 'unmatchable', reason: 'sent as an approved template, whose text Twilio lists rendered; not resent' };
    if (!message.phone) return { kind: 'unmatchable', reason: 'no number' };
    try {
      const candidates = await this.deps.lookup.findSent({ phone: message.phone, channel: message.channel, since: claimedAt(message) });
      const held = await new MessageRepository(this.deps.db).heldSids(candidates.map((c) => c.sid));
      const send = {
        to: toTwilioAddress(message.channel, message.phone),
        body: message.body ?? '',
        sender: this.deps.lookup.senderFor(message.channel),
        claimedAt: claimedAt(message),
      };
      const found = findInterruptedSend(send, candidates, held);
      return found ? { kind: 'found', message: found } : { kind: 'absent' };
    } catch (error) {
      // The SDK's error message never holds the request or its credentials.
      return { kind: 'failed', reason: (error instanceof Error ? error.message : String(error)).slice(0, 200) };
    }
  }

  async #apply(message: MessageRow, step: ReconcileStep): Promise<ReconcileOutcome | undefined> {
    const attempt = { id: message.id, attempts: message.attempts };
    const messages = new MessageRepository(this.deps.db);
    switch (step.kind) {
      case 'record': {
        const recorded = await this.deps.db.transaction().execute(async (tx) => {
          const fields = { twilioSid: step.sid, errorCode: step.errorCode, errorMessage: 'call cut mid-way; found in Twilio and recorded' };
          if (!(await new MessageRepository(tx).settleAttempt(attempt, step.status, fields))) return false;
          if (!message.participant_id) return {};
          const at = this.deps.clock.now();
          await new CaseRecordRepository(tx).append({
            participantId: message.participant_id,
            type: 'message.outbound',
            at,
            data: { messageId: message.id, channel: message.channel, kind: message.kind, body: message.body ?? '' },
            sourceKey: sourceKeys.outbound(message.id),
          });
          // Twilio's callback saying it failed came while we had no sid for it, and was ignored: this is the only
          // time we hear of the failure, so it means what the callback would have meant.
          if ((step.status === 'failed' || step.status === 'undelivered') && step.errorCode !== null) {
            const failure = { kind: this.deps.classifyStatusErrorCode(step.errorCode), code: step.errorCode, message: `Twilio error ${step.errorCode}` };
            return recordDeliveryFailure(tx, { ...message, status: step.status, twilio_sid: step.sid }, failure, at, this.deps.whatsappFallback);
          }
          return {};
        });
        if (recorded && recorded.fallbackMessageId) await this.deps.enqueueSends([recorded.fallbackMessageId]);
        return recorded ? 'found' : undefined;
      }
      case 'resend': {
        const note = 'call cut mid-way and Twilio has no copy; sent once more';
        if (!(await messages.requeueCutSend(attempt, MAX_RESENDS_AFTER_RECONCILE, note))) return undefined;
        await this.deps.enqueueSends([message.id]);
        return 'resent';
      }
      case 'look_again':
        return (await messages.noteFailedLookup(attempt, `call cut mid-way; lookup in Twilio failed (${step.reason}); will look again`))
          ? 'lookup_failed'
          : undefined;
      case 'give_up':
        return (await messages.settleAttempt(attempt, 'unconfirmed', { errorMessage: `call cut mid-way: ${step.reason}` })) ? 'given_up' : undefined;
    }
  }
}

/** Rows claimed before claims were timed fall back to their last update. */
function claimedAt(message: MessageRow): Date {
  return new Date(message.claimed_at ?? message.updated_at);
}
