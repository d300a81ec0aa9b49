import { describe, expect, it } from 'vitest';
import type { UpcomingAppointment } from '../domain/appointments/appointment.types.js';
import type { JsonObject } from '../domain/case-record/case-record.types.js';
import type { ParticipantContext, TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import type { DnaFollowUpFacts } from '../domain/appointments/dna.types.js';
import {
  checkInCallArranged,
  checkInCallOffer,
  checkInHowIsItGoing,
  checkInHowIsItGoingAgain,
  checkInLeftJob,
  checkInNoCall,
  checkInPassedOn,
  checkInStillInWorkAgain,
  type InWorkWordingContext,
} from '../domain/wording/in-work-wording.js';
import type { JobFacts, QuestionSessionFacts, SessionUpdate } from '../domain/in-work/question-session.types.js';
import { confirmThanks } from '../domain/wording/reminder-wording.js';
import { optOutConfirmation, passedOnToKeyWorker } from '../domain/wording/wording.js';
import { crisisHelpFor } from '../test/crisis-help.js';
import { checkInDialog } from './check-in.dialog.js';
import { runTurn } from './conversation.js';
import { participantContext } from '../test/participant-context.fixture.js';

// Monday 1 June 2026, 17:40 BST: ten minutes after the week's check-in went.
const NOW = new Date('2026-06-01T16:40:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const before = (ms: number, at: Date = NOW): Date => new Date(at.getTime() - ms);
const after = (ms: number, at: Date = NOW): Date => new Date(at.getTime() + ms);

const sam = participantContext();
const job: JobFacts = { id: 'job-1', employer: 'Greggs', adviserName: 'Jo' };
const ctx: InWorkWordingContext = { firstName: 'Sam', adviserName: 'Jo', programmeName: 'Work and Health Programme', language: 'en' };

/** Week 1: "how is it going?" went ten minutes ago. */
const week1: QuestionSessionFacts = {
  id: 's-1',
  kind: 'check_in',
  step: 'how',
  stepIndex: 1,
  retries: 0,
  askedAt: before(10 * MINUTE),
  instrumentId: null,
  checkInId: 'c-1',
  campaignId: null,
  jobStartId: 'job-1',
  week: 1,
  previousScores: {},
  answers: {},
};
/** Week 13, a sustainment week: "are you still in work?" first. */
const week13: QuestionSessionFacts = { ...week1, id: 's-13', checkInId: 'c-13', week: 13, step: 'still_in_work', stepIndex: 0 };

type Row = [type: string, key: string, data: JsonObject];

interface Step {
  says: string;
  replies: string[];
  events?: Row[];
  alerts?: Row[];
  /** What the turn writes on the session; undefined: it leaves the session alone. */
  session?: Partial<SessionUpdate>;
  /** The job start whose in-work schedule stops. */
  leftJob?: string;
  now?: Date;
}

interface Setting {
  session?: QuestionSessionFacts | null;
  job?: JobFacts | null;
  participant?: ParticipantContext;
  appointments?: UpcomingAppointment[];
  dnaFollowUp?: DnaFollowUpFacts | null;
}

/**
 * The session the next turn sees, as the store would build it from this turn's update: the same session with the new
 * step, retries, answers and (when a question went) askedAt; a completed session is no longer waiting.
 */
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
  dnaFollowUp: setting.dnaFollowUp ?? null,
  session: setting.session === undefined ? week1 : setting.session,
  job: setting.job === undefined ? job : setting.job,
});

/** Plays a script through the real router, carrying the session from turn to turn as the store would. */
function play(script: Step[], setting: Setting = {}): TurnResult[] {
  let session = setting.session === undefined ? week1 : setting.session;
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
    expect(turn.leftJob, at).toEqual(step.leftJob === undefined ? undefined : { jobStartId: step.leftJob });
    session = carry(session, turn.session);
    return turn;
  });
}

const how = (id: string, rating: string | null, byNumber: boolean): Row => ['checkin.response', `${id}-how`, { question: 'how', rating, byNumber }];
const call = (id: string, answer: 'yes' | 'no'): Row => ['checkin.response', `${id}-call`, { question: 'call', answer }];
const atRisk = (reason: 'struggling' | 'asked_for_call', sessionId = 's-1'): Row => ['at_risk', reason, { reason, sessionId }];
const passedOn = (text: string, sessionId = 's-1'): Row => ['message_for_key_worker', 'check-in', { text, sessionId }];
const leftJobAlert = (words: string, sessionId: string | null): Row => ['left_job', 'left-job', { jobStartId: 'job-1', employer: 'Greggs', words, sessionId }];

describe('check-in dialog, week 1: how is it going, then a call', () => {
  it('"1" → good, by number, and a call offered; "no thanks" → done, nobody alerted', () => {
    play([
      {
        says: '1',
        replies: [checkInCallOffer(ctx, 'good')],
        events: [how('s-1', 'good', true)],
        session: { status: 'open', step: 'call', stepIndex: 2, retries: 0, answers: { rating: 'good' }, responded: true },
      },
      {
        says: 'no thanks',
        replies: [checkInNoCall(ctx)],
        events: [call('s-1', 'no')],
        session: { status: 'completed', answers: { rating: 'good', wantsCall: false }, responded: true },
      },
    ]);
  });

  it('"3" → struggling: at risk, and a call offered; "yes" → a second at risk, asked for a call, done', () => {
    const [first, second] = play([
      {
        says: '3',
        replies: [checkInCallOffer(ctx, 'struggling')],
        events: [how('s-1', 'struggling', true)],
        alerts: [atRisk('struggling')],
        session: { status: 'open', step: 'call', answers: { rating: 'struggling' } },
      },
      {
        says: 'yes',
        replies: [checkInCallArranged(ctx)],
        events: [call('s-1', 'yes')],
        alerts: [atRisk('asked_for_call')],
        session: { status: 'completed', answers: { rating: 'struggling', wantsCall: true } },
      },
    ]);
    // Each reason is raised once per session, whatever retries or repeats come.
    expect(first?.alerts[0]?.onceKey).toBe('at-risk-s-1-struggling');
    expect(second?.alerts[0]?.onceKey).toBe('at-risk-s-1-asked_for_call');
  });

  it('"2" → okay; "call me" → a call arranged', () => {
    play([
      { says: '2', replies: [checkInCallOffer(ctx, 'okay')], events: [how('s-1', 'okay', true)], session: { step: 'call' } },
      { says: 'call me', replies: [checkInCallArranged(ctx)], events: [call('s-1', 'yes')], alerts: [atRisk('asked_for_call')], session: { status: 'completed' } },
    ]);
  });

  it('their own words: "not very well" → struggling, at risk', () => {
    play([
      {
        says: 'not very well',
        replies: [checkInCallOffer(ctx, 'struggling')],
        events: [how('s-1', 'struggling', false)],
        alerts: [atRisk('struggling')],
        session: { step: 'call', answers: { rating: 'struggling' } },
      },
    ]);
  });

  it('words that give no rating ("my manager shouts at me") reach the adviser as written, and a call is offered', () => {
    play([
      {
        says: 'my manager shouts at me',
        replies: [checkInCallOffer(ctx, null)],
        events: [how('s-1', null, false)],
        alerts: [passedOn('my manager shouts at me')],
        session: { status: 'open', step: 'call', answers: { rating: null } },
      },
      { says: 'no', replies: [checkInNoCall(ctx)], events: [call('s-1', 'no')], session: { status: 'completed' } },
    ]);
  });

  it('a slip that is no rating ("4", "yes") is asked again once; then it reaches the adviser and a call is offered', () => {
    play([
      { says: '4', replies: [checkInHowIsItGoingAgain()], session: { status: 'open', step: 'how', retries: 1 } },
      {
        says: 'yes',
        replies: [checkInCallOffer(ctx, null)],
        events: [how('s-1', null, false)],
        alerts: [passedOn('yes')],
        session: { status: 'open', step: 'call', retries: 0 },
      },
    ]);
  });

  it('an answer to the call offer it cannot place goes to the adviser and ends the check-in', () => {
    play([
      { says: '1', replies: [checkInCallOffer(ctx, 'good')], events: [how('s-1', 'good', true)], session: { step: 'call' } },
      {
        says: 'maybe next week',
        replies: [checkInPassedOn(ctx)],
        events: [['checkin.response', 's-1-call', { question: 'call', answer: null }]],
        alerts: [passedOn('maybe next week')],
        session: { status: 'completed' },
      },
    ]);
  });

  it('records on every response which check-in, job and week it answers, and their words', () => {
    const [turn] = play([{ says: '1', replies: [checkInCallOffer(ctx, 'good')], events: [how('s-1', 'good', true)], session: { step: 'call' } }]);
    expect(turn?.events[0]?.data).toEqual({
      sessionId: 's-1',
      checkInId: 'c-1',
      campaignId: null,
      jobStartId: 'job-1',
      week: 1,
      question: 'how',
      rating: 'good',
      byNumber: true,
      words: '1',
    });
  });

  it('names the key worker when no in-work adviser has been assigned', () => {
    const priya: InWorkWordingContext = { ...ctx, adviserName: 'Priya' };
    play([{ says: '1', replies: [checkInCallOffer(priya, 'good')], events: [how('s-1', 'good', true)], session: { step: 'call' } }], {
      job: { ...job, adviserName: null },
    });
  });
});

describe('check-in dialog, a sustainment week: still in work?', () => {
  it('"yes" → recorded as sustainment, then how it is going; "2" → okay; "no" → done', () => {
    play(
      [
        {
          says: 'yes',
          replies: [checkInHowIsItGoing(ctx)],
          events: [['checkin.response', 's-13-still_in_work', { question: 'still_in_work', answer: 'yes', sustainment: true, week: 13 }]],
          session: { status: 'open', step: 'how', stepIndex: 1, retries: 0, answers: { stillInWork: true } },
        },
        { says: '2', replies: [checkInCallOffer(ctx, 'okay')], events: [how('s-13', 'okay', true)], session: { step: 'call', stepIndex: 2, answers: { stillInWork: true, rating: 'okay' } } },
        { says: 'no', replies: [checkInNoCall(ctx)], events: [call('s-13', 'no')], session: { status: 'completed', answers: { stillInWork: true, rating: 'okay', wantsCall: false } } },
      ],
      { session: week13 },
    );
  });

  it('"no" → left the job: left_job for the adviser, and the in-work schedule stops', () => {
    const [turn] = play(
      [
        {
          says: 'no',
          replies: [checkInLeftJob(ctx)],
          events: [['checkin.response', 's-13-still_in_work', { question: 'still_in_work', answer: 'left_job' }]],
          alerts: [leftJobAlert('no', 's-13')],
          session: { status: 'completed', answers: { leftJob: true } },
          leftJob: 'job-1',
        },
      ],
      { session: week13 },
    );
    expect(turn?.alerts[0]?.onceKey).toBe('left-job-job-1');
  });

  it('"thanks" is not a no: asked again, never taken as having left', () => {
    play(
      [
        { says: 'thanks', replies: [checkInStillInWorkAgain()], session: { status: 'open', step: 'still_in_work', stepIndex: 0, retries: 1 } },
        { says: 'yes still there', replies: [checkInHowIsItGoing(ctx)], events: [['checkin.response', 's-13-still_in_work', { answer: 'yes' }]], session: { step: 'how', retries: 0 } },
      ],
      { session: week13 },
    );
  });

  it('unclear twice → passed on to the adviser, and the check-in ends', () => {
    play(
      [
        { says: 'dunno', replies: [checkInStillInWorkAgain()], session: { status: 'open', step: 'still_in_work', retries: 1 } },
        {
          says: 'its complicated',
          replies: [checkInPassedOn(ctx)],
          events: [['checkin.response', 's-13-still_in_work', { question: 'still_in_work', answer: null }]],
          alerts: [passedOn('its complicated', 's-13')],
          session: { status: 'completed' },
        },
      ],
      { session: week13 },
    );
  });
});

describe('check-in dialog: leaving the job, at any step or out of the blue', () => {
  it.each<[step: string, session: QuestionSessionFacts]>([
    ['still_in_work', week13],
    ['how', week1],
    ['call', { ...week1, step: 'call', stepIndex: 2, answers: { rating: 'good' } }],
  ])('"I lost my job" at %s → left_job', (step, session) => {
    play(
      [
        {
          says: 'I lost my job',
          replies: [checkInLeftJob(ctx)],
          events: [['checkin.response', `${session.id}-${step}`, { question: step, answer: 'left_job' }]],
          alerts: [leftJobAlert('I lost my job', session.id)],
          session: { status: 'completed', answers: { ...session.answers, leftJob: true } },
          leftJob: 'job-1',
        },
      ],
      { session },
    );
  });

  it('someone in work with no check-in open: "I\'ve been sacked" → left_job', () => {
    play([{ says: "I've been sacked", replies: [checkInLeftJob(ctx)], alerts: [leftJobAlert("I've been sacked", null)], leftJob: 'job-1' }], { session: null });
  });

  it('someone not in work, no check-in open: "I\'ve been sacked" is free text for the key worker', () => {
    play([{ says: "I've been sacked", replies: [passedOnToKeyWorker(sam)], alerts: [['message_for_key_worker', 'free-text', { text: "I've been sacked" }]] }], {
      session: null,
      job: null,
    });
  });

  it('a job start known only from the session still stops its schedule', () => {
    play([{ says: 'they let me go', replies: [checkInLeftJob({ ...ctx, adviserName: 'Priya' })], events: [['checkin.response', 's-1-how', { answer: 'left_job' }]], alerts: [['left_job', 'left-job', { jobStartId: 'job-1', employer: null }]], session: { status: 'completed' }, leftJob: 'job-1' }], {
      job: null,
    });
  });

  it('"let me think" is not leaving the job', () => {
    play([{ says: 'let me think', replies: [checkInCallOffer(ctx, null)], events: [how('s-1', null, false)], alerts: [passedOn('let me think')], session: { step: 'call' } }]);
  });
});

describe('check-in dialog: which question a reply answers', () => {
  it('a question asked 4 days ago is not answered: the reply is free text', () => {
    play([{ says: '1', replies: [passedOnToKeyWorker(sam)], alerts: [['message_for_key_worker', 'free-text', { text: '1' }]] }], {
      session: { ...week1, askedAt: before(4 * DAY) },
    });
  });

  it('a question asked just inside 72 hours is still answered', () => {
    play([{ says: '1', replies: [checkInCallOffer(ctx, 'good')], events: [how('s-1', 'good', true)], session: { step: 'call' } }], {
      session: { ...week1, askedAt: before(72 * HOUR - MINUTE) },
    });
  });

  const workshop: UpcomingAppointment = {
    id: 'a-1',
    version: 3,
    title: 'CV workshop',
    location: null,
    startsAt: after(DAY),
    mandatory: false,
    lastRemindedAt: before(5 * MINUTE),
  };
  const reminderCtx = { firstName: 'Sam', keyWorkerName: 'Priya', programmeName: 'Work and Health Programme', language: 'en', timeZone: 'Europe/London' };

  it('a reminder sent after the check-in question: "yes" confirms the appointment, the check-in waits', () => {
    const [turn] = play(
      [
        {
          says: 'yes',
          replies: [confirmThanks(reminderCtx, workshop)],
          events: [['appointment.confirmed', 'confirmed-v3', { reply: 'yes', version: 3 }]],
        },
      ],
      { session: { ...week1, step: 'call', stepIndex: 2 }, appointments: [workshop] },
    );
    expect(turn?.events[0]?.appointmentId).toBe('a-1');
  });

  it('a reminder sent before the check-in question: "yes" answers the check-in', () => {
    play([{ says: 'yes', replies: [checkInCallArranged(ctx)], events: [call('s-1', 'yes')], alerts: [atRisk('asked_for_call')], session: { status: 'completed' } }], {
      session: { ...week1, step: 'call', stepIndex: 2 },
      appointments: [{ ...workshop, lastRemindedAt: before(DAY) }],
    });
  });

  it('a did-not-attend follow-up started after the check-in question takes the reply', () => {
    const followUp: DnaFollowUpFacts = {
      id: 'f-1',
      appointmentId: 'a-0',
      appointmentStartsAt: before(2 * HOUR),
      appointmentTitle: 'CV workshop',
      startedAt: before(5 * MINUTE),
      reasonRecorded: false,
    };
    const turn = runTurn(input('2', { dnaFollowUp: followUp }));
    expect(turn.session).toBeUndefined();
    expect(turn.events.map((e) => e.type)).toEqual(['dna.reason']);
  });

  it('a reply sent before the question (a clock skew) is not its answer', () => {
    expect(checkInDialog(input('1', {}, before(20 * MINUTE)))).toBeNull();
  });
});

describe('check-in dialog: what always comes first', () => {
  it('a safeguarding message during a check-in: crisis signposting and a safeguarding alert, the session untouched', () => {
    const turn = runTurn(input('I want to kill myself', {}));
    expect(turn.replies).toEqual([{ kind: 'crisis', text: crisisHelpFor(sam, 'I want to kill myself') }]);
    expect(turn.alerts.map((a) => a.type)).toEqual(['safeguarding']);
    expect(turn.events).toEqual([]);
    expect(turn.session).toBeUndefined();
  });

  it('STOP during a check-in opts them out', () => {
    const turn = runTurn(input('STOP', {}));
    expect(turn.consent).toBe('opted_out');
    expect(turn.replies).toEqual([{ kind: 'opt_out_confirmation', text: optOutConfirmation(sam) }]);
    expect(turn.events.map((e) => e.type)).toEqual(['consent.opted_out']);
    expect(turn.session).toBeUndefined();
  });

  it('someone who has opted out and answers anyway: no reply, but their answer and its alert are recorded, and the check-in ends', () => {
    play([{ says: '3', replies: [], events: [how('s-1', 'struggling', true)], alerts: [atRisk('struggling')], session: { status: 'completed', step: 'call' } }], {
      participant: { ...sam, optedOut: true },
    });
  });

  it('someone who has opted out and says they left: recorded and raised, no reply', () => {
    play([{ says: 'I quit', replies: [], events: [['checkin.response', 's-13-still_in_work', { answer: 'left_job' }]], alerts: [leftJobAlert('I quit', 's-13')], session: { status: 'completed' }, leftJob: 'job-1' }], {
      participant: { ...sam, optedOut: true },
      session: week13,
    });
  });
});
