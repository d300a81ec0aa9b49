import { describe, expect, it } from 'vitest';
import type { UpcomingAppointment } from '../domain/appointments/appointment.types.js';
import type { JsonObject } from '../domain/case-record/case-record.types.js';
import type { ParticipantContext, TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import {
  checkInLeftJob,
  pulseAskAgain,
  pulseNextQuestion,
  pulsePassedOnAskAgain,
  pulseThanks,
  type InWorkWordingContext,
} from '../domain/wording/in-work-wording.js';
import { findInstrument, JOB_CONFIDENCE_ID, type PulseQuestion } from '../domain/in-work/pulse-instruments.js';
import type { JobFacts, QuestionSessionFacts, SessionUpdate } from '../domain/in-work/question-session.types.js';
import { confirmThanks } from '../domain/wording/reminder-wording.js';
import { optOutConfirmation, passedOnToKeyWorker } from '../domain/wording/wording.js';
import { crisisHelpFor } from '../test/crisis-help.js';
import { runTurn } from './conversation.js';
import { pulseDialog } from './pulse.dialog.js';
import { participantContext } from '../test/participant-context.fixture.js';

const NOW = new Date('2026-06-03T12:10:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const before = (ms: number, at: Date = NOW): Date => new Date(at.getTime() - ms);
const after = (ms: number, at: Date = NOW): Date => new Date(at.getTime() + ms);

const sam = participantContext();
const job: JobFacts = { id: 'job-1', employer: 'Greggs', adviserName: 'Jo' };
const ctx: InWorkWordingContext = { firstName: 'Sam', adviserName: 'Jo', programmeName: 'Work and Health Programme', language: 'en' };
const EN = { language: 'en' };

const jobItem = findInstrument(JOB_CONFIDENCE_ID)?.questions[0] as PulseQuestion;
const [coping, sortingProblems, peopleToTurnTo] = findInstrument('general-confidence')?.questions as [PulseQuestion, PulseQuestion, PulseQuestion];

/** A campaign's job-confidence pulse: its one question went ten minutes ago. */
const jobPulse: QuestionSessionFacts = {
  id: 'ps-1',
  kind: 'pulse',
  step: jobItem.id,
  stepIndex: 0,
  retries: 0,
  askedAt: before(10 * MINUTE),
  instrumentId: JOB_CONFIDENCE_ID,
  checkInId: null,
  campaignId: 'camp-1',
  jobStartId: 'job-1',
  week: null,
  previousScores: {},
  answers: {},
};
/** The three-question general-confidence pulse, for anyone on the caseload. */
const generalPulse: QuestionSessionFacts = { ...jobPulse, id: 'ps-2', instrumentId: 'general-confidence', step: coping.id, jobStartId: null };

type Row = [type: string, key: string, data: JsonObject];

interface Step {
  says: string;
  replies: string[];
  events?: Row[];
  alerts?: Row[];
  /** What the turn writes on the session; undefined: it leaves the session alone. */
  session?: Partial<SessionUpdate>;
  now?: Date;
}

interface Setting {
  session?: QuestionSessionFacts | null;
  participant?: ParticipantContext;
  appointments?: UpcomingAppointment[];
  job?: JobFacts | null;
}

/** The session the next turn sees, as the store would build it from this turn's update. */
function carry(session: QuestionSessionFacts | null, update: SessionUpdate | undefined): QuestionSessionFacts | null {
  if (session === null || update === undefined) return session;
  expect(update.id).toBe(session.id);
  if (update.status === 'completed') return null;
  const { step, stepIndex, retries, answers } = update;
  return { ...session, step, stepIndex, retries, answers, askedAt: update.askedAt === undefined ? session.askedAt : new Date(update.askedAt) };
}

const input = (text: string, setting: Setting, now: Date = NOW): TurnInput => ({
  text,
  participant: setting.participant ?? sam,
  memory: {},
  now,
  appointments: setting.appointments ?? [],
  dnaFollowUp: null,
  session: setting.session === undefined ? jobPulse : setting.session,
  job: setting.job === undefined ? job : setting.job,
});

/** Plays a script through the real router, carrying the session from turn to turn as the store would. */
function play(script: Step[], setting: Setting = {}): TurnResult[] {
  let session = setting.session === undefined ? jobPulse : setting.session;
  return script.map((step, index) => {
    const at = `step ${index + 1}: ${JSON.stringify(step.says)}`;
    const now = step.now ?? after(index * 2 * MINUTE);
    const turn = runTurn(input(step.says, { ...setting, session }, now));
    expect(turn.replies.map((r) => r.text), at).toEqual(step.replies);
    expect(turn.replies.every((r) => r.kind === 'reply'), at).toBe(true);
    expect(turn.events.map((e) => [e.type, e.key, e.data]), at).toEqual((step.events ?? []).map(([type, key, data]) => [type, key, expect.objectContaining(data)]));
    expect(turn.alerts.map((a) => [a.type, a.key, a.data]), at).toEqual((step.alerts ?? []).map(([type, key, data]) => [type, key, expect.objectContaining(data)]));
    if (step.session === undefined) expect(turn.session, at).toBeUndefined();
    else expect(turn.session, at).toEqual(expect.objectContaining(step.session));
    session = carry(session, turn.session);
    return turn;
  });
}

const scored = (sessionId: string, q: PulseQuestion, score: number, words: string, previous: number | null = null): Row => [
  'pulse.response',
  `${sessionId}-${q.id}`,
  { questionId: q.id, score, previous, answered: true, words },
];
const unanswered = (sessionId: string, q: PulseQuestion, words: string): Row => ['pulse.response', `${sessionId}-${q.id}`, { questionId: q.id, score: null, answered: false, words }];
const drop = (sessionId: string, q: PulseQuestion, score: number, previous: number | null, concern: 'dropped' | 'low'): Row => [
  'confidence_drop',
  q.id,
  { sessionId, questionId: q.id, label: q.label, score, previous, concern },
];

describe('pulse dialog, job confidence (0 to 6)', () => {
  it('"5" → the score, thanks, done', () => {
    const [turn] = play([
      {
        says: '5',
        replies: [pulseThanks(ctx, false)],
        events: [scored('ps-1', jobItem, 5, '5')],
        session: { status: 'completed', answers: { [jobItem.id]: 5 }, responded: true },
      },
    ]);
    expect(turn?.events[0]?.data).toEqual({
      sessionId: 'ps-1',
      campaignId: 'camp-1',
      instrumentId: JOB_CONFIDENCE_ID,
      questionId: jobItem.id,
      min: 0,
      max: 6,
      score: 5,
      previous: null,
      answered: true,
      words: '5',
    });
  });

  it.each(['five', '5/6', '5 out of 6', 'about a 5', '5\uFE0F\u20E3', 'Five!'])('%j → 5', (says) => {
    play([{ says, replies: [pulseThanks(ctx, false)], events: [scored('ps-1', jobItem, 5, says)], session: { status: 'completed', answers: { [jobItem.id]: 5 } } }]);
  });

  it('after a 5 last time, "1" → a drop of 4: confidence_drop, and thanks that say the adviser knows', () => {
    const [turn] = play(
      [
        {
          says: '1',
          replies: [pulseThanks(ctx, true)],
          events: [scored('ps-1', jobItem, 1, '1', 5)],
          alerts: [drop('ps-1', jobItem, 1, 5, 'dropped')],
          session: { status: 'completed', answers: { [jobItem.id]: 1, concern: true } },
        },
      ],
      { session: { ...jobPulse, previousScores: { [jobItem.id]: 5 } } },
    );
    expect(turn?.alerts[0]?.onceKey).toBe(`confidence-ps-1-${jobItem.id}`);
  });

  it('after a 5 last time, "4" → a drop of 1: no alert', () => {
    play([{ says: '4', replies: [pulseThanks(ctx, false)], events: [scored('ps-1', jobItem, 4, '4', 5)], session: { status: 'completed' } }], {
      session: { ...jobPulse, previousScores: { [jobItem.id]: 5 } },
    });
  });

  it('"2" the first time → at the concern line: confidence_drop (low)', () => {
    play([
      {
        says: '2',
        replies: [pulseThanks(ctx, true)],
        events: [scored('ps-1', jobItem, 2, '2')],
        alerts: [drop('ps-1', jobItem, 2, null, 'low')],
        session: { status: 'completed', answers: { [jobItem.id]: 2, concern: true } },
      },
    ]);
  });

  it('"0" is an answer, not nothing', () => {
    play([{ says: '0', replies: [pulseThanks(ctx, true)], events: [scored('ps-1', jobItem, 0, '0')], alerts: [drop('ps-1', jobItem, 0, null, 'low')], session: { status: 'completed' } }]);
  });

  it('"9" → asked again; "9" again → left unanswered, and the pulse ends', () => {
    play([
      { says: '9', replies: [pulseAskAgain(EN, jobItem)], session: { status: 'open', step: jobItem.id, stepIndex: 0, retries: 1, askedAt: NOW.toISOString(), answers: {} } },
      {
        says: '9',
        replies: [pulseThanks(ctx, false)],
        events: [unanswered('ps-1', jobItem, '9')],
        session: { status: 'completed', answers: { [jobItem.id]: null } },
      },
    ]);
  });

  it('"8/10" (another scale) → asked again; then "5" → 5', () => {
    play([
      { says: '8/10', replies: [pulseAskAgain(EN, jobItem)], session: { retries: 1 } },
      { says: '5', replies: [pulseThanks(ctx, false)], events: [scored('ps-1', jobItem, 5, '5')], session: { status: 'completed' } },
    ]);
  });

  it('"dunno" → asked again, nothing passed on; a message of its own is passed on as well as asked again', () => {
    play([{ says: 'dunno', replies: [pulseAskAgain(EN, jobItem)], session: { retries: 1 } }]);
    play([
      {
        says: 'can someone call me please',
        replies: [pulsePassedOnAskAgain(ctx, jobItem)],
        alerts: [['message_for_key_worker', 'pulse', { text: 'can someone call me please', sessionId: 'ps-1' }]],
        session: { retries: 1 },
      },
    ]);
  });
});

describe('pulse dialog, general confidence (three questions, 1 to 5)', () => {
  it('answers step through all three questions, then thanks', () => {
    play(
      [
        {
          says: '4',
          replies: [pulseNextQuestion(EN, 'general-confidence', sortingProblems)],
          events: [scored('ps-2', coping, 4, '4')],
          session: { status: 'open', step: sortingProblems.id, stepIndex: 1, retries: 0, answers: { [coping.id]: 4 } },
        },
        {
          says: 'three',
          replies: [pulseNextQuestion(EN, 'general-confidence', peopleToTurnTo)],
          events: [scored('ps-2', sortingProblems, 3, 'three')],
          session: { status: 'open', step: peopleToTurnTo.id, stepIndex: 2, retries: 0, answers: { [coping.id]: 4, [sortingProblems.id]: 3 } },
        },
        {
          says: '5/5',
          replies: [pulseThanks(ctx, false)],
          events: [scored('ps-2', peopleToTurnTo, 5, '5/5')],
          session: { status: 'completed', answers: { [coping.id]: 4, [sortingProblems.id]: 3, [peopleToTurnTo.id]: 5 } },
        },
      ],
      { session: generalPulse },
    );
  });

  it('a question asked twice without an answer is left, and the pulse goes on to the next', () => {
    play(
      [
        { says: '0', replies: [pulseAskAgain(EN, coping)], session: { step: coping.id, retries: 1 } },
        { says: '7', replies: [pulseNextQuestion(EN, 'general-confidence', sortingProblems)], events: [unanswered('ps-2', coping, '7')], session: { status: 'open', step: sortingProblems.id, stepIndex: 1, retries: 0, answers: { [coping.id]: null } } },
        { says: '3', replies: [pulseNextQuestion(EN, 'general-confidence', peopleToTurnTo)], events: [scored('ps-2', sortingProblems, 3, '3')], session: { step: peopleToTurnTo.id, retries: 0 } },
        { says: '3', replies: [pulseThanks(ctx, false)], events: [scored('ps-2', peopleToTurnTo, 3, '3')], session: { status: 'completed' } },
      ],
      { session: generalPulse },
    );
  });

  it('a drop on a middle question is raised there, and the thanks at the end say the adviser knows', () => {
    play(
      [
        { says: '4', replies: [pulseNextQuestion(EN, 'general-confidence', sortingProblems)], events: [scored('ps-2', coping, 4, '4', 4)], session: { step: sortingProblems.id } },
        {
          says: '2',
          replies: [pulseNextQuestion(EN, 'general-confidence', peopleToTurnTo)],
          events: [scored('ps-2', sortingProblems, 2, '2', 5)],
          alerts: [drop('ps-2', sortingProblems, 2, 5, 'dropped')],
          session: { answers: { [coping.id]: 4, [sortingProblems.id]: 2, concern: true } },
        },
        { says: '4', replies: [pulseThanks(ctx, true)], events: [scored('ps-2', peopleToTurnTo, 4, '4', 4)], session: { status: 'completed' } },
      ],
      { session: { ...generalPulse, previousScores: { [coping.id]: 4, [sortingProblems.id]: 5, [peopleToTurnTo.id]: 4 } } },
    );
  });

  it('a low 1 with no concern line and no earlier score is not a concern', () => {
    play([{ says: '1', replies: [pulseNextQuestion(EN, 'general-confidence', sortingProblems)], events: [scored('ps-2', coping, 1, '1')], session: { step: sortingProblems.id } }], { session: generalPulse });
  });
});

describe('pulse dialog: which question a reply answers, and what comes first', () => {
  it('someone who has opted out and answers: no reply, but the answer is recorded and the pulse ends', () => {
    play(
      [
        {
          says: '4',
          replies: [],
          events: [scored('ps-2', coping, 4, '4')],
          session: { status: 'completed', answers: { [coping.id]: 4 } },
        },
      ],
      { session: generalPulse, participant: { ...sam, optedOut: true } },
    );
  });

  it('someone who has opted out and drops: the alert is still raised', () => {
    play([{ says: '1', replies: [], events: [scored('ps-1', jobItem, 1, '1', 5)], alerts: [drop('ps-1', jobItem, 1, 5, 'dropped')], session: { status: 'completed' } }], {
      session: { ...jobPulse, previousScores: { [jobItem.id]: 5 } },
      participant: { ...sam, optedOut: true },
    });
  });

  it('a question asked 4 days ago is not answered: the reply is free text', () => {
    play([{ says: '5', replies: [passedOnToKeyWorker(sam)], alerts: [['message_for_key_worker', 'free-text', { text: '5' }]] }], {
      session: { ...jobPulse, askedAt: before(4 * DAY) },
    });
  });

  it('a reminder sent after the pulse question: "yes" confirms the appointment', () => {
    const workshop: UpcomingAppointment = { id: 'a-1', version: 1, title: 'CV workshop', location: null, startsAt: after(DAY), mandatory: false, lastRemindedAt: before(MINUTE) };
    const reminderCtx = { firstName: 'Sam', keyWorkerName: 'Priya', programmeName: 'Work and Health Programme', language: 'en', timeZone: 'Europe/London' };
    play([{ says: 'yes', replies: [confirmThanks(reminderCtx, workshop)], events: [['appointment.confirmed', 'confirmed-v1', { reply: 'yes' }]] }], { appointments: [workshop] });
  });

  it('an instrument it does not know: not a pulse answer', () => {
    expect(pulseDialog(input('5', { session: { ...jobPulse, instrumentId: 'retired-instrument' } }))).toBeNull();
    expect(pulseDialog(input('5', { session: { ...generalPulse, stepIndex: 3 } }))).toBeNull();
  });

  it('a check-in session is not the pulse\'s', () => {
    expect(pulseDialog(input('5', { session: { ...jobPulse, kind: 'check_in', step: 'how' } }))).toBeNull();
  });

  it('a safeguarding message during a pulse: crisis signposting and a safeguarding alert, the session untouched', () => {
    const turn = runTurn(input('I want to end my life', {}));
    expect(turn.replies).toEqual([{ kind: 'crisis', text: crisisHelpFor(sam, 'I want to end my life') }]);
    expect(turn.alerts.map((a) => a.type)).toEqual(['safeguarding']);
    expect(turn.session).toBeUndefined();
  });

  it('STOP during a pulse opts them out', () => {
    const turn = runTurn(input('stop', {}));
    expect(turn.consent).toBe('opted_out');
    expect(turn.replies).toEqual([{ kind: 'opt_out_confirmation', text: optOutConfirmation(sam) }]);
    expect(turn.session).toBeUndefined();
  });

  it('"I lost my job" during a pulse, from someone in work: left_job', () => {
    const turn = runTurn(input('I lost my job', {}));
    expect(turn.replies.map((r) => r.text)).toEqual([checkInLeftJob(ctx)]);
    expect(turn.alerts.map((a) => a.type)).toEqual(['left_job']);
    expect(turn.leftJob).toEqual({ jobStartId: 'job-1' });
    // Only a check-in session is closed by leaving the job; the pulse is left open.
    expect(turn.session).toBeUndefined();
  });
});
