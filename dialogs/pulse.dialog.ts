import type { AlertDraft, EventDraft } from '../domain/case-record/case-record.types.js';
import { confidenceConcern } from '../domain/in-work/confidence.js';
import type { TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import { pulseAskAgain, pulseNextQuestion, pulsePassedOnAskAgain, pulseThanks } from '../domain/wording/in-work-wording.js';
import { findInstrument, type PulseInstrument, type PulseQuestion } from '../domain/in-work/pulse-instruments.js';
import type { QuestionSessionFacts, SessionUpdate } from '../domain/in-work/question-session.types.js';
import { readScore } from '../domain/reading/score-reading.js';
import {
  inWorkWordingContext,
  isMessageOfItsOwn,
  replyUnlessOptedOut as reply,
  sessionBeingAnswered,
  sessionOutcome as outcome,
} from './question-session.js';

/** How often a question is asked again after an answer off its scale. */
const ASK_AGAIN_TIMES = 1;

/**
 * A confidence pulse: each question of the instrument in turn, read leniently ("5", "five", "5/6"). An answer off
 * the scale is asked again once; then the question is left unanswered and the pulse moves on. Each score is a
 * `pulse.response`; a fall of two points from their last answer, or a score at the question's concern line (2 or
 * less on the 0–6 job-confidence item), raises `confidence_drop`.
 */
export function pulseDialog(input: TurnInput): TurnResult | null {
  const session = sessionBeingAnswered(input, 'pulse');
  if (session === null) return null;
  const instrument = findInstrument(session.instrumentId);
  const question = instrument?.questions[session.stepIndex];
  if (!instrument || !question) return null;

  const reading = readScore(input.text, question);
  // Words that are a message of their own ("can someone call me?") reach the adviser whatever happens to the pulse.
  const passOn: AlertDraft[] =
    reading.kind === 'not_a_score' && isMessageOfItsOwn(input.text)
      ? [{ type: 'message_for_key_worker', key: 'pulse', data: { text: input.text, sessionId: session.id } }]
      : [];

  if (reading.kind === 'score') return scored(input, session, instrument, question, reading.score);
  if (session.retries < ASK_AGAIN_TIMES) {
    return outcome(input, {
      alerts: passOn,
      replies: reply(input, passOn.length > 0 ? pulsePassedOnAskAgain(inWorkWordingContext(input), question) : pulseAskAgain(input.participant, question)),
      session: { ...sameQuestion(session), retries: session.retries + 1, askedAt: input.now.toISOString() },
    });
  }
  // Asked twice: this question stays unanswered, and the pulse goes on.
  const unanswered: EventDraft = {
    type: 'pulse.response',
    key: `${session.id}-${question.id}`,
    data: { ...responseData(session, question), score: null, answered: false, words: input.text },
  };
  return moveOn(input, session, instrument, { events: [unanswered], alerts: passOn, answers: { [question.id]: null } });
}

function scored(input: TurnInput, session: QuestionSessionFacts, instrument: PulseInstrument, question: PulseQuestion, score: number): TurnResult {
  const previous = session.previousScores[question.id] ?? null;
  const concern = confidenceConcern(question, score, previous);
  const event: EventDraft = {
    type: 'pulse.response',
    key: `${session.id}-${question.id}`,
    data: { ...responseData(session, question), score, previous, answered: true, words: input.text },
  };
  const alerts: AlertDraft[] = concern
    ? [
        {
          type: 'confidence_drop',
          key: question.id,
          onceKey: `confidence-${session.id}-${question.id}`,
          data: { ...responseData(session, question), label: question.label, score, previous, concern: concern.kind },
        },
      ]
    : [];
  return moveOn(input, session, instrument, { events: [event], alerts, answers: { [question.id]: score, ...(concern && { concern: true }) } });
}

/** The next question, or thanks at the end. */
function moveOn(
  input: TurnInput,
  session: QuestionSessionFacts,
  instrument: PulseInstrument,
  parts: { events: EventDraft[]; alerts: AlertDraft[]; answers: Record<string, number | boolean | null> },
): TurnResult {
  const answers = { ...session.answers, ...parts.answers };
  const nextIndex = session.stepIndex + 1;
  const nextQuestion = instrument.questions[nextIndex];
  if (nextQuestion) {
    return outcome(input, {
      events: parts.events,
      alerts: parts.alerts,
      replies: reply(input, pulseNextQuestion(input.participant, instrument.id, nextQuestion)),
      session: { id: session.id, status: 'open', step: nextQuestion.id, stepIndex: nextIndex, retries: 0, askedAt: input.now.toISOString(), answers, responded: true },
    });
  }
  return outcome(input, {
    events: parts.events,
    alerts: parts.alerts,
    replies: reply(input, pulseThanks(inWorkWordingContext(input), answers.concern === true)),
    session: { ...sameQuestion(session), status: 'completed', answers },
  });
}

function sameQuestion(session: QuestionSessionFacts): SessionUpdate {
  return {
    id: session.id,
    status: 'open',
    step: session.step,
    stepIndex: session.stepIndex,
    retries: session.retries,
    answers: session.answers,
    responded: true,
  };
}

function responseData(session: QuestionSessionFacts, question: PulseQuestion) {
  return {
    sessionId: session.id,
    campaignId: session.campaignId,
    instrumentId: session.instrumentId,
    questionId: question.id,
    min: question.min,
    max: question.max,
  };
}
