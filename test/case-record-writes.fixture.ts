import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { WritebackPayload } from '../domain/case-record/writeback.types.js';
import { applyWriteback } from '../app/conversation/apply-writeback.js';
import { AlertRepository } from '../store/alert.repository.js';
import { CaseRecordRepository } from '../store/case-record.repository.js';
import type { Db } from '../store/database.js';
import { MessageRepository } from '../store/message.repository.js';
import { type NewParticipant, ParticipantRepository } from '../store/participant.repository.js';
import type { MessageRow, ParticipantRow } from '../store/schema.js';
import { openTestEngine } from './test-database.js';

/**
 * What the tests of the case-record writers (apply-writeback, erase-participant, record-delivery-failure) share:
 * a database of the file's own on the engine, participants with numbers from +44 7700 900500 on, and readers of
 * what was written. Call it at the top of a describe block; `db` is ready inside the tests.
 */
export function caseRecordWrites(engine: 'postgres' | 'pglite', label: string) {
  const state: { db?: Db; close?: () => Promise<void> } = {};
  beforeAll(async () => {
    const { database, close } = await openTestEngine(engine, label);
    state.db = database.db;
    state.close = close;
  });
  afterAll(async () => {
    await state.close?.();
  });
  const db = (): Db => {
    if (!state.db) throw new Error('the database opens in beforeAll');
    return state.db;
  };

  let nextPhone = 500;
  const phone = (): string => `+447700900${String(nextPhone++).padStart(3, '0')}`;

  return {
    db,
    newParticipant: (overrides: Partial<NewParticipant> = {}): Promise<ParticipantRow> =>
      new ParticipantRepository(db()).create({
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
      }),
    // PGlite is one connection: everything inside a transaction goes through its `tx`.
    apply: (payload: WritebackPayload) => db().transaction().execute((tx) => applyWriteback(tx, payload)),
    events: (participantId: string) => new CaseRecordRepository(db()).listForParticipant(participantId),
    alertsOf: (participantId: string) => new AlertRepository(db()).list({ kind: 'all' }, { participantId }),
    // Rows written in one transaction share created_at, so the tests put them in source-key order themselves.
    messagesOf: async (participantId: string) =>
      (await new MessageRepository(db()).listForParticipant(participantId)).sort((a, b) => a.source_key.localeCompare(b.source_key)),
    queuedOutbound: async (participant: ParticipantRow, channel = participant.channel): Promise<MessageRow> =>
      (
        await new MessageRepository(db()).insertOutbound({
          participantId: participant.id,
          channel,
          phone: participant.phone as string,
          body: 'Your appointment is tomorrow at 10am.',
          kind: 'reminder',
          sourceKey: `test-${randomUUID()}`,
          status: 'queued',
        })
      ).message,
  };
}
