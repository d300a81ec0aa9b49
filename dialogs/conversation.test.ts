import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { UpcomingAppointment } from '../domain/appointments/appointment.types.js';
import type { ConversationMemory, ParticipantContext, TurnInput } from '../domain/conversation/conversation.types.js';
import type { DnaFollowUpFacts } from '../domain/appointments/dna.types.js';
import {
  helpMessage,
  optInConfirmation,
  optOutConfirmation,
  passedOnToKeyWorker,
} from '../domain/wording/wording.js';
import { crisisHelpFor } from '../test/crisis-help.js';
import { DIALOGS, runTurn, type Dialog, type DialogList } from './conversation.js';
import { handledTurn } from './dialog.js';
import { participantContext } from '../test/participant-context.fixture.js';

const NOW = new Date('2025-03-10T10:00:00.000Z');
const sam = participantContext();

interface Step {
  says: string;
  replies: string[];
  events?: string[];
  alerts?: string[];
}

/** Plays a script turn by turn, applying consent changes as the store would between turns. */
function play(script: Step[], participant: ParticipantContext = sam, dialogs: DialogList = DIALOGS): void {
  let current = participant;
  let memory: ConversationMemory = {};
  script.forEach((step, index) => {
    const result = runTurn({ text: step.says, participant: current, memory, now: NOW, appointments: [], dnaFollowUp: null }, dialogs);
    const at = `step ${index + 1}: ${JSON.stringify(step.says)}`;
    expect(result.replies.map((r) => r.text), at).toEqual(step.replies);
    expect(result.events.map((e) => e.type), at).toEqual(step.events ?? []);
    expect(result.alerts.map((a) => a.type), at).toEqual(step.alerts ?? []);
    if (result.consent !== undefined) current = { ...current, optedOut: result.consent === 'opted_out' };
    memory = result.memory;
  });
}

describe('runTurn', () => {
  it('STOP gets one confirmation, then silence, until START', () => {
    play([
      { says: 'STOP', replies: [optOutConfirmation(sam)], events: ['consent.opted_out'] },
      { says: 'STOP', replies: [] },
      { says: 'why do you keep texting', replies: [], alerts: ['message_for_key_worker'] },
      { says: 'HELP', replies: [helpMessage(sam)] },
      { says: 'YES', replies: [], alerts: ['message_for_key_worker'] },
      { says: 'Start', replies: [optInConfirmation(sam)], events: ['consent.opted_in'] },
      { says: 'thanks', replies: [passedOnToKeyWorker(sam)], alerts: ['message_for_key_worker'] },
    ]);
  });

  it('screens for risk before anything else, even after opting out', () => {
    play([
      { says: 'stop texting me', replies: [optOutConfirmation(sam)], events: ['consent.opted_out'] },
      { says: 'I want to kill myself', replies: [crisisHelpFor(sam, 'I want to kill myself')], alerts: ['safeguarding'] },
      { says: "he'll kill me if he sees these", replies: [crisisHelpFor(sam, "he'll kill me if he sees these")], alerts: ['safeguarding'] },
    ]);
  });

  it('a risk message that also says STOP is treated as risk first', () => {
    play([{ says: 'STOP. I want to die', replies: [crisisHelpFor(sam, 'STOP. I want to die')], alerts: ['safeguarding'] }]);
  });

  it('passes free text on, and ordinary idioms are not treated as risk', () => {
    play([
      { says: 'this job is killing me lol', replies: [passedOnToKeyWorker(sam)], alerts: ['message_for_key_worker'] },
      { says: 'I killed it at the interview!', replies: [passedOnToKeyWorker(sam)], alerts: ['message_for_key_worker'] },
      { says: 'can I cancel my appointment', replies: [passedOnToKeyWorker(sam)], alerts: ['message_for_key_worker'] },
    ]);
  });

  it('keeps memory unless a dialog changes it', () => {
    const memory = { awaiting: 'reminder-reply', appointmentId: 'a-1' };
    for (const text of ['STOP', 'HELP', 'I want to die', 'hello']) {
      expect(runTurn({ text, participant: sam, memory, now: NOW, appointments: [], dnaFollowUp: null }).memory).toEqual(memory);
    }
  });

  it('lets a new dialog plug in before free text', () => {
    const confirm: Dialog = (input) =>
      input.text.trim().toLowerCase() === 'yes'
        ? { ...handledTurn(input, { replies: [{ kind: 'reply', text: 'See you then.' }] }), memory: { confirmed: true } }
        : null;
    const dialogs = [...DIALOGS.slice(0, -1), confirm, ...DIALOGS.slice(-1)];
    play(
      [
        { says: 'yes', replies: ['See you then.'] },
        { says: 'STOP', replies: [optOutConfirmation(sam)], events: ['consent.opted_out'] },
        { says: 'maybe', replies: [], alerts: ['message_for_key_worker'] },
      ],
      sam,
      dialogs,
    );
  });

  it('answers nothing when no dialog claims the turn', () => {
    expect(runTurn({ text: 'hello', participant: sam, memory: { a: 1 }, now: NOW, appointments: [], dnaFollowUp: null }, [])).toEqual({
      replies: [],
      events: [],
      alerts: [],
      memory: { a: 1 },
    });
  });

  it('never throws and sends at most two replies, whatever is texted', () => {
    const input = fc.record<TurnInput>({
      text: fc.string({ unit: 'binary', maxLength: 10_000 }),
      participant: fc.record({
        id: fc.constant('p-1'),
        firstName: fc.string({ maxLength: 20 }),
        language: fc.constant('en'),
        channel: fc.constantFrom('sms', 'whatsapp'),
        optedOut: fc.boolean(),
        keyWorkerName: fc.option(fc.string({ maxLength: 20 })),
        programmeName: fc.string({ minLength: 1, maxLength: 40 }),
        timeZone: fc.constantFrom('Europe/London', 'Europe/Dublin', 'America/New_York'),
      }),
      memory: fc.constant({}),
      now: fc.constant(NOW),
      appointments: fc.uniqueArray(
        fc.record<UpcomingAppointment>({
          id: fc.constantFrom('a-1', 'a-2', 'a-3'),
          version: fc.integer({ min: 1, max: 5 }),
          title: fc.string({ maxLength: 40 }),
          location: fc.option(fc.string({ maxLength: 40 })),
          startsAt: fc.date({ min: NOW, max: new Date('2025-06-01T00:00:00.000Z'), noInvalidDate: true }),
          mandatory: fc.boolean(),
          lastRemindedAt: fc.option(
            fc.date({ min: new Date('2025-03-01T00:00:00.000Z'), max: NOW, noInvalidDate: true }),
          ),
        }),
        { selector: (appointment) => appointment.id, maxLength: 3 },
      ),
      dnaFollowUp: fc.option(
        fc.record<DnaFollowUpFacts>({
          id: fc.constantFrom('f-1', 'f-2'),
          appointmentId: fc.constantFrom('a-0', 'a-1'),
          appointmentStartsAt: fc.date({ min: new Date('2025-02-01T00:00:00.000Z'), max: NOW, noInvalidDate: true }),
          appointmentTitle: fc.string({ maxLength: 80 }),
          startedAt: fc.date({ min: new Date('2025-02-01T00:00:00.000Z'), max: NOW, noInvalidDate: true }),
          reasonRecorded: fc.boolean(),
        }),
      ),
    });
    fc.assert(
      fc.property(input, (turn) => {
        const result = runTurn(turn);
        expect(result.replies.length).toBeLessThanOrEqual(2);
        if (turn.participant.optedOut && result.consent === undefined) {
          expect(result.replies.every((r) => r.kind !== 'opt_out_confirmation')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
