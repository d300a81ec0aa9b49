import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxSentMessageLookup } from '../../bot/twilio/sandbox-sent-lookup.js';
import { classifyStatusErrorCode } from '../../bot/twilio/send-errors.js';
import { createTwilioClient } from '../../bot/twilio/twilio-client.js';
import { TwilioMessageSender } from '../../bot/twilio/twilio-sender.js';
import { TwilioSentMessageLookup } from '../../bot/twilio/twilio-sent-lookup.js';
import { ManualClock } from '../../domain/time/clock.js';
import { RECONCILE_SAFE_WAIT_MS } from '../../domain/sending/send-reconcile.js';
import type { Db } from '../../store/database.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { FakeTwilio } from '../../test/fake-twilio.js';
import { openTestEngine } from '../../test/test-database.js';
import { TEST_BOT_NUMBER } from '../../test/twilio-signer.js';
import { ReconcileCutSends } from './reconcile-cut-sends.action.js';
import { participantRow } from '../../test/participant-row.fixture.js';

/** The sweep's reconcile on embedded PGlite, with a clock the test moves. Phones: +447700900870–889. */
describe('reconciling sends cut mid-call', () => {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  let db: Db;
  let close: () => Promise<void>;
  let n = 0;
  const enqueued: string[] = [];
  const enqueueSends = async (ids: string[]) => {
    enqueued.push(...ids);
  };

  beforeAll(async () => {
    const engine = await openTestEngine('pglite', 'reconcile_use_case');
    db = engine.database.db;
    close = engine.close;
  });
  afterAll(async () => close?.());
  beforeEach(() => {
    enqueued.length = 0;
  });

  /** An outbound text to a new person, claimed now (or, for a row from before claims were timed, not at all). */
  async function cutSend(options: { timedClaim?: boolean } = {}) {
    const participant = await new ParticipantRepository(db).create(participantRow({ phone: `+4477009008${70 + n++}`, consentAt: clock.now() }));
    const messages = new MessageRepository(db);
    const { message } = await messages.insertOutbound({
      participantId: participant.id,
      channel: 'sms',
      phone: participant.phone as string,
      body: 'Your appointment is at 10am on Thursday.',
      kind: 'reply',
      sourceKey: `reconcile-${participant.id}`,
      status: 'queued',
    });
    await messages.setStatus(message.id, 'sending', { attempts: 1, ...(options.timedClaim !== false && { claimedAt: clock.now() }) });
    return message.id;
  }
  const row = (id: string) => new MessageRepository(db).findById(id);
  const whatsappFallback = { kind: 'sms' } as const;

  it('refuses a safe wait that does not outlast the request timeout', () => {
    const deps = { db, lookup: new SandboxSentMessageLookup(), classifyStatusErrorCode, clock, enqueueSends, whatsappFallback };
    expect(() => new ReconcileCutSends({ ...deps, requestTimeoutMs: 10_000, safeWaitMs: 15_000 })).toThrow(/safe wait/);
    expect(() => new ReconcileCutSends({ ...deps, requestTimeoutMs: 10_000 })).not.toThrow();
  });

  it('in sandbox mode: nothing left the machine, so a send left `sending` goes to the outbox once more, and only once', async () => {
    const reconcile = new ReconcileCutSends({ db, lookup: new SandboxSentMessageLookup(), classifyStatusErrorCode, clock, enqueueSends, whatsappFallback, requestTimeoutMs: 10_000 });
    const id = await cutSend();
    expect(await reconcile.execute()).toEqual({ found: 0, resent: 0, lookup_failed: 0, given_up: 0 });

    clock.advance(RECONCILE_SAFE_WAIT_MS);
    expect((await reconcile.execute()).resent).toBe(1);
    expect(enqueued).toEqual([id]);
    expect(await row(id)).toMatchObject({ status: 'queued', reconcile_resends: 1 });

    // The resend was left `sending` too (another killed process): given up, not sent a third time.
    await new MessageRepository(db).setStatus(id, 'sending', { attempts: 2, claimedAt: clock.now() });
    clock.advance(RECONCILE_SAFE_WAIT_MS);
    expect((await reconcile.execute()).given_up).toBe(1);
    expect(enqueued).toEqual([id]);
    expect((await row(id))?.status).toBe('unconfirmed');
  });

  it('takes a row from before claims were timed by its last update', async () => {
    const reconcile = new ReconcileCutSends({ db, lookup: new SandboxSentMessageLookup(), classifyStatusErrorCode, clock, enqueueSends, whatsappFallback, requestTimeoutMs: 10_000 });
    const id = await cutSend({ timedClaim: false });
    // Its last update was by the database's clock (now, for real); the moved clock is well past it.
    clock.set(new Date(Date.now() + RECONCILE_SAFE_WAIT_MS + 60_000));
    await reconcile.execute();
    expect(enqueued).toContain(id);
  });

  describe('with Twilio away', () => {
    const fake = new FakeTwilio();
    beforeAll(() => fake.start());
    afterAll(() => fake.stop());

    it('stops at the first failed lookup: the rest wait for the next sweep without spending their tries', async () => {
      const client = createTwilioClient({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.baseUrl });
      const lookup = new TwilioSentMessageLookup(client, new TwilioMessageSender({ client, smsFrom: TEST_BOT_NUMBER }));
      const reconcile = new ReconcileCutSends({ db, lookup, classifyStatusErrorCode, clock, enqueueSends, whatsappFallback, requestTimeoutMs: 10_000 });
      clock.set(new Date());
      // Anything earlier tests left is settled first.
      clock.advance(RECONCILE_SAFE_WAIT_MS);
      await reconcile.execute();
      clock.set(new Date());
      const first = await cutSend();
      const second = await cutSend();
      fake.reset();
      fake.failListNext(1, { status: 503 });
      clock.advance(RECONCILE_SAFE_WAIT_MS);

      expect(await reconcile.execute()).toEqual({ found: 0, resent: 0, lookup_failed: 1, given_up: 0 });
      expect(fake.listRequests).toHaveLength(1);
      expect([(await row(first))?.reconcile_lookups, (await row(second))?.reconcile_lookups].sort()).toEqual([0, 1]);

      // Back: neither is in Twilio's list, so both are sent once more.
      expect(await reconcile.execute()).toMatchObject({ resent: 2, lookup_failed: 0 });
      expect(enqueued).toEqual(expect.arrayContaining([first, second]));
    });
  });
});
