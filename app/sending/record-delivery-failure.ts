import type { AlertDraft } from '../../domain/case-record/case-record.types.js';
import type { DeliveryFailure, WhatsAppFallback } from '../../domain/sending/delivery.js';
import { applyWriteback } from '../conversation/apply-writeback.js';
import type { Tx } from '../../store/database.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { MessageRow } from '../../store/schema.js';
import { sourceKeys } from '../../domain/job-keys.js';

/**
 * What a failed message means for the person and their key worker, whether Twilio said so when we sent it or
 * later in a status callback (https://www.twilio.com/docs/api/errors). Keyed by the message, so telling twice
 * records once.
 */
export async function recordDeliveryFailure(
  tx: Tx,
  message: MessageRow,
  failure: DeliveryFailure,
  at: Date,
  whatsappFallback: WhatsAppFallback,
): Promise<{ fallbackMessageId?: string }> {
  if (!message.participant_id) return {};
  const sourceKey = sourceKeys.deliveryFailure(message.id);
  const messages = new MessageRepository(tx);
  const undeliverable = (reason: string): AlertDraft => ({
    type: 'undeliverable',
    key: 'undeliverable',
    data: { messageId: message.id, channel: message.channel, code: failure.code ?? null, reason },
  });

  // Twilio could not take it this time (e.g. 30001 queue overflow): one more try as a new message, never a chain.
  if (failure.kind === 'retryable' && !message.fallback_of && message.phone) {
    const { message: resend } = await messages.insertOutbound({
      participantId: message.participant_id,
      channel: message.channel,
      phone: message.phone,
      body: message.body ?? '',
      kind: message.kind,
      sourceKey: sourceKeys.resend(message.id),
      status: 'queued',
      fallbackOf: message.id,
      insteadOf: message.instead_of,
    });
    return resend.status === 'queued' ? { fallbackMessageId: resend.id } : {};
  }

  if (failure.kind === 'opted_out') {
    const participant = await new ParticipantRepository(tx).findById(message.participant_id);
    // Every later message to someone the carrier has opted out fails the same way: record the opt-out once.
    if (!participant || participant.opted_out) return {};
    await applyWriteback(tx, {
      participantId: message.participant_id,
      sourceKey,
      at: at.toISOString(),
      consent: 'opted_out',
      events: [{ type: 'consent.opted_out', key: 'carrier', data: { source: 'twilio', code: failure.code ?? null } }],
      alerts: [],
      replies: [],
    });
    return {};
  }

  if (failure.kind === 'whatsapp_window' && message.channel === 'whatsapp' && message.phone && whatsappFallback.kind !== 'none') {
    const { message: fallback } = await messages.insertOutbound({
      participantId: message.participant_id,
      channel: whatsappFallback.kind === 'sms' ? 'sms' : 'whatsapp',
      phone: message.phone,
      body: message.body ?? '',
      kind: whatsappFallback.kind === 'sms' ? message.kind : 'whatsapp_template',
      sourceKey: sourceKeys.fallback(message.id),
      status: 'queued',
      fallbackOf: message.id,
      insteadOf: whatsappFallback.kind === 'sms' ? 'whatsapp' : null,
    });
    return fallback.status === 'queued' ? { fallbackMessageId: fallback.id } : {};
  }

  if (failure.kind === 'bad_number') await new ParticipantRepository(tx).markWrongNumber(message.participant_id, at);
  const reason =
    failure.kind === 'retryable'
      ? `Could not be sent after a second try: ${failure.message}`
      : failure.kind === 'bad_number'
      ? 'The phone number is not a mobile number or does not exist'
      : failure.kind === 'whatsapp_window'
        ? 'WhatsApp would not deliver outside its 24-hour window and no fallback is set up'
        : failure.message;
  await applyWriteback(tx, {
    participantId: message.participant_id,
    sourceKey,
    at: at.toISOString(),
    events: failure.kind === 'bad_number' ? [{ type: 'contact.wrong_number', key: 'carrier', data: { source: 'twilio', code: failure.code ?? null } }] : [],
    alerts: [undeliverable(reason)],
    replies: [],
  });
  return {};
}
