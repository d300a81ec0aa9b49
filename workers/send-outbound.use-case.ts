import type { Clock } from '../domain/clock.js';
import {
  type DeliveryFailure,
  MAX_SEND_ATTEMPTS,
  mayReachOptedOut,
  type MessageTransport,
  type WhatsAppFallback,
  whatsappRoute,
} from '../domain/delivery.js';
import { CaseRecordRepository } from '../store/case-record.repository.js';
import type { Db } from '../store/database.js';
import { recordDeliveryFailure } from '../store/delivery-failure.recorder.js';
import { MessageRepository } from '../store/message.repository.js';
import { ParticipantRepository } from '../store/participant.repository.js';
import type { MessageRow } from '../store/schema.js';

export interface SendOutboundDeps {
  db: Db;
  transport: MessageTransport;
  classify: (error: unknown) => DeliveryFailure;
  clock: Clock;
  statusCallbackUrl: string | undefined;
  whatsappFallback: WhatsAppFallback;
  /** Hands newly made messages (a WhatsApp fallback) to the outbound queue. */
  enqueueSends: (messageIds: string[]) => Promise<void>;
}

export type SendOutcome =
  | { kind: 'sent'; sid: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; failure: DeliveryFailure };

/** A failure worth another try later; the queue spaces the tries out. */
export class RetryableSendError extends Error {
  constructor(readonly failure: DeliveryFailure) {
    super(`Send failed, will retry: ${failure.message}`);
  }
}

/**
 * Sends one outbound message at most once. The row is claimed (`sending`) in a committed transaction before
 * Twilio is called, so a second job for the same message finds it claimed and does nothing. A crash in the
 * middle of the call leaves it `sending`, and the sweep marks it unconfirmed rather than risk a second copy.
 */
export class SendOutboundMessage {
  constructor(private readonly deps: SendOutboundDeps) {}

  async execute(messageId: string): Promise<SendOutcome> {
    const claimed = await this.claim(messageId);
    if ('skipped' in claimed) return { kind: 'skipped', reason: claimed.skipped };
    const { message, phone, asTemplate } = claimed;

    let result: { sid: string; status: string };
    try {
      result = await this.deps.transport.send({
        to: phone,
        channel: message.channel,
        body: message.body ?? '',
        statusCallback: this.deps.statusCallbackUrl,
        ...(asTemplate &&
          this.deps.whatsappFallback.kind === 'template' && {
            contentSid: this.deps.whatsappFallback.contentSid,
            contentVariables: { '1': message.body ?? '' },
          }),
      });
    } catch (error) {
      return this.handleFailure(message, this.deps.classify(error));
    }

    await this.deps.db.transaction().execute(async (tx) => {
      await new MessageRepository(tx).setStatus(message.id, acceptedStatus(result.status), { twilioSid: result.sid });
      if (message.participant_id) {
        await new CaseRecordRepository(tx).append({
          participantId: message.participant_id,
          type: 'message.outbound',
          at: this.deps.clock.now(),
          data: { messageId: message.id, channel: message.channel, kind: message.kind, body: message.body ?? '' },
          sourceKey: `outbound-${message.id}`,
        });
      }
    });
    return { kind: 'sent', sid: result.sid };
  }

  private async claim(messageId: string): Promise<{ message: MessageRow; phone: string; asTemplate: boolean } | { skipped: string }> {
    return this.deps.db.transaction().execute(async (tx) => {
      const messages = new MessageRepository(tx);
      const message = await messages.lockById(messageId);
      if (!message || message.direction !== 'outbound') return { skipped: 'no such outbound message' };
      if (message.status !== 'queued') return { skipped: `already ${message.status}` };
      // A text to a member of staff (a safeguarding contact): no participant's consent, mutes or channel apply.
      if (message.recipient === 'staff') {
        if (!message.phone) {
          await messages.setStatus(message.id, 'suppressed', { errorMessage: 'no number' });
          return { skipped: 'no number' };
        }
        await messages.setStatus(message.id, 'sending', { attempts: message.attempts + 1 });
        return { message: { ...message, channel: 'sms', attempts: message.attempts + 1 }, phone: message.phone, asTemplate: false };
      }
      const participant = message.participant_id
        ? await new ParticipantRepository(tx).findById(message.participant_id)
        : undefined;
      if (!participant || !message.phone) {
        await messages.setStatus(message.id, 'suppressed', { errorMessage: 'participant erased' });
        return { skipped: 'participant erased' };
      }
      // Whoever has the number now gets the apology, and crisis signposting if they wrote in crisis: nothing else.
      if (participant.wrong_number_at && message.kind !== 'wrong_number_apology' && message.kind !== 'crisis') {
        await messages.setStatus(message.id, 'suppressed', { errorMessage: 'wrong number' });
        return { skipped: 'wrong number' };
      }
      // No recorded consent (a CRM row imported with consent "no", or consent since withdrawn): never texted, except
      // the few answers an opted-out person still gets to a text of their own (a crisis, HELP, the STOP confirmation).
      if (!participant.consent_contact && !mayReachOptedOut(message.kind)) {
        await messages.setStatus(message.id, 'suppressed', { errorMessage: 'no consent' });
        return { skipped: 'no consent' };
      }
      // Opt-out is checked at the last moment: a STOP that arrived after this was queued still wins.
      if (participant.opted_out && !mayReachOptedOut(message.kind)) {
        await messages.setStatus(message.id, 'suppressed', { errorMessage: 'participant opted out' });
        return { skipped: 'opted out' };
      }
      let channel = message.channel;
      let asTemplate = message.kind === 'whatsapp_template';
      if (channel === 'whatsapp' && !asTemplate) {
        const route = whatsappRoute(await messages.lastInboundAt(participant.id, 'whatsapp'), this.deps.clock.now(), this.deps.whatsappFallback);
        if (route === 'sms') {
          channel = 'sms';
          await messages.setChannel(message.id, channel);
        }
        asTemplate = route === 'template';
      }
      await messages.setStatus(message.id, 'sending', { attempts: message.attempts + 1 });
      return { message: { ...message, channel, attempts: message.attempts + 1 }, phone: message.phone, asTemplate };
    });
  }

  private async handleFailure(message: MessageRow, failure: DeliveryFailure): Promise<SendOutcome> {
    const giveUp = failure.kind !== 'retryable' || message.attempts >= MAX_SEND_ATTEMPTS;
    const fields = { errorCode: failure.code ?? null, errorMessage: failure.message.slice(0, 500) };
    if (!giveUp) {
      await new MessageRepository(this.deps.db).setStatus(message.id, 'queued', fields);
      throw new RetryableSendError(failure);
    }
    const final: DeliveryFailure =
      failure.kind === 'retryable' ? { ...failure, kind: 'permanent', message: `Gave up after ${message.attempts} tries: ${failure.message}` } : failure;
    const { fallbackMessageId } = await this.deps.db.transaction().execute(async (tx) => {
      await new MessageRepository(tx).setStatus(message.id, 'failed', fields);
      return recordDeliveryFailure(tx, message, final, this.deps.clock.now(), this.deps.whatsappFallback);
    });
    if (fallbackMessageId) await this.deps.enqueueSends([fallbackMessageId]);
    return { kind: 'failed', failure: final };
  }
}

/** Twilio answers a create with `queued`/`accepted`; ours already means "not handed over", so call it accepted. */
function acceptedStatus(twilioStatus: string): string {
  return ['sent', 'delivered', 'read'].includes(twilioStatus) ? twilioStatus : 'accepted';
}
