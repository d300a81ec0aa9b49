import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryFailure, WhatsAppFallback } from '../domain/delivery.js';
import type { WritebackPayload } from '../domain/writeback.types.js';
import { openTestEngine } from '../test/test-database.js';
import { AlertRepository } from '../store/alert.repository.js';
import { BotStateRepository } from '../store/bot-state.repository.js';
import { applyWriteback } from './apply-writeback.js';
import { CaseRecordRepository } from '../store/case-record.repository.js';
import type { CaseRecordDatabase, Db } from '../store/database.js';
import { recordDeliveryFailure } from './record-delivery-failure.js';
import { MessageRepository } from '../store/message.repository.js';
import { eraseParticipant } from './erase-participant.action.js';
import { type NewParticipant, ParticipantRepository } from '../store/participant.repository.js';
import type { MessageRow, ParticipantRow } from '../store/schema.js';
import { StaffRepository } from '../store/staff.repository.js';
import { WritebackRepository } from '../store/writeback.repository.js';

const AT = new Date('2026-03-10T09:15:00Z');

describe.each([['postgres'], ['pglite']] as const)('case-record writers on %s', (engine) => {
  let database: CaseRecordDatabase;
  let db: Db;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine(engine, 'store_writers'));
    db = database.db;
  });

  afterAll(async () => {
    await close?.();
  });

  let nextPhone = 500;
  const phone = (): string => `+447700900${String(nextPhone++).padStart(3, '0')}`;

  const newParticipant = (overrides: Partial<NewParticipant> = {}): Promise<ParticipantRow> =>
    new ParticipantRepository(db).create({
      firstName: 'Sam',
      phone: phone(),
      channel: 'sms',
      language: 'en',
      keyWorkerId: null,
      team: null,
      referredAt: new Date('2026-01-05T10:00:00Z'),
      consentBasis: 'public_task',
      consentAt: new Date('2026-01-05T10:00:00Z'),
      ...overrides,
    });

  // PGlite is one connection: everything inside a transaction goes through its `tx`.
  const apply = (payload: WritebackPayload) => db.transaction().execute((tx) => applyWriteback(tx, payload));
  const recordFailure = (message: MessageRow, failure: DeliveryFailure, fallback: WhatsAppFallback = { kind: 'none' }) =>
    db.transaction().execute((tx) => recordDeliveryFailure(tx, message, failure, AT, fallback));

  const events = (participantId: string) => new CaseRecordRepository(db).listForParticipant(participantId);
  const alertsOf = (participantId: string) => new AlertRepository(db).list({ kind: 'all' }, { participantId });
  // Rows written in one transaction share created_at, so the tests put them in source-key order themselves.
  const messagesOf = async (participantId: string) =>
    (await new MessageRepository(db).listForParticipant(participantId)).sort((a, b) => a.source_key.localeCompare(b.source_key));

  const queuedOutbound = async (participant: ParticipantRow, channel = participant.channel): Promise<MessageRow> =>
    (
      await new MessageRepository(db).insertOutbound({
        participantId: participant.id,
        channel,
        phone: participant.phone as string,
        body: 'Your appointment is tomorrow at 10am.',
        kind: 'reminder',
        sourceKey: `test-${randomUUID()}`,
        status: 'queued',
      })
    ).message;

  describe('applyWriteback', () => {
    const turn = (participantId: string, overrides: Partial<WritebackPayload> = {}): WritebackPayload => ({
      participantId,
      sourceKey: `inbound-SM${randomUUID().replaceAll('-', '')}`,
      at: AT.toISOString(),
      events: [
        { type: 'message.inbound', key: 'text', data: { body: 'I feel awful' } },
        { type: 'checkin.response', key: 'answer', data: { answer: 'struggling' } },
      ],
      alerts: [
        { type: 'safeguarding', key: 'screen', data: { matched: 'awful' } },
        { type: 'message_for_key_worker', key: 'ask', data: { text: 'call me' } },
      ],
      replies: [
        { text: 'Thank you for telling us.', kind: 'reply' },
        { text: 'If you are in danger call 999.', kind: 'crisis' },
      ],
      ...overrides,
    });

    it('writes events, alerts with alert.raised, and queued replies once however often it is applied', async () => {
      const p = await newParticipant();
      const payload = turn(p.id);
      const first = await apply(payload);
      const second = await apply(payload);

      expect(first.queuedMessageIds).toHaveLength(2);
      expect(second.queuedMessageIds).toEqual(first.queuedMessageIds);

      const record = await events(p.id);
      expect(record.map((e) => e.type)).toEqual(['message.inbound', 'checkin.response', 'alert.raised', 'alert.raised']);
      expect(record.map((e) => e.source_key).slice(0, 2)).toEqual([
        `${payload.sourceKey}/message.inbound/text`,
        `${payload.sourceKey}/checkin.response/answer`,
      ]);
      expect(record.every((e) => e.at.getTime() === AT.getTime())).toBe(true);

      const alerts = await alertsOf(p.id);
      expect(alerts.map((a) => [a.type, a.priority, a.status])).toEqual([
        ['safeguarding', 'urgent', 'open'],
        ['message_for_key_worker', 'normal', 'open'],
      ]);
      const raised = record.filter((e) => e.type === 'alert.raised').map((e) => e.data.alertId);
      expect(raised.sort()).toEqual(alerts.map((a) => a.id).sort());

      const messages = await messagesOf(p.id);
      expect(messages.map((m) => [m.source_key, m.status, m.kind, m.phone, m.channel])).toEqual([
        [`${payload.sourceKey}/reply/0`, 'queued', 'reply', p.phone, 'sms'],
        [`${payload.sourceKey}/reply/1`, 'queued', 'crisis', p.phone, 'sms'],
      ]);
      expect(messages.map((m) => m.id)).toEqual(first.queuedMessageIds);
    });

    it('replies on the channel the text came in on', async () => {
      const p = await newParticipant({ channel: 'sms' });
      await apply(turn(p.id, { replyChannel: 'whatsapp', alerts: [], events: [] }));
      expect((await messagesOf(p.id)).map((m) => m.channel)).toEqual(['whatsapp', 'whatsapp']);
    });

    it('suppresses replies to an opted-out participant except the confirmation, crisis and service kinds', async () => {
      const p = await newParticipant();
      await new ParticipantRepository(db).setOptedOut(p.id, true, AT);
      const replies = (['reply', 'opt_out_confirmation', 'crisis', 'service'] as const).map((kind) => ({ text: kind, kind }));
      const { queuedMessageIds } = await apply(turn(p.id, { replies, alerts: [], events: [] }));
      const messages = await messagesOf(p.id);
      expect(messages.map((m) => [m.kind, m.status])).toEqual([
        ['reply', 'suppressed'],
        ['opt_out_confirmation', 'queued'],
        ['crisis', 'queued'],
        ['service', 'queued'],
      ]);
      expect(queuedMessageIds).toEqual(messages.slice(1).map((m) => m.id));
    });

    it('applies a STOP before its replies, and a later START lets replies through again', async () => {
      const p = await newParticipant();
      const stop = turn(p.id, {
        consent: 'opted_out',
        events: [{ type: 'consent.opted_out', key: 'stop', data: { keyword: 'STOP' } }],
        alerts: [],
        replies: [
          { text: 'You will get no more messages.', kind: 'opt_out_confirmation' },
          { text: 'Your appointment is tomorrow.', kind: 'reply' },
        ],
      });
      await apply(stop);
      await apply(stop);
      expect(await new ParticipantRepository(db).findById(p.id)).toMatchObject({ opted_out: true, opted_out_at: AT });
      expect((await messagesOf(p.id)).map((m) => m.status)).toEqual(['queued', 'suppressed']);
      expect((await events(p.id)).map((e) => e.type)).toEqual(['consent.opted_out']);

      const start = turn(p.id, { consent: 'opted_in', events: [], alerts: [], replies: [{ text: 'Welcome back.', kind: 'reply' }] });
      const { queuedMessageIds } = await apply(start);
      expect(await new ParticipantRepository(db).findById(p.id)).toMatchObject({ opted_out: false, opted_out_at: null });
      expect(queuedMessageIds).toHaveLength(1);
      expect(await new MessageRepository(db).findById(queuedMessageIds[0] as string)).toMatchObject({
        source_key: `${start.sourceKey}/reply/0`,
        status: 'queued',
      });
    });

    it('writes nothing for an erased or unknown participant', async () => {
      const p = await newParticipant();
      await new ParticipantRepository(db).erase(p.id, AT);
      expect(await apply(turn(p.id))).toEqual({ queuedMessageIds: [], escalations: [] });
      expect(await events(p.id)).toEqual([]);
      expect(await messagesOf(p.id)).toEqual([]);
      expect(await apply(turn(randomUUID()))).toEqual({ queuedMessageIds: [], escalations: [] });
    });

    it('leaves nothing behind when the surrounding transaction rolls back', async () => {
      const p = await newParticipant();
      await expect(
        db.transaction().execute(async (tx) => {
          await applyWriteback(tx, turn(p.id));
          throw new Error('turn failed after writing');
        }),
      ).rejects.toThrow('turn failed after writing');
      expect(await events(p.id)).toEqual([]);
      expect(await alertsOf(p.id)).toEqual([]);
      expect(await messagesOf(p.id)).toEqual([]);
    });
  });

  describe('eraseParticipant', () => {
    it('removes what identifies the person, keeps the rows, suppresses unsent messages, and records the erasure once', async () => {
      const admin = await new StaffRepository(db).create({
        name: 'Admin',
        role: 'admin',
        team: null,
        tokenLookup: randomUUID(),
        tokenHash: 'hash',
      });
      const p = await newParticipant({ firstName: 'Jo' });
      const bystander = await newParticipant({ firstName: 'Kit' });
      const messages = new MessageRepository(db);
      await messages.insertInboundBatch([{ channel: 'sms', phone: p.phone as string, body: 'I live at 1 High St', twilioSid: `SM${randomUUID()}` }], new Date());
      await apply({
        participantId: p.id,
        sourceKey: `turn-${randomUUID()}`,
        at: AT.toISOString(),
        events: [{ type: 'message.inbound', key: 'text', data: { body: 'I live at 1 High St' } }],
        alerts: [{ type: 'message_for_key_worker', key: 'ask', data: { text: 'I live at 1 High St' } }],
        replies: [{ text: 'Thanks Jo', kind: 'reply' }],
      });
      const sent = await queuedOutbound(p);
      await messages.setStatus(sent.id, 'delivered');
      const alertId = (await alertsOf(p.id))[0]?.id as string;
      await new AlertRepository(db).acknowledge(alertId, admin.id, 'Jo says hi', AT);
      const stateKey = `sms/users/${randomUUID()}/`;
      await new BotStateRepository(db).write(stateKey, { name: 'Jo' }, undefined, p.id);
      const writebackId = await new WritebackRepository(db).save({
        participantId: p.id,
        sourceKey: `pending-${randomUUID()}`,
        at: AT.toISOString(),
        events: [],
        alerts: [],
        replies: [{ text: 'Hi Jo', kind: 'reply' }],
      });
      const bystanderMessage = await queuedOutbound(bystander);
      const number = p.phone as string;

      const erased = await db.transaction().execute((tx) => eraseParticipant(tx, p.id, AT, admin.id));
      expect(erased).toBe(true);

      const row = await db.selectFrom('participants').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ first_name: null, phone: null, referred_at: null, erased_at: AT });

      const stored = await messagesOf(p.id);
      expect(stored).toHaveLength(3);
      for (const m of stored) expect(m).toMatchObject({ body: null, phone: null });
      expect(stored.map((m) => m.status).sort()).toEqual(['delivered', 'received', 'suppressed']);

      const record = await events(p.id);
      // The inbound text's own event (written when it was stored) and the applied outcome's.
      expect(record.map((e) => e.type)).toEqual(['message.inbound', 'message.inbound', 'alert.raised', 'participant.erased']);
      expect(record.slice(0, 3).every((e) => JSON.stringify(e.data) === '{"erased":true}')).toBe(true);
      expect(record.at(-1)?.data).toEqual({ erasedBy: admin.id });

      const alert = await new AlertRepository(db).findById(alertId);
      expect(alert).toMatchObject({ data: { erased: true }, note: null, status: 'acknowledged' });
      expect((await new BotStateRepository(db).read([stateKey])).size).toBe(0);
      const writeback = await new WritebackRepository(db).lock(writebackId);
      expect(writeback?.payload).toEqual({});
      expect(writeback?.appliedAt).toBeInstanceOf(Date);
      expect(await new WritebackRepository(db).listUnapplied(new Date(Date.now() + 60_000), 10_000)).not.toContain(writebackId);

      // Someone else's record is untouched, and the number is free for a new participant.
      expect(await messages.findById(bystanderMessage.id)).toMatchObject({ body: bystanderMessage.body, status: 'queued' });
      expect((await newParticipant({ phone: number })).phone).toBe(number);

      expect(await db.transaction().execute((tx) => eraseParticipant(tx, p.id, AT, admin.id))).toBe(false);
      expect((await events(p.id)).filter((e) => e.type === 'participant.erased')).toHaveLength(1);
      expect(await db.transaction().execute((tx) => eraseParticipant(tx, randomUUID(), AT, admin.id))).toBe(false);
    });

    it('drops Twilio error texts, which can quote the phone number', async () => {
      // e.g. 21211 "The 'To' number +447700900123 is not a valid phone number." (https://www.twilio.com/docs/api/errors/21211)
      const p = await newParticipant();
      const failed = await queuedOutbound(p);
      await new MessageRepository(db).setStatus(failed.id, 'failed', {
        errorCode: 21211,
        errorMessage: `The 'To' number ${p.phone} is not a valid phone number.`,
      });
      await db.transaction().execute((tx) => eraseParticipant(tx, p.id, AT, 'system'));
      const row = await new MessageRepository(db).findById(failed.id);
      expect(row?.error_message ?? '').not.toContain(p.phone as string);
    });
  });

  describe('recordDeliveryFailure', () => {
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
      const resend = await new MessageRepository(db).findById(first.fallbackMessageId as string);
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
      expect(await new ParticipantRepository(db).findById(p.id)).toMatchObject({ opted_out: true, opted_out_at: AT });
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
      expect(await new ParticipantRepository(db).findById(p.id)).toMatchObject({ opted_out: false, wrong_number_at: AT });
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
      expect(await new MessageRepository(db).findById(fallbackMessageId as string)).toMatchObject({
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
});
