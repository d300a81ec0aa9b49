import type { AlertDraft, EventDraft, JsonObject } from '../domain/case-record/case-record.types.js';
import type { TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import { mentionsLeavingJob, readCallAnswer, readCheckInRating, readStillInWork, type CheckInRating } from '../domain/reading/check-in-reading.js';
import {
  checkInCallArranged,
  checkInCallOffer,
  checkInHowIsItGoing,
  checkInHowIsItGoingAgain,
  checkInLeftJob,
  checkInNoCall,
  checkInPassedOn,
  checkInStillInWorkAgain,
} from '../domain/wording/in-work-wording.js';
import type { JobFacts, QuestionSessionFacts, SessionUpdate } from '../domain/in-work/question-session.types.js';
import {
  inWorkWordingContext,
  isMessageOfItsOwn,
  replyUnlessOptedOut as reply,
  sessionBeingAnswered,
  sessionOutcome as outcome,
} from './question-session.js';

/**
 * An in-work check-in: "are you still in work?" on sustainment weeks, then how it is going (1 good, 2 okay,
 * 3 struggling, or their own words), then whether they would like a call. Struggling, or yes to a call, raises
 * `at_risk`; every answer is a `checkin.response`. "I left" or "lost my job", at any step or out of the blue from
 * someone in work, raises `left_job` and stops the in-work schedule.
 */
export function checkInDialog(input: TurnInput): TurnResult | null {
  const session = sessionBeingAnswered(input, 'check_in');
  const job = input.job ?? null;
  if (mentionsLeavingJob(input.text) && (session !== null || job !== null)) return leftJob(input, session, job);
  if (session === null) return null;
  switch (session.step) {
    case 'still_in_work':
      return answerStillInWork(input, session);
    case 'how':
      return answerHowItIsGoing(input, session);
    case 'call':
      return answerCall(input, session);
    default:
      return null;
  }
}

function answerStillInWork(input: TurnInput, session: QuestionSessionFacts): TurnResult {
  const answer = readStillInWork(input.text);
  if (answer === 'no') return leftJob(input, session, input.job ?? null);
  if (answer === 'yes') {
    return outcome(input, {
      events: [response(input, session, { question: 'still_in_work', answer: 'yes', sustainment: true })],
      replies: reply(input, checkInHowIsItGoing(inWorkWordingContext(input))),
      session: next(input, session, 'how', { stillInWork: true }),
    });
  }
  if (session.retries < 1) {
    return outcome(input, {
      replies: reply(input, checkInStillInWorkAgain()),
      session: { ...next(input, session, 'still_in_work', {}), retries: session.retries + 1 },
    });
  }
  return passedOn(input, session, 'still_in_work');
}

function answerHowItIsGoing(input: TurnInput, session: QuestionSessionFacts): TurnResult {
  const reading = readCheckInRating(input.text);
  // "4", "yes", "dunno": a slip, not words for the adviser; asked once more.
  if (reading === null && !isMessageOfItsOwn(input.text) && session.retries < 1) {
    return outcome(input, {
      replies: reply(input, checkInHowIsItGoingAgain()),
      session: { ...next(input, session, 'how', {}), retries: session.retries + 1 },
    });
  }
  const rating: CheckInRating | null = reading?.rating ?? null;
  const alerts: AlertDraft[] = [];
  if (rating === 'struggling') alerts.push(atRisk(input, session, 'struggling'));
  // Their own words that say nothing we can place still reach the adviser as they were written.
  if (reading === null) alerts.push({ type: 'message_for_key_worker', key: 'check-in', data: { text: input.text, sessionId: session.id } });
  return outcome(input, {
    events: [response(input, session, { question: 'how', rating, byNumber: reading?.byNumber ?? false })],
    alerts,
    replies: reply(input, checkInCallOffer(inWorkWordingContext(input), rating)),
    session: next(input, session, 'call', { rating }),
  });
}

function answerCall(input: TurnInput, session: QuestionSessionFacts): TurnResult {
  const answer = readCallAnswer(input.text);
  if (answer === null) return passedOn(input, session, 'call');
  const ctx = inWorkWordingContext(input);
  return outcome(input, {
    events: [response(input, session, { question: 'call', answer })],
    alerts: answer === 'yes' ? [atRisk(input, session, 'asked_for_call')] : [],
    replies: reply(input, answer === 'yes' ? checkInCallArranged(ctx) : checkInNoCall(ctx)),
    session: done(session, { wantsCall: answer === 'yes' }),
  });
}

/** An answer the bot cannot place: on the record and with the adviser, and the check-in ends there. */
function passedOn(input: TurnInput, session: QuestionSessionFacts, question: string): TurnResult {
  return outcome(input, {
    events: [response(input, session, { question, answer: null })],
    alerts: [{ type: 'message_for_key_worker', key: 'check-in', data: { text: input.text, sessionId: session.id } }],
    replies: reply(input, checkInPassedOn(inWorkWordingContext(input))),
    session: done(session, {}),
  });
}

function leftJob(input: TurnInput, session: QuestionSessionFacts | null, job: JobFacts | null): TurnResult {
  const jobStartId = job?.id ?? session?.jobStartId ?? null;
  const events: EventDraft[] = session ? [response(input, session, { question: session.step, answer: 'left_job' })] : [];
  const result = outcome(input, {
    events,
    alerts: [
      {
        type: 'left_job',
        key: 'left-job',
        onceKey: `left-job-${jobStartId ?? input.participant.id}`,
        data: { jobStartId, employer: job?.employer ?? null, words: input.text, sessionId: session?.id ?? null },
      },
    ],
    replies: reply(input, checkInLeftJob(inWorkWordingContext(input))),
    ...(session && { session: done(session, { leftJob: true }) }),
  });
  if (jobStartId !== null) result.leftJob = { jobStartId };
  return result;
}

function response(input: TurnInput, session: QuestionSessionFacts, answer: JsonObject): EventDraft {
  return {
    type: 'checkin.response',
    key: `${session.id}-${String(answer.question)}`,
    data: {
      sessionId: session.id,
      checkInId: session.checkInId,
      campaignId: session.campaignId,
      jobStartId: session.jobStartId,
      week: session.week,
      ...answer,
      words: input.text,
    },
  };
}

function atRisk(input: TurnInput, session: QuestionSessionFacts, reason: 'struggling' | 'asked_for_call'): AlertDraft {
  return {
    type: 'at_risk',
    key: reason,
    onceKey: `at-risk-${session.id}-${reason}`,
    data: { reason, sessionId: session.id, week: session.week, campaignId: session.campaignId, words: input.text },
  };
}

function next(input: TurnInput, session: QuestionSessionFacts, step: string, answered: JsonObject): SessionUpdate {
  return {
    id: session.id,
    status: 'open',
    step,
    stepIndex: session.stepIndex + (step === session.step ? 0 : 1),
    retries: 0,
    askedAt: input.now.toISOString(),
    answers: { ...session.answers, ...answered },
    responded: true,
  };
}

function done(session: QuestionSessionFacts, answered: JsonObject): SessionUpdate {
  return {
    id: session.id,
    status: 'completed',
    step: session.step,
    stepIndex: session.stepIndex,
    retries: session.retries,
    answers: { ...session.answers, ...answered },
    responded: true,
  };
}
