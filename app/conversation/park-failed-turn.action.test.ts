import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/time/clock.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { CaseRecordDatabase } from '../../store/database.js';
import { MessageRepository } from '../../store/message.repository.js';
import { openTestEngine } from '../../test/test-database.js';
import { participantWithText } from '../../test/dead-letters.fixture.js';
import { ParkFailedTurn } from './park-failed-turn.action.js';

describe('parking a turn that kept failing', () => {
  let database: CaseRecordDatabase;
  let close: (() => Promise<void>) | undefined;
  const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));

  beforeAll(async () => {
    ({ database, close } = await openTestEngine('pglite', 'app_park_turn'));
  });
  afterAll(async () => close?.());

  it('marks the text failed and parked, with why in a line and without any phone number', async () => {
    const { messageId } = await participantWithText(database.db, '+447700900601', 'Can I come at 3?');
    const park = new ParkFailedTurn({ db: database.db, clock });
    expect(await park.execute(messageId, new TypeError('cannot read state for +447700 900601\n  at turn'))).toBe(true);
    const row = await new MessageRepository(database.db).findById(messageId);
    expect(row).toMatchObject({ status: 'failed', parked_at: clock.now(), error_message: 'TypeError: cannot read state for [number] at turn' });
    // Parked once: a second give-up changes nothing.
    expect(await park.execute(messageId, new Error('again'))).toBe(false);
  });

  it('keeps the text on the case record, once, though no turn got through', async () => {
    const { messageId, participantId } = await participantWithText(database.db, '+447700900603', 'Is it today?');
    await new ParkFailedTurn({ db: database.db, clock }).execute(messageId, new Error('bot down'));
    await new ParkFailedTurn({ db: database.db, clock }).execute(messageId, new Error('bot down'));
    const events = (await new CaseRecordRepository(database.db).listForParticipant(participantId)).filter((e) => e.type === 'message.inbound');
    expect(events.map((e) => e.data)).toEqual([{ messageId, channel: 'sms', body: 'Is it today?' }]);
  });

  it('leaves a text alone that was answered meanwhile (with a later text of theirs)', async () => {
    const { messageId } = await participantWithText(database.db, '+447700900602', 'Yes');
    await new MessageRepository(database.db).setStatus(messageId, 'processed');
    expect(await new ParkFailedTurn({ db: database.db, clock }).execute(messageId, new Error('late failure'))).toBe(false);
    expect(await new MessageRepository(database.db).findById(messageId)).toMatchObject({ status: 'processed', parked_at: null });
  });
});
