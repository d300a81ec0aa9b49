import { describe, expect, it, vi } from 'vitest';
import type { EngagementBot } from '../bot/twilio/engagement.bot.js';
import type { TwilioBotAdapter } from '../bot/twilio/twilio-bot.adapter.js';
import { prepareScreen } from '../domain/safeguarding/screen.js';
import { systemClock } from '../domain/time/clock.js';
import type { Db } from '../store/database.js';
import { RunInboundTurn } from './run-inbound-turn.use-case.js';

vi.mock('../domain/safeguarding/screen.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../domain/safeguarding/screen.js')>();
  return { ...original, prepareScreen: vi.fn(original.prepareScreen) };
});

describe('the inbound turn', () => {
  it('prepares the safeguarding screen when it is made, before any text arrives', () => {
    expect(prepareScreen).not.toHaveBeenCalled();
    new RunInboundTurn({
      db: {} as Db,
      adapter: {} as TwilioBotAdapter,
      bot: {} as EngagementBot,
      clock: systemClock,
      programmeName: 'Test programme',
      timeZone: 'Europe/London',
    });
    expect(prepareScreen).toHaveBeenCalledTimes(1);
  });
});
