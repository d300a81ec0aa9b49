import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/time/clock.js';
import type { CaseRecordDatabase } from '../../store/database.js';
import { MessageRepository } from '../../store/message.repository.js';
import { participantWithText } from '../../test/dead-letters.fixture.js';
import { openTestEngine } from '../../test/test-database.js';
import { BadCursorError, ListDeadLetters } from './list-dead-letters.action.js';
import { ParkFailedTurn } from '../conversation/park-failed-turn.action.js';

describe('listing dead letters', () => {
  let database: CaseRecordDatabase;
  let close: (() => Promise<void>) | undefined;
  const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
  const turns: string[] = [];
  let send: string;

  beforeAll(async () => {
    ({ database, close } = await openTestEngine('pglite', 'app_list_dead'));
    for (let i = 0; i < 5; i++) {
      const { messageId } = await participantWithText(database.db, `+4477009006${20 + i}`, `private words ${i}`);
      clock.advance(60_000);
      await new ParkFailedTurn({ db: database.db, clock }).execute(messageId, new Error(`failure ${i}`));
      turns.push(messageId);
    }
    const { participantId, messageId: answered } = await participantWithText(database.db, '+447700900630', 'answered fine');
    await new MessageRepository(database.db).setStatus(answered, 'processed');
    const { message } = await new MessageRepository(database.db).insertOutbound({
      participantId,
      channel: 'whatsapp',
      phone: '+447700900630',
      body: 'private reply',
      kind: 'reply',
      sourceKey: 'reply-630',
      status: 'queued',
    });
    await new MessageRepository(database.db).setStatus(message.id, 'unconfirmed', { errorMessage: 'interrupted while sending; not resent' });
    send = message.id;
  });
  afterAll(async () => close?.());

  it('pages through turns newest first, each once, and never shows words or numbers', async () => {
    const list = new ListDeadLetters({ db: database.db });
    const first = await list.execute({ kind: 'turn', limit: 2 });
    const second = await list.execute({ kind: 'turn', limit: 2, cursor: first.next as string });
    const third = await list.execute({ kind: 'turn', limit: 2, cursor: second.next as string });
    expect([...first.deadLetters, ...second.deadLetters, ...third.deadLetters].map((d) => d.id)).toEqual([...turns].reverse());
    expect(third.next).toBeNull();
    expect(first.deadLetters[0]).toMatchObject({ kind: 'turn', status: 'failed', error: 'Error: failure 4', replayable: true, notReplayableBecause: null });
    const text = JSON.stringify([first, second, third]);
    expect(text).not.toContain('private words');
    expect(text).not.toContain('+4477009006');
  });

  it('shows sends cut off mid-call as not replayable, and both kinds when none is asked for', async () => {
    const list = new ListDeadLetters({ db: database.db });
    const sends = await list.execute({ kind: 'send', limit: 10 });
    expect(sends.deadLetters).toEqual([
      expect.objectContaining({ id: send, kind: 'send', status: 'unconfirmed', channel: 'whatsapp', replayable: false, notReplayableBecause: expect.stringContaining('Twilio') }),
    ]);
    expect(JSON.stringify(sends)).not.toContain('private reply');
    expect((await list.execute({ limit: 50 })).deadLetters).toHaveLength(6);
  });

  it('refuses a cursor it did not make', async () => {
    await expect(new ListDeadLetters({ db: database.db }).execute({ limit: 2, cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(BadCursorError);
  });
});
