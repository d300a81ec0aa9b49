import { describe, it, expect } from 'vitest';
import type { TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import { helpMessage, optInConfirmation, optOutConfirmation } from '../domain/wording/wording.js';
import { optOutDialog } from './opt-out.dialog.js';
import { participantContext } from '../test/participant-context.fixture.js';

const NOW = new Date('2025-03-10T10:00:00.000Z');
const participant = participantContext({ channel: 'whatsapp' });
const memory = { awaiting: 'dna-reason' };
const turn = (text: string, optedOut: boolean): TurnInput => ({
  text,
  participant: { ...participant, optedOut },
  memory,
  now: NOW,
  appointments: [],
  dnaFollowUp: null,
});

const optedOut: TurnResult = {
  consent: 'opted_out',
  events: [{ type: 'consent.opted_out', key: 'opt-out', data: { keyword: 'STOP' } }],
  alerts: [],
  replies: [{ kind: 'opt_out_confirmation', text: optOutConfirmation(participant) }],
  memory,
};
const optedIn: TurnResult = {
  consent: 'opted_in',
  events: [{ type: 'consent.opted_in', key: 'opt-in', data: { keyword: 'START' } }],
  alerts: [],
  replies: [{ kind: 'reply', text: optInConfirmation(participant) }],
  memory,
};
const nothing: TurnResult = { replies: [], events: [], alerts: [], memory };
const reply = (text: string): TurnResult => ({ replies: [{ kind: 'reply', text }], events: [], alerts: [], memory });
const service = (text: string): TurnResult => ({ replies: [{ kind: 'service', text }], events: [], alerts: [], memory });

describe('opt-out dialog', () => {
  it.each<[says: string, alreadyOptedOut: boolean, bot: TurnResult | null]>([
    ['STOP', false, optedOut],
    ['stop.', false, optedOut],
    ['Stop texting me', false, optedOut],
    ['STOP', true, nothing],
    ['QUIT', true, nothing],
    ['UNSUBSCRIBE', false, {
      ...optedOut,
      events: [{ type: 'consent.opted_out', key: 'opt-out', data: { keyword: 'UNSUBSCRIBE' } }],
    }],
    ['cancel', false, {
      ...optedOut,
      events: [{ type: 'consent.opted_out', key: 'opt-out', data: { keyword: 'CANCEL' } }],
    }],
    ['START', true, optedIn],
    ['unstop', true, {
      ...optedIn,
      events: [{ type: 'consent.opted_in', key: 'opt-in', data: { keyword: 'UNSTOP' } }],
    }],
    ['START', false, reply(optInConfirmation(participant))],
    ['YES', true, null],
    ['HELP', false, service(helpMessage(participant))],
    ['info', true, service(helpMessage(participant))],
    ['cancel my appointment', false, null],
    ["can't stop crying", false, null],
    ['hello', false, null],
  ])('%j (already opted out: %s)', (says, alreadyOptedOut, bot) => {
    expect(optOutDialog(turn(says, alreadyOptedOut))).toEqual(bot);
  });

  it('sends exactly one reply, the confirmation, when someone opts out', () => {
    const result = optOutDialog(turn('STOP', false));
    expect(result?.replies.map((r) => r.kind)).toEqual(['opt_out_confirmation']);
  });
});
