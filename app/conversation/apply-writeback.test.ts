import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WritebackPayload } from '../../domain/case-record/writeback.types.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { caseRecordWrites } from '../../test/case-record-writes.fixture.js';
import { applyWriteback } from './apply-writeback.js';

const AT = new Date('2026-03-10T09:15:00Z');

describe.each([['postgres'], ['pglite']] as const)('applyWriteback on %s', (engine) => {
  const { db, newParticipant, apply, events, alertsOf, messagesOf } = caseRecordWrites(engine, 'store_writers');

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
    await new ParticipantRepository(db()).setOptedOut(p.id, true, AT);
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
    expect(await new ParticipantRepository(db()).findById(p.id)).toMatchObject({ opted_out: true, opted_out_at: AT });
    expect((await messagesOf(p.id)).map((m) => m.status)).toEqual(['queued', 'suppressed']);
    expect((await events(p.id)).map((e) => e.type)).toEqual(['consent.opted_out']);

    const start = turn(p.id, { consent: 'opted_in', events: [], alerts: [], replies: [{ text: 'Welcome back.', kind: 'reply' }] });
    const { queuedMessageIds } = await apply(start);
    expect(await new ParticipantRepository(db()).findById(p.id)).toMatchObject({ opted_out: false, opted_out_at: null });
    expect(queuedMessageIds).toHaveLength(1);
    expect(await new MessageRepository(db()).findById(queuedMessageIds[0] as string)).toMatchObject({
      source_key: `${start.sourceKey}/reply/0`,
      status: 'queued',
    });
  });

  it('writes nothing for an erased or unknown participant', async () => {
    const p = await newParticipant();
    await new ParticipantRepository(db()).erase(p.id, AT);
    expect(await apply(turn(p.id))).toEqual({ queuedMessageIds: [], escalations: [] });
    expect(await events(p.id)).toEqual([]);
    expect(await messagesOf(p.id)).toEqual([]);
    expect(await apply(turn(randomUUID()))).toEqual({ queuedMessageIds: [], escalations: [] });
  });

  it('leaves nothing behind when the surrounding transaction rolls back', async () => {
    const p = await newParticipant();
    await expect(
      db().transaction().execute(async (tx) => {
        await applyWriteback(tx, turn(p.id));
        throw new Error('turn failed after writing');
      }),
    ).rejects.toThrow('turn failed after writing');
    expect(await events(p.id)).toEqual([]);
    expect(await alertsOf(p.id)).toEqual([]);
    expect(await messagesOf(p.id)).toEqual([]);
  });
});
