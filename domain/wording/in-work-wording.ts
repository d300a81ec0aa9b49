import type { CheckInRating } from '../reading/check-in-reading.js';
import { known, say, type MessageId, type MessageValues } from './message-catalogue.js';
import type { PulseQuestion } from '../in-work/pulse-instruments.js';
import { firstThatFits, plain } from './sms-fitting.js';

/**
 * What the bot says in in-work check-ins and confidence pulses, in the participant's language. The same rules as
 * every other template: short, plain and warm, saying who it is from (the in-work adviser by name where there is
 * one; clients told us they did not know who was calling them after handover), never a demand, plain GSM-7 text in
 * at most two SMS segments.
 */
export interface InWorkWordingContext {
  firstName: string;
  /** The in-work adviser, or the key worker when no adviser has been assigned. */
  adviserName: string | null;
  programmeName: string;
  language: string;
}

/** The answers a check-in offers, in English (the dialog reads 1, 2 and 3 in any language). */
export const HOW_IS_IT_GOING_OPTIONS = say('en', 'checkIn.options');

type Sentence = (id: MessageId, extra?: MessageValues) => string;

function sentences(ctx: InWorkWordingContext): Sentence {
  const firstName = plain(ctx.firstName);
  const adviser = plain(ctx.adviserName ?? '');
  const values = { firstName, hasName: known(firstName), adviser, hasAdviser: known(adviser), programme: plain(ctx.programmeName) };
  return (id, extra = {}) => say(ctx.language, id, { ...values, ...extra });
}

/** Who is writing, longest first. */
function openers(ctx: InWorkWordingContext, t: Sentence): string[] {
  return [...(plain(ctx.adviserName ?? '') === '' ? [] : [t('opener.onBehalfOfAdviser')]), t('opener.thisIs'), t('opener.bare')];
}

/** The first time: who the adviser is and that they are there to help, before any question. */
function introductions(ctx: InWorkWordingContext, t: Sentence): string[][] {
  const who = plain(ctx.adviserName ?? '') === '' ? [t('checkIn.hereToHelp')] : [t('checkIn.adviserIntroduced'), t('checkIn.adviserIntroducedShort')];
  return [...who.map((line) => [t('opener.thisIs'), t('checkIn.wellDone'), line]), ...who.map((line) => [t('opener.thisIs'), line])];
}

/**
 * The message that opens a check-in: on a sustainment week "are you still in work?", otherwise "how is it going?".
 * `introduce` names the in-work adviser properly the first time they write; `weeksInWork`, when given, says how long
 * it has been since they started (when it fits).
 */
export function checkInOpening(ctx: InWorkWordingContext, options: { introduce: boolean; asksStillInWork: boolean; weeksInWork?: number }): string {
  const t = sentences(ctx);
  const since = options.weeksInWork !== undefined && options.weeksInWork > 0 ? [t('checkIn.weeksSinceStart', { weeks: options.weeksInWork })] : [];
  const questions = options.asksStillInWork
    ? [[t('checkIn.checkingIn'), t('checkIn.stillInWork')], [t('checkIn.stillInWork')]]
    : [
        [...since, t('checkIn.howIsTheJobGoing'), t('checkIn.options')],
        [t('checkIn.howIsTheJobGoing'), t('checkIn.options')],
        [t('checkIn.howIsItGoing'), t('checkIn.options')],
      ];
  const openings = options.introduce ? introductions(ctx, t) : openers(ctx, t).map((opener) => [opener]);
  return firstThatFits(openings.flatMap((opening) => questions.map((question) => [...opening, ...question])));
}

/** After "yes, still in work": how is it going. */
export function checkInHowIsItGoing(ctx: InWorkWordingContext): string {
  const t = sentences(ctx);
  return firstThatFits([[t('checkIn.thatsGreat'), t('checkIn.howIsItGoing'), t('checkIn.options')]]);
}

/** Asks how it is going once more when the answer was not one of the options or words of their own. */
export function checkInHowIsItGoingAgain(ctx: Pick<InWorkWordingContext, 'language'> = { language: 'en' }): string {
  return `${say(ctx.language, 'checkIn.didNotCatch')} ${say(ctx.language, 'checkIn.options')}`;
}

/** Asks "are you still in work?" once more when the answer was not clear. */
export function checkInStillInWorkAgain(ctx: Pick<InWorkWordingContext, 'language'> = { language: 'en' }): string {
  return `${say(ctx.language, 'checkIn.didNotCatch')} ${say(ctx.language, 'checkIn.stillInWork')}`;
}

/** After how it is going: would they like a call, worded for what they said. */
export function checkInCallOffer(ctx: InWorkWordingContext, rating: CheckInRating | null): string {
  const t = sentences(ctx);
  switch (rating) {
    case 'good':
      return firstThatFits([[t('checkIn.greatToHear'), t('checkIn.wouldYouLikeACall')]]);
    case 'okay':
      return firstThatFits([
        [t('checkIn.thanksForLettingUsKnow'), t('checkIn.wouldYouLikeACallToTalk')],
        [t('checkIn.thanksForLettingUsKnow'), t('checkIn.wouldYouLikeACall')],
      ]);
    case 'struggling':
      return firstThatFits([
        [t('checkIn.sorryItIsHard'), t('checkIn.adviserCanHelp'), t('checkIn.wouldYouLikeThemToCall')],
        [t('checkIn.sorryItIsHard', { hasName: 'no' }), t('checkIn.wouldYouLikeThemToCall')],
      ]);
    case null:
      return firstThatFits([[t('checkIn.thanksForTellingUs'), t('checkIn.wouldYouLikeACall')]]);
  }
}

export function checkInCallArranged(ctx: InWorkWordingContext): string {
  const t = sentences(ctx);
  return firstThatFits([[t('checkIn.thanks'), t('checkIn.askedToCall')]]);
}

export function checkInNoCall(ctx: InWorkWordingContext): string {
  const t = sentences(ctx);
  return firstThatFits([[t('checkIn.noProblem'), t('checkIn.textAnyTime')]]);
}

/** An answer the bot cannot place: kept and passed on, like any free text. */
export function checkInPassedOn(ctx: InWorkWordingContext): string {
  const t = sentences(ctx);
  return firstThatFits([[t('checkIn.thanks'), t('checkIn.passedOn')]]);
}

/** They have left or lost the job: thanks, no judgement, and someone will be in touch. */
export function checkInLeftJob(ctx: InWorkWordingContext): string {
  const t = sentences(ctx);
  return firstThatFits([[t('contact.thanksForLettingUsKnow'), t('checkIn.willBeInTouch')]]);
}

/** A pulse question's words in the participant's language (the catalogue's `pulse.question.{instrument}.{question}`). */
export function pulseQuestionText(language: string, instrumentId: string, question: PulseQuestion): string {
  const id = `pulse.question.${instrumentId}.${question.id}` as MessageId;
  return say(language, id, { min: question.min, max: question.max });
}

/** The first pulse question, with who is asking. */
export function pulseOpening(ctx: InWorkWordingContext, instrumentId: string, question: PulseQuestion): string {
  const t = sentences(ctx);
  const text = pulseQuestionText(ctx.language, instrumentId, question);
  return firstThatFits([
    ...openers(ctx, t).map((opener) => [opener, t('pulse.quickQuestion'), text]),
    ...openers(ctx, t).map((opener) => [opener, text]),
  ]);
}

/** The next pulse question, straight after an answer. */
export function pulseNextQuestion(ctx: Pick<InWorkWordingContext, 'language'>, instrumentId: string, question: PulseQuestion): string {
  const text = pulseQuestionText(ctx.language, instrumentId, question);
  return firstThatFits([[say(ctx.language, 'pulse.thanks'), text], [text]]);
}

/** An answer off the scale, or not a number: asked once more, plainly. */
export function pulseAskAgain(ctx: Pick<InWorkWordingContext, 'language'>, question: PulseQuestion): string {
  return say(ctx.language, 'pulse.oneNumber', { min: question.min, max: question.max });
}

/** Words of their own in the middle of a pulse: passed on, and the question still open. */
export function pulsePassedOnAskAgain(ctx: InWorkWordingContext, question: PulseQuestion): string {
  const t = sentences(ctx);
  const scale = { min: question.min, max: question.max };
  return firstThatFits([
    [t('pulse.passedOn'), t('pulse.forTheQuestion', scale)],
    [t('pulse.passedOnShort'), t('pulse.replyWithNumber', scale)],
  ]);
}

/** The end of a pulse; a worrying answer says the adviser has been told. */
export function pulseThanks(ctx: InWorkWordingContext, concern: boolean): string {
  const t = sentences(ctx);
  if (concern) {
    return firstThatFits([
      [t('pulse.thankYouForBeingHonest'), t('pulse.letAdviserKnow'), t('pulse.textAnyTime')],
      [t('pulse.thankYouForBeingHonest'), t('pulse.letAdviserKnowShort')],
    ]);
  }
  return firstThatFits([[t('pulse.thankYou'), t('pulse.answersHelp')]]);
}
