import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { UpcomingAppointment } from '../domain/appointments/appointment.types.js';
import type { JsonObject } from '../domain/case-record/case-record.types.js';
import type { ConversationMemory, ParticipantContext, TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import {
  askWhyCannotCome,
  confirmThanks,
  rearrangeNoted,
  reasonRecorded,
  whichAppointment,
} from '../domain/wording/reminder-wording.js';
import { optOutConfirmation, passedOnToKeyWorker } from '../domain/wording/wording.js';
import { runTurn } from './conversation.js';
import { appointmentReplied, reminderReplyDialog } from './reminder-reply.dialog.js';
import { participantContext } from '../test/participant-context.fixture.js';

const NOW = new Date('2025-03-10T10:00:00.000Z');
const hoursBefore = (hours: number, at: Date = NOW): Date => new Date(at.getTime() - hours * 3_600_000);
const hoursAfter = (hours: number, at: Date = NOW): Date => hoursBefore(-hours, at);

const sam = participantContext();
const ctx = { firstName: 'Sam', keyWorkerName: 'Priya', programmeName: 'Work and Health Programme', language: 'en', timeZone: 'Europe/London' };

/** Tomorrow's workshop, reminded about two hours ago. */
const workshop: UpcomingAppointment = {
  id: 'a-1',
  version: 2,
  title: 'CV workshop',
  location: 'Jobcentre Plus, 12 High Street',
  startsAt: new Date('2025-03-11T10:30:00.000Z'),
  mandatory: false,
  lastRemindedAt: hoursBefore(2),
};
/** Thursday's meeting with the key worker, not reminded about yet. */
const meeting: UpcomingAppointment = {
  id: 'a-2',
  version: 1,
  title: 'Meeting with Priya',
  location: null,
  startsAt: new Date('2025-03-13T14:00:00.000Z'),
  mandatory: true,
  lastRemindedAt: null,
};

type Event = [type: string, appointmentId: string | undefined, key: string];

interface Step {
  says: string;
  /** null: the dialog does not take the turn. */
  replies: string[] | null;
  events?: Event[];
  alerts?: string[];
  /** What this dialog keeps in memory afterwards (undefined: nothing). */
  pending?: JsonObject;
  now?: Date;
}

/** Plays a script through the dialog alone, carrying memory from turn to turn as the store would. */
function play(
  script: Step[],
  appointments: UpcomingAppointment[],
  options: { memory?: ConversationMemory; participant?: ParticipantContext } = {},
): void {
  let memory: ConversationMemory = options.memory ?? {};
  script.forEach((step, index) => {
    const at = `step ${index + 1}: ${JSON.stringify(step.says)}`;
    const input: TurnInput = {
      text: step.says,
      participant: options.participant ?? sam,
      memory,
      now: step.now ?? NOW,
      appointments,
      dnaFollowUp: null,
    };
    const result = reminderReplyDialog(input);
    if (step.replies === null) {
      expect(result, at).toBeNull();
      return;
    }
    expect(result, at).not.toBeNull();
    const turn = result as TurnResult;
    expect(turn.replies.map((r) => r.text), at).toEqual(step.replies);
    expect(turn.replies.every((r) => r.kind === 'reply'), at).toBe(true);
    expect(turn.events.map((e): Event => [e.type, e.appointmentId, e.key]), at).toEqual(step.events ?? []);
    expect(turn.alerts.map((a) => a.type), at).toEqual(step.alerts ?? []);
    expect(turn.memory.reminderReply, at).toEqual(step.pending);
    memory = turn.memory;
  });
}

const turnWith = (text: string, appointments: UpcomingAppointment[], memory: ConversationMemory = {}): TurnInput => ({
  text,
  participant: sam,
  memory,
  now: NOW,
  appointments,
  dnaFollowUp: null,
});

describe('reminder reply dialog', () => {
  describe('one upcoming appointment', () => {
    it.each<[says: string, step: Omit<Step, 'says'>]>([
      ['Yes', { replies: [confirmThanks(ctx, workshop)], events: [['appointment.confirmed', 'a-1', 'confirmed-v2']] }],
      ['👍', { replies: [confirmThanks(ctx, workshop)], events: [['appointment.confirmed', 'a-1', 'confirmed-v2']] }],
      ['👍🏾', { replies: [confirmThanks(ctx, workshop)], events: [['appointment.confirmed', 'a-1', 'confirmed-v2']] }],
      ["I'll be there", { replies: [confirmThanks(ctx, workshop)], events: [['appointment.confirmed', 'a-1', 'confirmed-v2']] }],
      ['ok', { replies: [confirmThanks(ctx, workshop)], events: [['appointment.confirmed', 'a-1', 'confirmed-v2']] }],
      ['R', {
        replies: [rearrangeNoted(ctx)],
        events: [['appointment.rearrange_requested', 'a-1', 'rearrange-requested-v2']],
        alerts: ['rearrange_requested'],
      }],
      ['can we change it?', {
        replies: [rearrangeNoted(ctx)],
        events: [['appointment.rearrange_requested', 'a-1', 'rearrange-requested-v2']],
        alerts: ['rearrange_requested'],
      }],
      ["can't", {
        replies: [askWhyCannotCome(ctx)],
        events: [['appointment.cancel_requested', 'a-1', 'cancel-requested-v2']],
        alerts: ['cancel_requested'],
        pending: { awaiting: 'reason', appointmentId: 'a-1', askedAt: NOW.toISOString() },
      }],
      ['no', {
        replies: [askWhyCannotCome(ctx)],
        events: [['appointment.cancel_requested', 'a-1', 'cancel-requested-v2']],
        alerts: ['cancel_requested'],
        pending: { awaiting: 'reason', appointmentId: 'a-1', askedAt: NOW.toISOString() },
      }],
      // Already says why, so nothing to ask.
      ["I'm ill", {
        replies: [reasonRecorded(ctx)],
        events: [['appointment.cancel_requested', 'a-1', 'cancel-requested-v2']],
        alerts: ['cancel_requested'],
      }],
      ['no idea where the office is, can you send the address?', { replies: null }],
      ['what time is it again', { replies: null }],
      ['1', { replies: null }],
      ['STOP', { replies: null }],
      ['cancel', { replies: null }],
    ])('%j', (says, step) => {
      play([{ says, ...step }], [workshop]);
    });

    it('records exactly what a confirmation says', () => {
      expect(reminderReplyDialog(turnWith('Yes', [workshop], { other: 'kept' }))).toEqual({
        replies: [{ kind: 'reply', text: confirmThanks(ctx, workshop) }],
        events: [{ type: 'appointment.confirmed', key: 'confirmed-v2', appointmentId: 'a-1', data: { reply: 'Yes', version: 2 } }],
        alerts: [],
        memory: { other: 'kept' },
      });
    });

    it('raises cancel_requested with the appointment and asks why, then records the reason', () => {
      const first = reminderReplyDialog(turnWith("can't", [workshop], { other: 'kept' }));
      expect(first).toEqual({
        replies: [{ kind: 'reply', text: askWhyCannotCome(ctx) }],
        events: [{
          type: 'appointment.cancel_requested',
          key: 'cancel-requested-v2',
          appointmentId: 'a-1',
          data: { reply: "can't", version: 2 },
        }],
        alerts: [{
          type: 'cancel_requested',
          key: 'cancel-requested-v2',
          data: { appointmentId: 'a-1', startsAt: '2025-03-11T10:30:00.000Z', reply: "can't" },
        }],
        memory: { other: 'kept', reminderReply: { awaiting: 'reason', appointmentId: 'a-1', askedAt: NOW.toISOString() } },
      });
      const later = { ...turnWith("I'm ill", [workshop], first?.memory), now: hoursAfter(1) };
      expect(reminderReplyDialog(later)).toEqual({
        replies: [{ kind: 'reply', text: reasonRecorded(ctx) }],
        events: [{ type: 'appointment.cancel_requested', key: 'reason', appointmentId: 'a-1', data: { reason: "I'm ill" } }],
        alerts: [],
        memory: { other: 'kept' },
      });
    });

    it('raises rearrange_requested with the appointment', () => {
      expect(reminderReplyDialog(turnWith('rearrange please', [workshop]))).toEqual({
        replies: [{ kind: 'reply', text: rearrangeNoted(ctx) }],
        events: [{
          type: 'appointment.rearrange_requested',
          key: 'rearrange-requested-v2',
          appointmentId: 'a-1',
          data: { reply: 'rearrange please', version: 2 },
        }],
        alerts: [{
          type: 'rearrange_requested',
          key: 'rearrange-requested-v2',
          data: { appointmentId: 'a-1', startsAt: '2025-03-11T10:30:00.000Z', reply: 'rearrange please' },
        }],
        memory: {},
      });
    });
  });

  it('asks why once: whatever comes next is the reason, even another no', () => {
    play(
      [
        {
          says: "Sorry, I can't make it",
          replies: [askWhyCannotCome(ctx)],
          events: [['appointment.cancel_requested', 'a-1', 'cancel-requested-v2']],
          alerts: ['cancel_requested'],
          pending: { awaiting: 'reason', appointmentId: 'a-1', askedAt: NOW.toISOString() },
        },
        {
          says: 'no',
          replies: [reasonRecorded(ctx)],
          events: [['appointment.cancel_requested', 'a-1', 'reason']],
          now: hoursAfter(3),
        },
      ],
      [workshop],
    );
  });

  it('a change of mind after "why?" is taken as the new answer, not as the reason', () => {
    play(
      [
        {
          says: 'no',
          replies: [askWhyCannotCome(ctx)],
          events: [['appointment.cancel_requested', 'a-1', 'cancel-requested-v2']],
          alerts: ['cancel_requested'],
          pending: { awaiting: 'reason', appointmentId: 'a-1', askedAt: NOW.toISOString() },
        },
        { says: 'Actually yes', replies: [confirmThanks(ctx, workshop)], events: [['appointment.confirmed', 'a-1', 'confirmed-v2']] },
        { says: 'thanks', replies: null },
      ],
      [workshop],
    );
    play(
      [
        {
          says: 'no',
          replies: [askWhyCannotCome(ctx)],
          events: [['appointment.cancel_requested', 'a-1', 'cancel-requested-v2']],
          alerts: ['cancel_requested'],
          pending: { awaiting: 'reason', appointmentId: 'a-1', askedAt: NOW.toISOString() },
        },
        {
          says: 'can we rearrange?',
          replies: [rearrangeNoted(ctx)],
          events: [['appointment.rearrange_requested', 'a-1', 'rearrange-requested-v2']],
          alerts: ['rearrange_requested'],
        },
      ],
      [workshop],
    );
  });

  it('takes free text after "why?" as the reason', () => {
    play(
      [
        {
          says: 'cant',
          replies: [askWhyCannotCome(ctx)],
          events: [['appointment.cancel_requested', 'a-1', 'cancel-requested-v2']],
          alerts: ['cancel_requested'],
          pending: { awaiting: 'reason', appointmentId: 'a-1', askedAt: NOW.toISOString() },
        },
        {
          says: 'my son is off school and I have no childcare that day',
          replies: [reasonRecorded(ctx)],
          events: [['appointment.cancel_requested', 'a-1', 'reason']],
        },
        { says: 'thanks', replies: null },
      ],
      [workshop],
    );
  });

  it('goes to the appointment reminded about last', () => {
    const remindedEarlier = { ...workshop, lastRemindedAt: hoursBefore(30) };
    const remindedLast = { ...meeting, lastRemindedAt: hoursBefore(1) };
    play(
      [{ says: 'Yes', replies: [confirmThanks(ctx, remindedLast)], events: [['appointment.confirmed', 'a-2', 'confirmed-v1']] }],
      [remindedEarlier, remindedLast],
    );
    play(
      [{ says: 'Yes', replies: [confirmThanks(ctx, remindedEarlier)], events: [['appointment.confirmed', 'a-1', 'confirmed-v2']] }],
      [{ ...remindedEarlier, lastRemindedAt: hoursBefore(1) }, { ...remindedLast, lastRemindedAt: hoursBefore(30) }],
    );
  });

  it('goes to the only appointment reminded about, even if another is sooner', () => {
    const soonerNotReminded = { ...meeting, startsAt: hoursAfter(5) };
    play(
      [{ says: 'y', replies: [confirmThanks(ctx, workshop)], events: [['appointment.confirmed', 'a-1', 'confirmed-v2']] }],
      [soonerNotReminded, workshop],
    );
  });

  it('asks "1 or 2?" when two reminders went out close together, then applies the answer', () => {
    const both = [workshop, { ...meeting, lastRemindedAt: hoursBefore(4) }];
    const which = { awaiting: 'which', intent: 'decline', options: ['a-1', 'a-2'], askedAt: NOW.toISOString() };
    play(
      [
        { says: "can't", replies: [whichAppointment(ctx, [both[0]!, both[1]!])], pending: which },
        {
          says: '2',
          replies: [askWhyCannotCome(ctx)],
          events: [['appointment.cancel_requested', 'a-2', 'cancel-requested-v1']],
          alerts: ['cancel_requested'],
          pending: { awaiting: 'reason', appointmentId: 'a-2', askedAt: hoursAfter(1).toISOString() },
          now: hoursAfter(1),
        },
        {
          says: 'I have a job interview',
          replies: [reasonRecorded(ctx)],
          events: [['appointment.cancel_requested', 'a-2', 'reason']],
          now: hoursAfter(2),
        },
      ],
      both,
    );
  });

  it.each<[answer: string, appointment: UpcomingAppointment]>([
    ['1', workshop],
    ['the first one', workshop],
    ['2nd', meeting],
    ['second', meeting],
  ])('"which?" answered %j', (answer, appointment) => {
    const memory = { reminderReply: { awaiting: 'which', intent: 'confirm', options: ['a-1', 'a-2'], askedAt: NOW.toISOString() } };
    expect(reminderReplyDialog(turnWith(answer, [workshop, meeting], memory))).toEqual({
      replies: [{ kind: 'reply', text: confirmThanks(ctx, appointment) }],
      events: [{
        type: 'appointment.confirmed',
        key: `confirmed-v${appointment.version}`,
        appointmentId: appointment.id,
        data: { reply: answer, version: appointment.version },
      }],
      alerts: [],
      memory: {},
    });
  });

  it('asks which when neither was reminded about, offering the two soonest', () => {
    const third = { ...meeting, id: 'a-3', startsAt: new Date('2025-03-20T10:00:00.000Z') };
    const unreminded = [third, { ...workshop, lastRemindedAt: null }, meeting];
    play(
      [{
        says: 'R',
        replies: [whichAppointment(ctx, [unreminded[1]!, meeting])],
        pending: { awaiting: 'which', intent: 'rearrange', options: ['a-1', 'a-2'], askedAt: NOW.toISOString() },
      }],
      unreminded,
    );
  });

  it('forgets "which?" when the answer is not a choice, and lets free text keep the message', () => {
    const memory = {
      other: 'kept',
      reminderReply: { awaiting: 'which', intent: 'confirm', options: ['a-1', 'a-2'], askedAt: NOW.toISOString() },
    };
    expect(reminderReplyDialog(turnWith('which one is at the jobcentre?', [workshop, meeting], memory))).toEqual({
      replies: [{ kind: 'reply', text: passedOnToKeyWorker(sam) }],
      events: [],
      alerts: [{ type: 'message_for_key_worker', key: 'free-text', data: { text: 'which one is at the jobcentre?' } }],
      memory: { other: 'kept' },
    });
  });

  it('a fresh reminder reply instead of "1 or 2" asks again with the new intent', () => {
    const both = [workshop, { ...meeting, lastRemindedAt: hoursBefore(3) }];
    const memory = { reminderReply: { awaiting: 'which', intent: 'confirm', options: ['a-1', 'a-2'], askedAt: NOW.toISOString() } };
    play(
      [{
        says: 'R',
        replies: [whichAppointment(ctx, [workshop, both[1]!])],
        pending: { awaiting: 'which', intent: 'rearrange', options: ['a-1', 'a-2'], askedAt: NOW.toISOString() },
      }],
      both,
      { memory },
    );
  });

  it('does not take the turn without upcoming appointments or a question waiting', () => {
    for (const says of ['yes', 'Yes', '👍', "can't", 'R', '1']) {
      expect(reminderReplyDialog(turnWith(says, []))).toBeNull();
    }
  });

  it('still takes the reason when the appointment has gone from the list', () => {
    const memory = { reminderReply: { awaiting: 'reason', appointmentId: 'a-1', askedAt: hoursBefore(1).toISOString() } };
    play([{ says: 'bus strike', replies: [reasonRecorded(ctx)], events: [['appointment.cancel_requested', 'a-1', 'reason']] }], [], {
      memory,
    });
  });

  it('ignores a question asked more than 24 hours ago', () => {
    const stale = { reminderReply: { awaiting: 'reason', appointmentId: 'a-1', askedAt: hoursBefore(25).toISOString() } };
    play([{ says: 'the bus was late', replies: null }], [workshop], { memory: stale });
    play([{ says: 'the bus was late', replies: null }], [], { memory: stale });
    play(
      [{ says: 'yes', replies: [confirmThanks(ctx, workshop)], events: [['appointment.confirmed', 'a-1', 'confirmed-v2']] }],
      [workshop],
      { memory: stale },
    );
    const staleWhich = {
      reminderReply: { awaiting: 'which', intent: 'confirm', options: ['a-1', 'a-2'], askedAt: hoursBefore(25).toISOString() },
    };
    play([{ says: '2', replies: null }], [workshop, meeting], { memory: staleWhich });
  });

  it.each([
    ['not an object', { reminderReply: 'reason' }],
    ['no askedAt', { reminderReply: { awaiting: 'reason', appointmentId: 'a-1' } }],
    ['bad date', { reminderReply: { awaiting: 'reason', appointmentId: 'a-1', askedAt: 'yesterday' } }],
    ['unknown question', { reminderReply: { awaiting: 'colour', askedAt: NOW.toISOString() } }],
    ['bad intent', { reminderReply: { awaiting: 'which', intent: 'maybe', options: ['a-1'], askedAt: NOW.toISOString() } }],
  ])('ignores a malformed memory (%s)', (_why, memory) => {
    expect(reminderReplyDialog(turnWith('the bus was late', [workshop], memory))).toBeNull();
  });

  it('records but stays quiet for someone who has opted out', () => {
    const optedOut = { ...sam, optedOut: true };
    play(
      [
        { says: 'yes', replies: [], events: [['appointment.confirmed', 'a-1', 'confirmed-v2']] },
        {
          says: "can't",
          replies: [],
          events: [['appointment.cancel_requested', 'a-1', 'cancel-requested-v2']],
          alerts: ['cancel_requested'],
        },
      ],
      [workshop],
      { participant: optedOut },
    );
    play([{ says: 'yes', replies: null }], [workshop, { ...meeting, lastRemindedAt: hoursBefore(2) }], {
      participant: optedOut,
    });
  });

  it('never asks anyone to text CANCEL, and answers with at most one reply', () => {
    const appointment = fc.record<UpcomingAppointment>({
      id: fc.constantFrom('a-1', 'a-2', 'a-3'),
      version: fc.integer({ min: 1, max: 9 }),
      title: fc.string({ maxLength: 30 }),
      location: fc.option(fc.string({ maxLength: 30 })),
      startsAt: fc.date({ min: NOW, max: new Date('2025-12-31T00:00:00.000Z'), noInvalidDate: true }),
      mandatory: fc.boolean(),
      lastRemindedAt: fc.option(fc.date({ min: hoursBefore(72), max: NOW, noInvalidDate: true })),
    });
    const askedAt = fc.date({ min: hoursBefore(48), max: NOW, noInvalidDate: true }).map((d) => d.toISOString());
    const memory = fc.oneof(
      fc.constant({}),
      fc.record({ reminderReply: fc.record({ awaiting: fc.constant('reason'), appointmentId: fc.constantFrom('a-1', 'a-9'), askedAt }) }),
      fc.record({
        reminderReply: fc.record({
          awaiting: fc.constant('which'),
          intent: fc.constantFrom('confirm', 'decline', 'rearrange'),
          options: fc.constantFrom<string[]>(['a-1', 'a-2'], ['a-2', 'a-3']),
          askedAt,
        }),
      }),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })).map((m) => m as JsonObject),
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.constantFrom('yes', '👍🏽', "can't", "I'm ill", 'R', 'change', '1', '2', 'the first one', 'STOP', 'cancel'),
    );
    fc.assert(
      fc.property(
        text,
        memory,
        fc.uniqueArray(appointment, { selector: (a) => a.id, maxLength: 3 }),
        fc.boolean(),
        (says, mem, appointments, optedOut) => {
          const result = reminderReplyDialog({ text: says, participant: { ...sam, optedOut }, memory: mem, now: NOW, appointments, dnaFollowUp: null });
          if (result === null) return;
          expect(result.replies.length).toBeLessThanOrEqual(1);
          if (optedOut) expect(result.replies).toEqual([]);
          for (const r of result.replies) {
            expect(r.text).not.toMatch(/\bCANCEL\b/);
            expect(r.text).not.toMatch(/\b(text|reply|send|say)\b\W+(back\W+)?(with\W+)?\W?cancel\b/i);
          }
          for (const event of result.events) expect(event.appointmentId).toBeDefined();
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('appointmentReplied', () => {
  it("writes the appointment's time on the programme's clock, from the participant's context", () => {
    const inTokyo = participantContext({ timeZone: 'Asia/Tokyo' });
    const reply = confirmThanks({ ...ctx, timeZone: 'Asia/Tokyo' }, workshop);
    expect(reply).toContain('7:30pm');
    expect(reply).not.toEqual(confirmThanks(ctx, workshop));
    play([{ says: 'yes', replies: [reply], events: [['appointment.confirmed', 'a-1', 'confirmed-v2']] }], [workshop], { participant: inTokyo });
  });

  it('needs no reminder when there is only one appointment', () => {
    expect(appointmentReplied([meeting])).toEqual({ kind: 'one', appointment: meeting });
  });

  it('counts reminders exactly six hours apart as too close to tell', () => {
    const six = { ...meeting, lastRemindedAt: hoursBefore(8) };
    expect(appointmentReplied([workshop, six])).toEqual({ kind: 'ambiguous', options: [workshop, six] });
    const sixAndABit = { ...meeting, lastRemindedAt: new Date(hoursBefore(8).getTime() - 1) };
    expect(appointmentReplied([workshop, sixAndABit])).toEqual({ kind: 'one', appointment: workshop });
  });
});

describe('in the conversation', () => {
  const play = (texts: string[], appointments: UpcomingAppointment[]): string[][] => {
    let memory: ConversationMemory = {};
    let participant = sam;
    return texts.map((text) => {
      const result = runTurn({ text, participant, memory, now: NOW, appointments, dnaFollowUp: null });
      memory = result.memory;
      if (result.consent !== undefined) participant = { ...participant, optedOut: result.consent === 'opted_out' };
      return [...result.events.map((e) => e.type), ...result.alerts.map((a) => `alert:${a.type}`)];
    });
  };

  it('comes after opt-out and before free text', () => {
    expect(play(['yes', 'maybe', 'cancel', 'yes'], [workshop])).toEqual([
      ['appointment.confirmed'],
      ['alert:message_for_key_worker'],
      ['consent.opted_out'],
      ['appointment.confirmed'],
    ]);
  });

  it('lets STOP through while a question is waiting', () => {
    const memory = { reminderReply: { awaiting: 'reason', appointmentId: 'a-1', askedAt: NOW.toISOString() } };
    const result = runTurn({ text: 'STOP', participant: sam, memory, now: NOW, appointments: [workshop], dnaFollowUp: null });
    expect(result.replies.map((r) => r.text)).toEqual([optOutConfirmation(sam)]);
  });
});
