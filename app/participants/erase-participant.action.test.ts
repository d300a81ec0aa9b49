import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AlertRepository } from '../../store/alert.repository.js';
import { BotStateRepository } from '../../store/bot-state.repository.js';
import { MessageRepository } from '../../store/message.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { WritebackRepository } from '../../store/writeback.repository.js';
import { caseRecordWrites } from '../../test/case-record-writes.fixture.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import { eraseParticipant } from './erase-participant.action.js';

const AT = new Date('2026-03-10T09:15:00Z');

describe.each([['postgres'], ['pglite']] as const)('eraseParticipant on %s', (engine) => {
  const { db, newParticipant, apply, events, alertsOf, messagesOf, queuedOutbound } = caseRecordWrites(engine, 'erasure');

  it('removes what identifies the person, keeps the rows, suppresses unsent messages, and records the erasure once', async () => {
    const admin = await new StaffRepository(db()).create({
      name: 'Admin',
      role: 'admin',
      team: null,
      tokenLookup: randomUUID(),
      tokenHash: 'hash',
    });
    const p = await newParticipant({ firstName: 'Jo' });
    const bystander = await newParticipant({ firstName: 'Kit' });
    const messages = new MessageRepository(db());
    const sid = `SM${randomUUID()}`;
    const arrived = await messages.insertInboundBatch([{ channel: 'sms', phone: p.phone as string, body: 'I live at 1 High St', twilioSid: sid }], new Date());
    await new CaseRecordRepository(db()).appendInboundArrivals([arrived.get(sid)?.messageId as string]);
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
    await new AlertRepository(db()).acknowledge(alertId, admin.id, 'Jo says hi', AT);
    const stateKey = `sms/users/${randomUUID()}/`;
    await new BotStateRepository(db()).write(stateKey, { name: 'Jo' }, undefined, p.id);
    const writebackId = await new WritebackRepository(db()).save({
      participantId: p.id,
      sourceKey: `pending-${randomUUID()}`,
      at: AT.toISOString(),
      events: [],
      alerts: [],
      replies: [{ text: 'Hi Jo', kind: 'reply' }],
    });
    const bystanderMessage = await queuedOutbound(bystander);
    const number = p.phone as string;

    const erased = await db().transaction().execute((tx) => eraseParticipant(tx, p.id, AT, admin.id));
    expect(erased).toBe(true);

    const row = await db().selectFrom('participants').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
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

    const alert = await new AlertRepository(db()).findById(alertId);
    expect(alert).toMatchObject({ data: { erased: true }, note: null, status: 'acknowledged' });
    expect((await new BotStateRepository(db()).read([stateKey])).size).toBe(0);
    const writeback = await new WritebackRepository(db()).find(writebackId);
    expect(writeback?.payload).toEqual({});
    expect(writeback?.appliedAt).toBeInstanceOf(Date);
    expect(await new WritebackRepository(db()).listUnapplied(new Date(Date.now() + 60_000), 10_000)).not.toContain(writebackId);

    // Someone else's record is untouched, and the number is free for a new participant.
    expect(await messages.findById(bystanderMessage.id)).toMatchObject({ body: bystanderMessage.body, status: 'queued' });
    expect((await newParticipant({ phone: number })).phone).toBe(number);

    expect(await db().transaction().execute((tx) => eraseParticipant(tx, p.id, AT, admin.id))).toBe(false);
    expect((await events(p.id)).filter((e) => e.type === 'participant.erased')).toHaveLength(1);
    expect(await db().transaction().execute((tx) => eraseParticipant(tx, randomUUID(), AT, admin.id))).toBe(false);
  });

  it('drops Twilio error texts, which can quote the phone number', async () => {
    // e.g. 21211 "The 'To' number +447700900123 is not a valid phone number." (https://www.twilio.com/docs/api/errors/21211)
    const p = await newParticipant();
    const failed = await queuedOutbound(p);
    await new MessageRepository(db()).setStatus(failed.id, 'failed', {
      errorCode: 21211,
      errorMessage: `The 'To' number ${p.phone} is not a valid phone number.`,
    });
    await db().transaction().execute((tx) => eraseParticipant(tx, p.id, AT, 'system'));
    const row = await new MessageRepository(db()).findById(failed.id);
    expect(row?.error_message ?? '').not.toContain(p.phone as string);
  });
});
