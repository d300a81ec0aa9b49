import type { Clock } from '../../domain/time/clock.js';
import {
  type DeliveryFailure,
  MAX_SEND_ATTEMPTS,
  mayReachOptedOut,
  type MessageTransport,
  templateVariableText,
  type WhatsAppFallback,
  whatsappRoute,
} from '../../domain/sending/delivery.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db } from '../../store/database.js';
import { recordDeliveryFailure } from './record-delivery-failure.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { MessageRow } from '../../store/schema.js';
import { sourceKeys } from '../../domain/job-keys.js';

export interface SendOutboundDeps {
  db: Db;
  transport: MessageTransport;
  classify: (error: unknown) => DeliveryFailure;
  clock: Clock;
  statusCallbackUrl: string | undefined;
  whatsappFallback: WhatsAppFallback;
  /** Hands newly made messages (a WhatsApp fallback) to the outbound queue. */
  enqueueSends: (messageIds: string[]) => Promise<void>;
  /** Waits for this request's slot under the outbound rate limit (workers/request-spacer.ts). */
  awaitSendSlot?: () => Promise<void>;
}

export type SendOutcome =
  | { kind: 'sent'; sid: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; failure: DeliveryFailure }
  /** No answer, and Twilio may have it: left `sending` for the sweep to look up after the safe wait. */
  | { kind: 'cut'; failure: DeliveryFailure }
  /** Twilio answered after the sweep had already reconciled this attempt (never within the safe wait). */
  | { kind: 'late'; sid: string };

/** A failure worth another try later; the queue spaces the tries out. */
export class RetryableSendError extends Error {
  constructor(readonly failure: DeliveryFailure) {
    super(`Send failed, will retry: ${failure.message}`);
  }
}

/**
 * Sends one outbound message effectively once. The row is claimed (`sending`, with the claim time and attempt
 * count) in a committed transaction before Twilio is called, so a second job for the same message finds it claimed
 * and does nothing. A call cut mid-way (or a crash in it) leaves it `sending`; the sweep looks it up in Twilio after
 * a safe wait (app/sending/reconcile-cut-sends.action.ts). Every move on from `sending` is fenced on the attempt, so
 * this attempt's late answer and the sweep's reconcile can never both act.
 */
export class SendOutboundMessage {
  constructor(private readonly deps: SendOutboundDeps) {}

  async execute(messageId: string): Promise<SendOutcome> {
    const claimed = await this.claim(messageId);
    if ('skipped' in claimed) return { kind: 'skipped', reason: claimed.skipped };
    const { message, phone, asTemplate, smsForWhatsApp } = claimed;
    const template = asTemplate && this.deps.whatsappFallback.kind === 'template' ? this.deps.whatsappFallback.contentSid : undefined;

    // Redis away: the queue's own limiter has already spaced the jobs' starts, which is the most it can do.
    await this.deps.awaitSendSlot?.().catch(() => undefined);
    let result: { sid: string; status: string };
    try {
      result = await this.deps.transport.send({
        to: phone,
        channel: message.channel,
        body: message.body ?? '',
        statusCallback: this.deps.statusCallbackUrl,
        ...(template && { contentSid: template, contentVariables: { '1': templateVariableText(message.body ?? '') } }),
      });
    } catch (error) {
      return this.handleFailure(message, this.deps.classify(error));
    }

    const attempt = { id: message.id, attempts: message.attempts };
    const recorded = await this.deps.db.transaction().execute(async (tx) => {
      if (!(await new MessageRepository(tx).settleAttempt(attempt, acceptedStatus(result.status), { twilioSid: result.sid }))) return false;
      if (message.participant_id) {
        await new CaseRecordRepository(tx).append({
          participantId: message.participant_id,
          type: 'message.outbound',
          at: this.deps.clock.now(),
          // How it went as well as what: an approved template, or SMS because WhatsApp's 24 hours had passed.
          data: {
            messageId: message.id,
            channel: message.channel,
            kind: message.kind,
            body: message.body ?? '',
            ...(template && { whatsappTemplate: template }),
            ...(smsForWhatsApp && { insteadOf: 'whatsapp' }),
            ...(message.fallback_of && { fallbackOf: message.fallback_of }),
          },
          sourceKey: sourceKeys.outbound(message.id),
        });
      }
      return true;
    });
    return recorded ? { kind: 'sent', sid: result.sid } : { kind: 'late', sid: result.sid };
  }

  private async claim(
    messageId: string,
  ): Promise<{ message: MessageRow; phone: string; asTemplate: boolean; smsForWhatsApp: boolean } | { skipped: string }> {
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
        await messages.setStatus(message.id, 'sending', this.claimFields(message, false));
        return { message: { ...message, channel: 'sms', attempts: message.attempts + 1 }, phone: message.phone, asTemplate: false, smsForWhatsApp: false };
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
      // Chosen on an earlier try, or made as the fallback of a WhatsApp message refused with 63016.
      let smsForWhatsApp = message.instead_of === 'whatsapp';
      if (channel === 'whatsapp' && !asTemplate) {
        const route = whatsappRoute(await messages.lastInboundAt(participant.id, 'whatsapp'), this.deps.clock.now(), this.deps.whatsappFallback);
        if (route === 'sms') {
          channel = 'sms';
          smsForWhatsApp = true;
          await messages.setChannel(message.id, channel, 'whatsapp');
        }
        asTemplate = route === 'template';
      }
      await messages.setStatus(message.id, 'sending', this.claimFields(message, asTemplate));
      return { message: { ...message, channel, attempts: message.attempts + 1 }, phone: message.phone, asTemplate, smsForWhatsApp };
    });
  }

  /** The claim: the next attempt, when it began (a cut send is matched in Twilio from then), and how it goes. */
  private claimFields(message: MessageRow, asTemplate: boolean) {
    return { attempts: message.attempts + 1, claimedAt: this.deps.clock.now(), sentAsTemplate: asTemplate, errorCode: null, errorMessage: null };
  }

  private async handleFailure(message: MessageRow, failure: DeliveryFailure): Promise<SendOutcome> {
    const attempt = { id: message.id, attempts: message.attempts };
    const messages = new MessageRepository(this.deps.db);
    const fields = { errorCode: failure.code ?? null, errorMessage: failure.message.slice(0, 500) };
    if (failure.maybeSent) {
      // Sending again now could make a second copy: the sweep looks it up in Twilio once the original cannot land.
      const note = `No answer from Twilio (${failure.message.slice(0, 200)}); it will be looked up in Twilio before any second try`;
      await messages.settleAttempt(attempt, 'sending', { errorCode: null, errorMessage: note });
      return { kind: 'cut', failure };
    }
    const giveUp = failure.kind !== 'retryable' || message.attempts >= MAX_SEND_ATTEMPTS;
    if (!giveUp) {
      if (!(await messages.settleAttempt(attempt, 'queued', fields))) return { kind: 'skipped', reason: 'reconciled meanwhile' };
      throw new RetryableSendError(failure);
    }
    const final: DeliveryFailure =
      failure.kind === 'retryable' ? { ...failure, kind: 'permanent', message: `Gave up after ${message.attempts} tries: ${failure.message}` } : failure;
    const settled = await this.deps.db.transaction().execute(async (tx) => {
      // Out of tries on a failure that might pass (Twilio busy): a dead letter an admin can replay.
      const parked = failure.kind === 'retryable' ? { parkedAt: this.deps.clock.now() } : {};
      if (!(await new MessageRepository(tx).settleAttempt(attempt, 'failed', { ...fields, ...parked }))) return undefined;
      return recordDeliveryFailure(tx, message, final, this.deps.clock.now(), this.deps.whatsappFallback);
    });
    if (!settled) return { kind: 'skipped', reason: 'reconciled meanwhile' };
    if (settled.fallbackMessageId) await this.deps.enqueueSends([settled.fallbackMessageId]);
    return { kind: 'failed', failure: final };
  }
}

/** Twilio answers a create with `queued`/`accepted`; ours already means "not handed over", so call it accepted. */
function acceptedStatus(twilioStatus: string): string {
  return ['sent', 'delivered', 'read'].includes(twilioStatus) ? twilioStatus : 'accepted';
}
