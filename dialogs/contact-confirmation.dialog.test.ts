import { describe, expect, it } from 'vitest';
import { contactConfirmedThanks } from '../domain/wording/contact-wording.js';
import type { TurnInput } from '../domain/conversation/conversation.types.js';
import { contactConfirmationDialog } from './contact-confirmation.dialog.js';
import { runTurn } from './conversation.js';

const participant = {
  id: 'p-1',
  firstName: 'Sam',
  language: 'en',
  channel: 'sms' as const,
  optedOut: false,
  keyWorkerName: 'Priya',
  programmeName: 'Restart',
  timeZone: 'Europe/London',
};
const turn = (text: string, welcomePending: boolean, optedOut = false): TurnInput => ({
  text,
  participant: { ...participant, optedOut },
  memory: {},
  now: new Date('2026-03-04T10:00:00Z'),
  appointments: [],
  dnaFollowUp: null,
  welcomePending,
});

describe('YES to the welcome', () => {
  it.each(['YES', 'yes it is', "Yes it's me", 'yep, that is me', 'Yes', '👍', 'ok'])('%s is thanked, not passed on as free text', (text) => {
    expect(contactConfirmationDialog(turn(text, true))?.replies).toEqual([{ kind: 'reply', text: contactConfirmedThanks(participant) }]);
  });

  it.each([
    ['YES', false, false],
    ['who is Priya?', true, false],
    ['no', true, false],
    ['yes but who is Priya and why are you texting me', true, false],
  ])('%s (welcome pending %s) is not this dialog\'s', (text, pending) => {
    expect(contactConfirmationDialog(turn(text, pending))).toBeNull();
  });

  it('"Ie" (Welsh yes) is thanked too', () => {
    expect(contactConfirmationDialog(turn('Ie', true))?.replies).toEqual([{ kind: 'reply', text: contactConfirmedThanks(participant) }]);
  });

  it('after a reminder, "yes" confirms the appointment rather than only the number', () => {
    const reminded = {
      ...turn('yes', true),
      appointments: [
        { id: 'a-1', version: 1, title: 'Review', location: null, startsAt: new Date('2026-03-05T10:00:00Z'), mandatory: false, lastRemindedAt: new Date('2026-03-04T09:00:00Z') },
      ],
    };
    expect(contactConfirmationDialog(reminded)).toBeNull();
    expect(runTurn(reminded).events.map((e) => e.type)).toEqual(['appointment.confirmed']);
  });

  it('sends nothing to someone who has opted out', () => {
    expect(contactConfirmationDialog(turn('yes', true, true))?.replies).toEqual([]);
  });
});
