import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../domain/case-record/case-record.types.js';
import type { ConversationMemory, ParticipantContext, TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import type { DnaFollowUpFacts } from '../domain/appointments/dna.types.js';
import { wrongNumberApology } from '../domain/wording/contact-wording.js';
import { optOutConfirmation, passedOnToKeyWorker } from '../domain/wording/wording.js';
import { crisisHelpFor } from '../test/crisis-help.js';
import { runTurn } from './conversation.js';
import { wrongNumberDialog } from './wrong-number.dialog.js';
import { participantContext } from '../test/participant-context.fixture.js';

const NOW = new Date('2025-03-10T10:00:00.000Z');
const sam = participantContext({ programmeName: 'Restart' });
const apology = wrongNumberApology('Restart');

interface Step {
  says: string;
  /** null: the dialog does not take the turn. */
  replies: string[] | null;
  events?: [type: string, key: string, data: JsonObject][];
  alerts?: [type: string, key: string, data: JsonObject][];
  wrongNumber?: true;
}

const marked = (text: string): Pick<Step, 'events' | 'alerts' | 'wrongNumber'> => ({
  events: [['contact.wrong_number', 'wrong-number', { text }]],
  alerts: [['wrong_number', 'wrong-number', { text }]],
  wrongNumber: true,
});

/** Plays a script through the dialog alone, with the participant as given. */
function play(script: Step[], participant: ParticipantContext = sam): void {
  const memory: ConversationMemory = { other: 'kept' };
  script.forEach((step, index) => {
    const at = `step ${index + 1}: ${JSON.stringify(step.says)}`;
    const result = wrongNumberDialog({ text: step.says, participant, memory, now: NOW, appointments: [], dnaFollowUp: null });
    if (step.replies === null) {
      expect(result, at).toBeNull();
      return;
    }
    const turn = result as TurnResult;
    expect(turn, at).not.toBeNull();
    expect(turn.replies.map((r) => r.text), at).toEqual(step.replies);
    expect(turn.replies.every((r) => r.kind === 'wrong_number_apology'), at).toBe(true);
    expect(turn.events.map((e) => [e.type, e.key, e.data]), at).toEqual(step.events ?? []);
    expect(turn.alerts.map((a) => [a.type, a.key, a.data]), at).toEqual(step.alerts ?? []);
    expect(turn.wrongNumber, at).toBe(step.wrongNumber);
    expect(turn.consent, at).toBeUndefined();
    expect(turn.memory, at).toBe(memory);
  });
}

describe('wrong-number dialog', () => {
  it('"wrong number" → one apology naming only the programme, the event, the alert, and the number marked', () => {
    play([{ says: 'wrong number', replies: [apology], ...marked('wrong number') }]);
  });

  it.each([
    'Not me',
    "who is this? I don't know them",
    "I'm not Sam",
    'im not sam',
    'No one called that here',
    'new number, who is this?',
  ])('%j is a wrong number', (says) => {
    play([{ says, replies: [apology], ...marked(says) }]);
  });

  it('after an opt-out: no reply, but the key worker still hears and the number is still marked', () => {
    play([{ says: 'wrong number', replies: [], ...marked('wrong number') }], { ...sam, optedOut: true });
  });

  it('leaves everything else to other dialogs', () => {
    play([
      { says: 'who is this?', replies: null },
      { says: 'who is Priya?', replies: null },
      { says: "I'm not well", replies: null },
      { says: "not me today, I'm ill", replies: null },
      { says: "I don't know what to do", replies: null },
      { says: 'YES', replies: null },
    ]);
  });

  it('the apology names neither the participant nor the key worker', () => {
    const result = wrongNumberDialog({ text: 'wrong number', participant: sam, memory: {}, now: NOW, appointments: [], dnaFollowUp: null });
    expect(result?.replies).toEqual([{ kind: 'wrong_number_apology', text: 'Sorry to have bothered you. We will not text this number again. - Restart' }]);
    expect(result?.replies[0]?.text).not.toMatch(/Sam|Priya/);
  });
});

describe('wrong number in the conversation', () => {
  const followUp: DnaFollowUpFacts = {
    id: 'f-1',
    appointmentId: 'a-0',
    appointmentStartsAt: new Date('2025-03-07T10:00:00.000Z'),
    appointmentTitle: 'CV workshop',
    startedAt: new Date('2025-03-07T11:00:00.000Z'),
    reasonRecorded: false,
  };
  const turn = (text: string, participant: ParticipantContext = sam): TurnInput => ({
    text,
    participant,
    memory: {},
    now: NOW,
    appointments: [],
    dnaFollowUp: followUp,
  });

  it('comes after safeguarding and STOP, and before a did-not-attend follow-up waiting for a reason', () => {
    const steps: [says: string, replies: string[], events: string[], alerts: string[], wrongNumber: boolean | undefined][] = [
      ['wrong number', [apology], ['contact.wrong_number'], ['wrong_number'], true],
      ['STOP', [optOutConfirmation(sam)], ['consent.opted_out'], [], undefined],
      ['wrong number. I want to kill myself', [crisisHelpFor(sam, 'wrong number. I want to kill myself')], [], ['safeguarding'], undefined],
    ];
    for (const [says, replies, events, alerts, wrongNumber] of steps) {
      const result = runTurn(turn(says));
      expect(result.replies.map((r) => r.text), says).toEqual(replies);
      expect(result.events.map((e) => e.type), says).toEqual(events);
      expect(result.alerts.map((a) => a.type), says).toEqual(alerts);
      expect(result.wrongNumber, says).toBe(wrongNumber);
    }
  });

  it('"who is this?" alone is not a wrong number: it goes on to the other dialogs', () => {
    const result = runTurn({ ...turn('who is this?'), dnaFollowUp: null });
    expect(result.wrongNumber).toBeUndefined();
    expect(result.replies.map((r) => r.text)).toEqual([passedOnToKeyWorker(sam)]);
    expect(result.alerts.map((a) => a.type)).toEqual(['message_for_key_worker']);
  });
});
