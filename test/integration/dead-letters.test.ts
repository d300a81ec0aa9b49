import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParkFailedTurn } from '../../app/conversation/park-failed-turn.action.js';
import { systemClock } from '../../domain/time/clock.js';
import { MessageRepository } from '../../store/message.repository.js';
import { eventually, TestApp } from '../test-app.js';

interface DeadLetter {
  id: string;
  kind: string;
  status: string;
  participantId: string | null;
  replayable: boolean;
}
interface Page {
  deadLetters: DeadLetter[];
  next: string | null;
}
interface Replayed {
  replayed: number;
  results: Array<{ id: string; outcome: string; reason?: string }>;
}

/**
 * The dead-letter API end to end: a text whose turn kept failing and a send that gave up are listed for admins only,
 * without words or numbers, and a replay puts each back on the normal path once: one reply, one send.
 */
describe('dead letters: turns and sends that kept failing', () => {
  let app: TestApp;
  let sam: { id: string };
  let turnId: string;
  let sendId: string;

  beforeAll(async () => {
    // Workers off: the text waits, as it would after its turn job gave up.
    app = await TestApp.start({ workers: false });
    sam = await app.createParticipant('07700 900641');
    const { sid } = await app.inbound('+447700900641', 'Is Thursday still on?');
    const text = await app.db.selectFrom('messages').select('id').where('twilio_sid', '=', sid).executeTakeFirstOrThrow();
    turnId = text.id;
    await new ParkFailedTurn({ db: app.db, clock: systemClock }).execute(turnId, new Error('turn threw for +447700900641'));
    const { message } = await new MessageRepository(app.db).insertOutbound({
      participantId: sam.id,
      channel: 'sms',
      phone: '+447700900641',
      body: 'Reminder: Thursday at 10:00 with Priya.',
      kind: 'reminder',
      sourceKey: `dead-letter-test-${sam.id}`,
      status: 'queued',
    });
    await new MessageRepository(app.db).setStatus(message.id, 'failed', { attempts: 8, errorMessage: 'Gave up after 8 tries: 503', parkedAt: new Date() });
    sendId = message.id;
  });
  afterAll(async () => app?.close());

  it('are listed for admins, newest first, by kind, without words or numbers; others are refused', async () => {
    const all = await app.api<Page>('GET', '/api/dead-letters');
    expect(all.status).toBe(200);
    expect(all.body.deadLetters.map((d) => [d.id, d.kind, d.status, d.participantId, d.replayable])).toEqual([
      [sendId, 'send', 'failed', sam.id, true],
      [turnId, 'turn', 'failed', sam.id, true],
    ]);
    expect((await app.api<Page>('GET', '/api/dead-letters?kind=turn')).body.deadLetters.map((d) => d.id)).toEqual([turnId]);
    const text = JSON.stringify(all.body);
    for (const secret of ['Thursday', '900641', 'Sam']) expect(text).not.toContain(secret);
    expect((await app.api('GET', '/api/dead-letters?kind=mail')).status).toBe(400);
    expect((await app.api('GET', '/api/dead-letters?cursor=bm9wZQ')).status).toBe(400);

    const kw = await app.createStaff('key_worker', 'Priya', 'North');
    expect((await app.api('GET', '/api/dead-letters', undefined, kw.token)).status).toBe(403);
    expect((await app.api('POST', '/api/dead-letters/replay', { ids: [turnId] }, kw.token)).status).toBe(403);
  });

  it('a replay answers the text once and sends the message once, however often it is asked', async () => {
    await app.startWorkers();
    const replayed = await app.api<Replayed>('POST', '/api/dead-letters/replay', { ids: [turnId, sendId] });
    expect(replayed.status).toBe(200);
    expect(replayed.body.replayed).toBe(2);

    await eventually(async () => (await new MessageRepository(app.db).findById(turnId))?.status === 'processed', 15_000, 'the turn');
    await eventually(async () => (await new MessageRepository(app.db).findById(sendId))?.status === 'accepted', 15_000, 'the send');
    await app.twilio.waitForMessages(2, 15_000);

    const again = await app.api<Replayed>('POST', '/api/dead-letters/replay', { ids: [turnId, sendId] });
    expect(again.body).toEqual({
      replayed: 0,
      results: [
        { id: turnId, outcome: 'skipped', reason: 'not a dead letter (now processed)' },
        { id: sendId, outcome: 'skipped', reason: 'not a dead letter (now accepted)' },
      ],
    });
    // Give a stray second reply or send the time to show up, then count: one answer to the text, one reminder.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const bodies = app.twilio.messages.map((m) => m.form.Body);
    expect(bodies.filter((b) => b === 'Reminder: Thursday at 10:00 with Priya.')).toHaveLength(1);
    expect(bodies).toHaveLength(2);
    expect((await app.api<Page>('GET', '/api/dead-letters')).body.deadLetters).toEqual([]);

    const audit = await app.api<Array<{ route: string; subjectId: string | null; status: number; requestId: string | null }>>(
      'GET',
      `/api/audit?subjectId=${sendId}`,
    );
    expect(audit.body.map((e) => [e.route, e.status])).toEqual([
      ['/api/dead-letters/replay', 409],
      ['/api/dead-letters/replay', 202],
    ]);
    expect(audit.body.every((e) => e.requestId !== null)).toBe(true);
  });
});
