import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WritebackPayload } from '../../domain/case-record/writeback.types.js';
import type { DueEscalation } from '../../store/alert.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { WritebackRepository } from '../../store/writeback.repository.js';
import { caseRecordWrites } from '../../test/case-record-writes.fixture.js';
import { ApplyPendingWritebacks } from './apply-pending-writebacks.action.js';

const AT = new Date('2026-03-10T09:15:00Z');

describe.each([['postgres'], ['pglite']] as const)('ApplyPendingWritebacks on %s', (engine) => {
  const { db, newParticipant, events, alertsOf, messagesOf } = caseRecordWrites(engine, 'apply_pending_writebacks');

  const sent: string[][] = [];
  const escalated: DueEscalation[][] = [];
  const useCase = () =>
    new ApplyPendingWritebacks({
      db: db(),
      clock: { now: () => AT },
      enqueueSends: async (ids) => void sent.push(ids),
      enqueueEscalations: async (due) => void escalated.push(due),
    });

  let turns = 0;
  const outcome = (participantId: string, overrides: Partial<WritebackPayload> = {}): WritebackPayload => ({
    participantId,
    sourceKey: `turn-${++turns}-${randomUUID()}`,
    at: AT.toISOString(),
    events: [],
    alerts: [],
    replies: [],
    ...overrides,
  });
  const save = (payload: WritebackPayload) => new WritebackRepository(db()).save(payload);

  it('applies the earlier outcomes still waiting first, in order, each once', async () => {
    const p = await newParticipant();
    const first = outcome(p.id, { events: [{ type: 'message.inbound', key: 'text', data: { body: 'one' } }] });
    const second = outcome(p.id, {
      events: [
        { type: 'message.inbound', key: 'text', data: { body: 'two' } },
        { type: 'checkin.response', key: 'answer', data: { answer: 'ok' } },
      ],
    });
    const firstId = await save(first);
    const secondId = await save(second);

    expect(await useCase().execute(secondId)).toMatchObject({ applied: 2 });
    expect(await useCase().execute(firstId)).toMatchObject({ applied: 0 });
    expect(await useCase().execute(secondId)).toMatchObject({ applied: 0 });
    expect((await events(p.id)).map((e) => [e.type, e.data, e.source_key])).toEqual([
      ['message.inbound', { body: 'one' }, `${first.sourceKey}/message.inbound/text`],
      ['message.inbound', { body: 'two' }, `${second.sourceKey}/message.inbound/text`],
      ['checkin.response', { answer: 'ok' }, `${second.sourceKey}/checkin.response/answer`],
    ]);
  });

  it('records an earlier outcome\'s alert.raised before a later outcome\'s events, and hands on replies and escalations', async () => {
    const p = await newParticipant();
    const alarming = outcome(p.id, {
      events: [{ type: 'message.inbound', key: 'text', data: { body: 'I feel awful' } }],
      alerts: [{ type: 'safeguarding', key: 'screen', data: { matched: 'awful' } }],
      replies: [{ text: 'If you are in danger call 999.', kind: 'crisis' }],
    });
    const next = outcome(p.id, {
      events: [{ type: 'message.inbound', key: 'text', data: { body: 'thanks' } }],
      replies: [{ text: 'Take care.', kind: 'reply' }],
    });
    await save(alarming);
    const nextId = await save(next);
    sent.length = 0;
    escalated.length = 0;

    const result = await useCase().execute(nextId);

    expect((await events(p.id)).map((e) => [e.type, e.data.body ?? e.data.type])).toEqual([
      ['message.inbound', 'I feel awful'],
      ['alert.raised', 'safeguarding'],
      ['message.inbound', 'thanks'],
    ]);
    const alerts = await alertsOf(p.id);
    expect(alerts.map((a) => [a.type, a.priority])).toEqual([['safeguarding', 'urgent']]);
    expect(result.escalations).toEqual([{ alertId: alerts[0]?.id, dueAt: expect.any(Date) }]);
    expect(escalated).toEqual([result.escalations]);
    const messages = await messagesOf(p.id);
    expect(messages.map((m) => [m.kind, m.status])).toEqual([
      ['crisis', 'queued'],
      ['reply', 'queued'],
    ]);
    expect(result.queuedMessageIds.sort()).toEqual(messages.map((m) => m.id).sort());
    expect(sent).toEqual([result.queuedMessageIds]);
  });

  it('reads consent again for a later outcome: a STOP suppresses the next outcome\'s replies', async () => {
    const p = await newParticipant();
    const stop = outcome(p.id, {
      consent: 'opted_out',
      events: [{ type: 'consent.opted_out', key: 'stop', data: { keyword: 'STOP' } }],
      replies: [{ text: 'You will get no more messages.', kind: 'opt_out_confirmation' }],
    });
    const later = outcome(p.id, { events: [{ type: 'checkin.response', key: 'answer', data: { answer: 'ok' } }], replies: [{ text: 'Great.', kind: 'reply' }] });
    await save(stop);
    const laterId = await save(later);

    const result = await useCase().execute(laterId);

    expect(await new ParticipantRepository(db()).findById(p.id)).toMatchObject({ opted_out: true, opted_out_at: AT });
    expect((await events(p.id)).map((e) => e.type)).toEqual(['consent.opted_out', 'checkin.response']);
    const messages = await messagesOf(p.id);
    expect(messages.map((m) => [m.kind, m.status])).toEqual([
      ['opt_out_confirmation', 'queued'],
      ['reply', 'suppressed'],
    ]);
    expect(result.queuedMessageIds).toEqual([messages[0]?.id]);
  });

  it('gives the CRM sink\'s outbox a delivery for each event it records (the trigger sees the statement\'s rows)', async () => {
    await db().insertInto('case_record_sinks').values({ id: 'crm', url: 'http://127.0.0.1:9/events', secret: 's', event_types: null, enabled: true }).execute();
    const p = await newParticipant();
    const id = await save(outcome(p.id, { events: [{ type: 'checkin.response', key: 'answer', data: { answer: 'ok' } }, { type: 'message.inbound', key: 'text', data: { body: 'ok' } }] }));
    await useCase().execute(id);
    const recorded = (await events(p.id)).map((e) => e.id);
    const deliveries = await db().selectFrom('case_record_deliveries').select(['event_id', 'status']).where('participant_id', '=', p.id).orderBy('event_id').execute();
    expect(deliveries).toEqual(recorded.map((eventId) => ({ event_id: eventId, status: 'pending' })));
    await db().deleteFrom('case_record_deliveries').execute();
    await db().deleteFrom('case_record_sinks').execute();
  });

  it('claims an erased person\'s outcomes and writes nothing for them', async () => {
    const p = await newParticipant();
    const id = await save(outcome(p.id, { events: [{ type: 'checkin.response', key: 'answer', data: { answer: 'ok' } }], replies: [{ text: 'Hi', kind: 'reply' }] }));
    await new ParticipantRepository(db()).erase(p.id, AT);
    expect(await useCase().execute(id)).toEqual({ applied: 1, queuedMessageIds: [], escalations: [] });
    expect(await useCase().execute(id)).toMatchObject({ applied: 0 });
    expect(await events(p.id)).toEqual(expect.not.arrayContaining([expect.objectContaining({ type: 'checkin.response' })]));
    expect(await messagesOf(p.id)).toEqual([]);
  });
});
