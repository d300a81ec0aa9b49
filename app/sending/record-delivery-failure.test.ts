import { describe, expect, it } from 'vitest';
import type { DeliveryFailure, WhatsAppFallback } from '../../domain/sending/delivery.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { MessageRow } from '../../store/schema.js';
import { caseRecordWrites } from '../../test/case-record-writes.fixture.js';
import { recordDeliveryFailure } from './record-delivery-failure.js';

const AT = new Date('2026-03-10T09:15:00Z');

describe.each([['postgres'], ['pglite']] as const)('recordDeliveryFailure on %s', (engine) => {
  const { db, newParticipant, events, alertsOf, messagesOf, queuedOutbound } = caseRecordWrites(engine, 'delivery_failures');

  const recordFailure = (message: MessageRow, failure: DeliveryFailure, fallback: WhatsAppFallback = { kind: 'none' }) =>
    db().transaction().execute((tx) => recordDeliveryFailure(tx, message, failure, AT, fallback));

  it('does nothing for a message with no participant', async () => {
    const p = await newParticipant();
    const message = await queuedOutbound(p);
    expect(await recordFailure({ ...message, participant_id: null }, { kind: 'bad_number', code: 21211, message: 'bad' })).toEqual({});
    expect(await events(p.id)).toEqual([]);
    expect(await alertsOf(p.id)).toEqual([]);
  });

  it('tries a retryable delivery failure once more as a new message, then gives up with an alert', async () => {
    const p = await newParticipant();
    const message = await queuedOutbound(p);
    const failure: DeliveryFailure = { kind: 'retryable', code: 30001, message: 'Queue overflow' };
    const first = await recordFailure(message, failure);
    expect(first.fallbackMessageId).toEqual(expect.any(String));
    expect(await recordFailure(message, failure)).toEqual(first);
    const resend = await new MessageRepository(db()).findById(first.fallbackMessageId as string);
    expect(resend).toMatchObject({ status: 'queued', body: message.body, fallback_of: message.id, source_key: `resend-${message.id}` });
    expect(await alertsOf(p.id)).toEqual([]);

    expect(await recordFailure(resend as MessageRow, failure)).toEqual({});
    expect(await alertsOf(p.id)).toEqual([expect.objectContaining({ type: 'undeliverable' })]);
  });

  it('opts the participant out on a carrier opt-out, recording it once', async () => {
    const p = await newParticipant();
    const message = await queuedOutbound(p);
    const failure: DeliveryFailure = { kind: 'opted_out', code: 21610, message: 'Attempt to send to unsubscribed recipient' };
    expect(await recordFailure(message, failure)).toEqual({});
    expect(await recordFailure(message, failure)).toEqual({});
    expect(await new ParticipantRepository(db()).findById(p.id)).toMatchObject({ opted_out: true, opted_out_at: AT });
    const record = await events(p.id);
    expect(record).toHaveLength(1);
    expect(record[0]).toMatchObject({ type: 'consent.opted_out', data: { source: 'twilio', code: 21610 }, at: AT });
    expect(await alertsOf(p.id)).toEqual([]);
  });

  it('raises one undeliverable alert for a bad number', async () => {
    const p = await newParticipant();
    const message = await queuedOutbound(p);
    const failure: DeliveryFailure = { kind: 'bad_number', code: 21614, message: 'not a mobile number' };
    await recordFailure(message, failure);
    await recordFailure(message, failure);
    const alerts = await alertsOf(p.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      type: 'undeliverable',
      priority: 'high',
      data: { messageId: message.id, channel: 'sms', code: 21614, reason: expect.stringContaining('not a mobile number') },
    });
    expect((await events(p.id)).map((e) => e.type)).toEqual(['contact.wrong_number', 'alert.raised']);
    // The number is marked wrong (nothing more goes to it until the phone changes); the person has not opted out.
    expect(await new ParticipantRepository(db()).findById(p.id)).toMatchObject({ opted_out: false, wrong_number_at: AT });
  });

  it('queues one SMS fallback for a WhatsApp message outside the 24-hour window', async () => {
    const p = await newParticipant({ channel: 'whatsapp' });
    const message = await queuedOutbound(p);
    const failure: DeliveryFailure = { kind: 'whatsapp_window', code: 63016, message: 'outside the allowed window' };
    const first = await recordFailure(message, failure, { kind: 'sms' });
    const second = await recordFailure(message, failure, { kind: 'sms' });
    expect(first.fallbackMessageId).toEqual(expect.any(String));
    expect(second.fallbackMessageId).toBe(first.fallbackMessageId);
    const fallbacks = (await messagesOf(p.id)).filter((m) => m.fallback_of === message.id);
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0]).toMatchObject({
      id: first.fallbackMessageId,
      source_key: `fallback-${message.id}`,
      channel: 'sms',
      phone: p.phone,
      body: message.body,
      kind: message.kind,
      status: 'queued',
    });
    expect(await alertsOf(p.id)).toEqual([]);
  });

  it('queues a WhatsApp template fallback when one is set up', async () => {
    const p = await newParticipant({ channel: 'whatsapp' });
    const message = await queuedOutbound(p);
    const { fallbackMessageId } = await recordFailure(
      message,
      { kind: 'whatsapp_window', code: 63016, message: 'outside the allowed window' },
      { kind: 'template', contentSid: 'HX00000000000000000000000000000000' },
    );
    expect(await new MessageRepository(db()).findById(fallbackMessageId as string)).toMatchObject({
      channel: 'whatsapp',
      kind: 'whatsapp_template',
      fallback_of: message.id,
    });
  });

  it('raises an undeliverable alert when WhatsApp refuses and there is no fallback', async () => {
    const p = await newParticipant({ channel: 'whatsapp' });
    const message = await queuedOutbound(p);
    const result = await recordFailure(message, { kind: 'whatsapp_window', code: 63016, message: 'outside window' });
    expect(result).toEqual({});
    expect((await messagesOf(p.id)).filter((m) => m.fallback_of === message.id)).toEqual([]);
    expect((await alertsOf(p.id)).map((a) => a.type)).toEqual(['undeliverable']);
  });
});
