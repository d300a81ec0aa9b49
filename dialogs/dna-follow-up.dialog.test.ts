import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { UpcomingAppointment } from '../domain/appointments/appointment.types.js';
import type { JsonObject } from '../domain/case-record/case-record.types.js';
import type { ConversationMemory, ParticipantContext, TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import type { DnaFollowUpFacts } from '../domain/appointments/dna.types.js';
import { dnaNoRearrangeNeeded, dnaRearrangeNoted, dnaThanksAndOfferRearrange } from '../domain/wording/dna-wording.js';
import { optOutConfirmation, passedOnToKeyWorker } from '../domain/wording/wording.js';
import { crisisHelpFor } from '../test/crisis-help.js';
import { runTurn } from './conversation.js';
import { DNA_FOLLOW_UP_MEMORY_KEY, dnaFollowUpDialog } from './dna-follow-up.dialog.js';
import { participantContext } from '../test/participant-context.fixture.js';

const NOW = new Date('2025-03-10T10:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const before = (ms: number, at: Date = NOW): Date => new Date(at.getTime() - ms);
const after = (ms: number, at: Date = NOW): Date => new Date(at.getTime() + ms);

const sam = participantContext();
const ctx = { firstName: 'Sam', keyWorkerName: 'Priya', programmeName: 'Work and Health Programme', language: 'en', timeZone: 'Europe/London' };
const offer = dnaThanksAndOfferRearrange(ctx);
const noted = dnaRearrangeNoted(ctx, 'Priya');
const notNow = dnaNoRearrangeNeeded(ctx);

/** Friday's missed CV workshop; the follow-up started an hour later. */
const followUp: DnaFollowUpFacts = {
  id: 'f-1',
  appointmentId: 'a-0',
  appointmentStartsAt: new Date('2025-03-07T10:00:00.000Z'),
  appointmentTitle: 'CV workshop',
  startedAt: new Date('2025-03-07T11:00:00.000Z'),
  reasonRecorded: false,
};

/** A new appointment the key worker booked, reminded about an hour ago. */
const rebooked: UpcomingAppointment = {
  id: 'a-1',
  version: 1,
  title: 'CV workshop',
  location: null,
  startsAt: after(DAY),
  mandatory: false,
  lastRemindedAt: before(HOUR),
};

const awaitingRearrange = (askedAt: Date = NOW, followUpId = 'f-1'): JsonObject => ({
  awaiting: 'rearrange',
  followUpId,
  appointmentId: 'a-0',
  askedAt: askedAt.toISOString(),
});
const answered = { awaiting: 'none', followUpId: 'f-1' };

type Event = [type: string, key: string, data: JsonObject];

interface Step {
  says: string;
  /** null: the dialog does not take the turn. */
  replies: string[] | null;
  events?: Event[];
  alerts?: [type: string, key: string, data: JsonObject][];
  /** What this dialog keeps in memory afterwards (undefined: nothing). */
  remembers?: JsonObject;
  now?: Date;
}

interface Setting {
  dnaFollowUp?: DnaFollowUpFacts | null;
  memory?: ConversationMemory;
  participant?: ParticipantContext;
  appointments?: UpcomingAppointment[];
}

/** Plays a script through the dialog alone, carrying memory from turn to turn as the store would. */
function play(script: Step[], setting: Setting = {}): void {
  let memory: ConversationMemory = setting.memory ?? {};
  script.forEach((step, index) => {
    const at = `step ${index + 1}: ${JSON.stringify(step.says)}`;
    const result = dnaFollowUpDialog({
      text: step.says,
      participant: setting.participant ?? sam,
      memory,
      now: step.now ?? NOW,
      appointments: setting.appointments ?? [],
      dnaFollowUp: setting.dnaFollowUp === undefined ? followUp : setting.dnaFollowUp,
    });
    if (step.replies === null) {
      expect(result, at).toBeNull();
      return;
    }
    expect(result, at).not.toBeNull();
    const turn = result as TurnResult;
    expect(turn.replies.map((r) => r.text), at).toEqual(step.replies);
    expect(turn.replies.every((r) => r.kind === 'reply'), at).toBe(true);
    expect(turn.events.map((e): Event => [e.type, e.key, e.data]), at).toEqual(step.events ?? []);
    expect(turn.events.every((e) => e.appointmentId === 'a-0'), at).toBe(true);
    expect(turn.alerts.map((a) => [a.type, a.key, a.data]), at).toEqual(step.alerts ?? []);
    expect(turn.memory[DNA_FOLLOW_UP_MEMORY_KEY], at).toEqual(step.remembers);
    memory = turn.memory;
  });
}

const reason = (words: string, category: string, byNumber = false): Event => [
  'dna.reason',
  'reason-f-1',
  { followUpId: 'f-1', words, category, byNumber },
];
const rearrangeEvent = (preferred: string): Event => [
  'appointment.rearrange_requested',
  'dna-rearrange-f-1',
  { followUpId: 'f-1', preferred },
];
const rearrangeAlert = (preferred: string): [string, string, JsonObject] => [
  'rearrange_requested',
  'dna-rearrange-f-1',
  { appointmentId: 'a-0', preferred, after: 'did_not_attend' },
];

describe('did-not-attend follow-up dialog', () => {
  it('"I was ill" → the reason with its category and an offer; then days that suit → rearrange requested', () => {
    play([
      {
        says: 'I was ill',
        replies: [offer],
        events: [reason('I was ill', 'ill_health')],
        remembers: awaitingRearrange(),
      },
      {
        says: 'Tuesday mornings',
        replies: [noted],
        events: [rearrangeEvent('Tuesday mornings')],
        alerts: [rearrangeAlert('Tuesday mornings')],
        remembers: answered,
        now: after(2 * HOUR),
      },
    ]);
  });

  it('"2" → caring, by number; then "no thanks" → no alert', () => {
    play([
      { says: '2', replies: [offer], events: [reason('2', 'caring', true)], remembers: awaitingRearrange() },
      { says: 'no thanks', replies: [notNow], remembers: answered, now: after(DAY) },
    ]);
  });

  it('records exactly what a reason says, keeping the rest of memory', () => {
    const input: TurnInput = {
      text: '3 bus was late',
      participant: sam,
      memory: { other: 'kept' },
      now: NOW,
      appointments: [],
      dnaFollowUp: followUp,
    };
    expect(dnaFollowUpDialog(input)).toEqual({
      replies: [{ kind: 'reply', text: offer }],
      events: [{
        type: 'dna.reason',
        key: 'reason-f-1',
        appointmentId: 'a-0',
        data: { followUpId: 'f-1', words: '3 bus was late', category: 'transport_cost', byNumber: true },
      }],
      alerts: [],
      memory: { other: 'kept', dnaFollowUp: { awaiting: 'rearrange', followUpId: 'f-1', appointmentId: 'a-0', askedAt: NOW.toISOString() } },
    });
  });

  it('raises rearrange_requested with the appointment, the words and that it follows a missed appointment', () => {
    const input: TurnInput = {
      text: 'any day after 2pm',
      participant: sam,
      memory: { other: 'kept', dnaFollowUp: awaitingRearrange(before(HOUR)) },
      now: NOW,
      appointments: [],
      dnaFollowUp: { ...followUp, reasonRecorded: true },
    };
    expect(dnaFollowUpDialog(input)).toEqual({
      replies: [{ kind: 'reply', text: noted }],
      events: [{
        type: 'appointment.rearrange_requested',
        key: 'dna-rearrange-f-1',
        appointmentId: 'a-0',
        data: { followUpId: 'f-1', preferred: 'any day after 2pm' },
      }],
      alerts: [{
        type: 'rearrange_requested',
        key: 'dna-rearrange-f-1',
        data: { appointmentId: 'a-0', preferred: 'any day after 2pm', after: 'did_not_attend' },
      }],
      memory: { other: 'kept', dnaFollowUp: answered },
    });
  });

  it.each([
    ['R', 'other'],
    ['can I rearrange', 'other'],
    ['another day please', 'other'],
    ['I was ill, can we reschedule?', 'ill_health'],
    ['had a job interview, could I have a new appointment', 'work_interview'],
  ])('%j gives a reason and asks to rearrange in one', (says, category) => {
    play([
      {
        says,
        replies: [noted],
        events: [reason(says, category), rearrangeEvent(says)],
        alerts: [rearrangeAlert(says)],
        remembers: answered,
      },
    ]);
  });

  it.each(['no', 'No thanks', 'nope', 'not now', 'Not right now thanks', "I'm OK thanks", "it's fine", 'maybe later x', 'thanks', "can't"])(
    'the offer answered %j → accepted kindly, no alert',
    (says) => {
      play([{ says, replies: [notNow], remembers: answered }], { dnaFollowUp: null, memory: { dnaFollowUp: awaitingRearrange() } });
    },
  );

  it.each(['yes', 'Yes please', 'ok', 'Mon or Wed after 2', 'no, next week is better', 'R'])(
    'the offer answered %j → rearrange requested with their words',
    (says) => {
      play(
        [{ says, replies: [noted], events: [rearrangeEvent(says)], alerts: [rearrangeAlert(says)], remembers: answered }],
        { dnaFollowUp: null, memory: { dnaFollowUp: awaitingRearrange() } },
      );
    },
  );

  it('does not take the turn once the reason is recorded and nothing is awaited', () => {
    play([{ says: 'I was ill', replies: null }], { dnaFollowUp: { ...followUp, reasonRecorded: true } });
    play([{ says: 'I was ill', replies: null }], { dnaFollowUp: null });
  });

  it('does not take the reason twice while the case record catches up', () => {
    play([
      { says: 'I was ill', replies: [offer], events: [reason('I was ill', 'ill_health')], remembers: awaitingRearrange() },
      {
        says: 'Fridays',
        replies: [noted],
        events: [rearrangeEvent('Fridays')],
        alerts: [rearrangeAlert('Fridays')],
        remembers: answered,
      },
      // reasonRecorded is still false in the facts: the thanks is not a second reason.
      { says: 'thanks', replies: null },
    ]);
  });

  it('lets a follow-up over 14 days old go, and an offer over 7 days old', () => {
    play([{ says: 'I was ill', replies: null }], { dnaFollowUp: { ...followUp, startedAt: before(14 * DAY + 1) } });
    play([{ says: 'I was ill', replies: [offer], events: [reason('I was ill', 'ill_health')], remembers: awaitingRearrange() }], {
      dnaFollowUp: { ...followUp, startedAt: before(14 * DAY) },
    });
    play([{ says: 'Tuesday mornings', replies: null }], {
      dnaFollowUp: { ...followUp, reasonRecorded: true },
      memory: { dnaFollowUp: awaitingRearrange(before(7 * DAY + 1)) },
    });
    // Expired, but the reason for this follow-up was still taken here: not asked again.
    play([{ says: 'Tuesday mornings', replies: null }], { memory: { dnaFollowUp: awaitingRearrange(before(8 * DAY)) } });
    play(
      [{ says: 'Tuesday mornings', replies: [noted], events: [rearrangeEvent('Tuesday mornings')], alerts: [rearrangeAlert('Tuesday mornings')], remembers: answered }],
      { dnaFollowUp: null, memory: { dnaFollowUp: awaitingRearrange(before(7 * DAY)) } },
    );
  });

  it('a newer follow-up takes its reason even while an older offer is open', () => {
    const newer = { ...followUp, id: 'f-2', startedAt: before(HOUR) };
    const result = dnaFollowUpDialog({
      text: 'forgot sorry',
      participant: sam,
      memory: { dnaFollowUp: awaitingRearrange(before(2 * DAY), 'f-1') },
      now: NOW,
      appointments: [],
      dnaFollowUp: newer,
    });
    expect(result?.events.map((e) => [e.type, e.key, e.data.category])).toEqual([['dna.reason', 'reason-f-2', 'forgot']]);
    expect(result?.memory.dnaFollowUp).toMatchObject({ awaiting: 'rearrange', followUpId: 'f-2' });
  });

  it('leaves a reminder reply to the reminder dialog when a newer appointment was reminded about', () => {
    play([{ says: 'yes', replies: null }], { appointments: [rebooked] });
    play([{ says: "can't", replies: null }], { appointments: [rebooked] });
    play([{ says: 'I was ill', replies: [offer], events: [reason('I was ill', 'ill_health')], remembers: awaitingRearrange() }], {
      appointments: [rebooked],
    });
    // Reminded before the follow-up started: "yes" is still about the missed one.
    play([{ says: 'yes', replies: [offer], events: [reason('yes', 'other')], remembers: awaitingRearrange() }], {
      appointments: [{ ...rebooked, lastRemindedAt: before(4 * DAY) }],
    });
    // An offer overtaken by a reminder about a new appointment is closed: the key worker has found a time.
    play([{ says: 'Tuesday mornings', replies: null }], {
      dnaFollowUp: null,
      memory: { dnaFollowUp: awaitingRearrange(before(2 * HOUR)) },
      appointments: [rebooked],
    });
  });

  it.each([
    ['not an object', { dnaFollowUp: 'rearrange' }],
    ['no followUpId', { dnaFollowUp: { awaiting: 'rearrange', appointmentId: 'a-0', askedAt: NOW.toISOString() } }],
    ['bad date', { dnaFollowUp: { awaiting: 'rearrange', followUpId: 'f-9', appointmentId: 'a-0', askedAt: 'Tuesday' } }],
    ['asked in the future', { dnaFollowUp: awaitingRearrange(after(HOUR), 'f-9') }],
    ['unknown state', { dnaFollowUp: { awaiting: 'colour', followUpId: 'f-9' } }],
  ])('ignores a malformed memory (%s)', (_why, memory) => {
    play([{ says: 'Tuesday mornings', replies: null }], { dnaFollowUp: null, memory });
  });

  it('records but stays quiet for someone who has opted out, and asks nothing', () => {
    const optedOut = { ...sam, optedOut: true };
    play([{ says: 'I was ill', replies: [], events: [reason('I was ill', 'ill_health')], remembers: answered }], {
      participant: optedOut,
    });
    play(
      [{ says: '4 can we rearrange', replies: [], events: [reason('4 can we rearrange', 'forgot', true), rearrangeEvent('4 can we rearrange')], alerts: [rearrangeAlert('4 can we rearrange')], remembers: answered }],
      { participant: optedOut },
    );
    play(
      [{ says: 'Tuesday', replies: [], events: [rearrangeEvent('Tuesday')], alerts: [rearrangeAlert('Tuesday')], remembers: answered }],
      { participant: optedOut, dnaFollowUp: null, memory: { dnaFollowUp: awaitingRearrange() } },
    );
  });

  it('never throws, answers at most once, stays quiet after opt-out and never asks for CANCEL', () => {
    const facts = fc.option(
      fc.record<DnaFollowUpFacts>({
        id: fc.constantFrom('f-1', 'f-2'),
        appointmentId: fc.constant('a-0'),
        appointmentStartsAt: fc.date({ min: before(30 * DAY), max: NOW, noInvalidDate: true }),
        appointmentTitle: fc.string({ maxLength: 80 }),
        startedAt: fc.date({ min: before(20 * DAY), max: NOW, noInvalidDate: true }),
        reasonRecorded: fc.boolean(),
      }),
    );
    const askedAt = fc.date({ min: before(10 * DAY), max: after(DAY), noInvalidDate: true }).map((d) => d.toISOString());
    const memory = fc.oneof(
      fc.constant({}),
      fc.record({
        dnaFollowUp: fc.record({
          awaiting: fc.constantFrom('rearrange', 'none', 'other'),
          followUpId: fc.constantFrom('f-1', 'f-2'),
          appointmentId: fc.constant('a-0'),
          askedAt,
        }),
      }),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })).map((m) => m as JsonObject),
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 2000 }),
      fc.constantFrom('I was ill', '2', 'no thanks', 'yes', 'R', 'Tuesday mornings', 'not now', "can't", 'thanks', ''),
    );
    const appointments = fc.array(fc.constant(rebooked).chain((a) =>
      fc.option(fc.date({ min: before(20 * DAY), max: NOW, noInvalidDate: true })).map((lastRemindedAt) => ({ ...a, lastRemindedAt })),
    ), { maxLength: 2 });
    fc.assert(
      fc.property(text, memory, facts, appointments, fc.boolean(), (says, mem, dnaFollowUp, upcoming, optedOut) => {
        const result = dnaFollowUpDialog({ text: says, participant: { ...sam, optedOut }, memory: mem, now: NOW, appointments: upcoming, dnaFollowUp });
        if (result === null) return;
        expect(result.replies.length).toBeLessThanOrEqual(1);
        if (optedOut) expect(result.replies).toEqual([]);
        for (const r of result.replies) expect(r.text).not.toMatch(/\b(CANCEL|STOP)\b/);
        for (const event of result.events) expect(event.appointmentId).toBe('a-0');
      }),
      { numRuns: 500 },
    );
  });
});

describe('in the conversation', () => {
  const turnWith = (text: string, memory: ConversationMemory = {}, appointments: UpcomingAppointment[] = []): TurnInput => ({
    text,
    participant: sam,
    memory,
    now: NOW,
    appointments,
    dnaFollowUp: followUp,
  });

  it('screens for risk and lets STOP through before taking a reason', () => {
    expect(runTurn(turnWith('I want to die')).replies.map((r) => r.text)).toEqual([crisisHelpFor(sam, 'I want to die')]);
    const stop = runTurn(turnWith('STOP', { dnaFollowUp: awaitingRearrange() }));
    expect(stop.replies.map((r) => r.text)).toEqual([optOutConfirmation(sam)]);
    expect(stop.events.map((e) => e.type)).toEqual(['consent.opted_out']);
  });

  it('comes before the reminder reply dialog, and hands over to free text once done', () => {
    const reminded = { ...rebooked, lastRemindedAt: before(4 * DAY) };
    const first = runTurn(turnWith('R', {}, [reminded]));
    expect(first.events.map((e) => e.key)).toEqual(['reason-f-1', 'dna-rearrange-f-1']);
    expect(first.replies.map((r) => r.text)).toEqual([noted]);
    const next = runTurn({ ...turnWith('see you then', first.memory), dnaFollowUp: { ...followUp, reasonRecorded: true } });
    expect(next.alerts.map((a) => a.type)).toEqual(['message_for_key_worker']);
    expect(next.replies.map((r) => r.text)).toEqual([passedOnToKeyWorker(sam)]);
  });
});
