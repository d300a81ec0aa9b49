import type { CheckInRating } from './check-in-reading.js';
import type { PulseQuestion } from './pulse-instruments.js';
import { capitalise, comma, firstThatFits, plain } from './sms-fitting.js';

/**
 * What the bot says in in-work check-ins and confidence pulses, in English. The same rules as every other template:
 * short, plain and warm, saying who it is from (the in-work adviser by name where there is one; clients told us they
 * did not know who was calling them after handover), never a demand, plain GSM-7 text in at most two SMS segments.
 */
export interface InWorkWordingContext {
  firstName: string;
  /** The in-work adviser, or the key worker when no adviser has been assigned. */
  adviserName: string | null;
  programmeName: string;
}

export const HOW_IS_IT_GOING_OPTIONS = 'Reply 1 good, 2 okay, 3 struggling, or tell us in your own words.';
const YES_OR_NO = 'Reply YES or NO.';

/** "Jo" or "your adviser". */
function adviser(ctx: InWorkWordingContext): string {
  const name = plain(ctx.adviserName ?? '');
  return name === '' ? 'your adviser' : name;
}

function hello(ctx: InWorkWordingContext): string {
  return plain(ctx.firstName) === '' ? 'Hi' : `Hi ${plain(ctx.firstName)}`;
}

/** Who is writing, longest first. */
function openers(ctx: InWorkWordingContext): string[] {
  const name = plain(ctx.adviserName ?? '');
  const programme = plain(ctx.programmeName);
  return [
    ...(name === '' ? [] : [`${hello(ctx)}, this is ${programme}, on behalf of ${name}, your in-work adviser.`]),
    `${hello(ctx)}, this is ${programme}.`,
    `This is ${programme}.`,
  ];
}

/** The first time: who the adviser is and that they are there to help, before any question. */
function introductions(ctx: InWorkWordingContext): string[][] {
  const name = plain(ctx.adviserName ?? '');
  const programme = plain(ctx.programmeName);
  const who =
    name === ''
      ? ['We are here to help while you settle in.']
      : [`${name} is your in-work adviser and is here to help while you settle in.`, `${name} is your in-work adviser.`];
  return [
    ...who.map((line) => [`${hello(ctx)}, this is ${programme}.`, 'Well done on the new job!', line]),
    ...who.map((line) => [`${hello(ctx)}, this is ${programme}.`, line]),
  ];
}

/**
 * The message that opens a check-in: on a sustainment week "are you still in work?", otherwise "how is it going?".
 * `introduce` names the in-work adviser properly the first time they write.
 */
export function checkInOpening(ctx: InWorkWordingContext, options: { introduce: boolean; asksStillInWork: boolean }): string {
  const questions = options.asksStillInWork
    ? [['We are checking in.', `Are you still in work? ${YES_OR_NO}`], [`Are you still in work? ${YES_OR_NO}`]]
    : [
        ['How is the job going?', HOW_IS_IT_GOING_OPTIONS],
        ['How is it going?', HOW_IS_IT_GOING_OPTIONS],
      ];
  const openings = options.introduce ? introductions(ctx) : openers(ctx).map((opener) => [opener]);
  return firstThatFits(openings.flatMap((opening) => questions.map((question) => [...opening, ...question])));
}

/** After "yes, still in work": how is it going. */
export function checkInHowIsItGoing(ctx: InWorkWordingContext): string {
  return firstThatFits([[`That's great, thanks${comma(ctx)}.`, 'How is it going?', HOW_IS_IT_GOING_OPTIONS]]);
}

/** Asks how it is going once more when the answer was not one of the options or words of their own. */
export function checkInHowIsItGoingAgain(): string {
  return `Sorry, we did not catch that. ${HOW_IS_IT_GOING_OPTIONS}`;
}

/** Asks "are you still in work?" once more when the answer was not clear. */
export function checkInStillInWorkAgain(): string {
  return `Sorry, we did not catch that. Are you still in work? ${YES_OR_NO}`;
}

/** After how it is going: would they like a call, worded for what they said. */
export function checkInCallOffer(ctx: InWorkWordingContext, rating: CheckInRating | null): string {
  const name = adviser(ctx);
  switch (rating) {
    case 'good':
      return firstThatFits([['Great to hear!', `Would you like a call from ${name}? ${YES_OR_NO}`]]);
    case 'okay':
      return firstThatFits([
        ['Thanks for letting us know.', `Would you like a call from ${name} to talk things through? ${YES_OR_NO}`],
        ['Thanks for letting us know.', `Would you like a call from ${name}? ${YES_OR_NO}`],
      ]);
    case 'struggling':
      return firstThatFits([
        [`Sorry it is hard at the moment${comma(ctx)}.`, `${capitalise(name)} can help.`, `Would you like ${name} to call you? ${YES_OR_NO}`],
        ['Sorry it is hard at the moment.', `Would you like ${name} to call you? ${YES_OR_NO}`],
      ]);
    case null:
      return firstThatFits([['Thanks for telling us.', `Would you like a call from ${name}? ${YES_OR_NO}`]]);
  }
}

export function checkInCallArranged(ctx: InWorkWordingContext): string {
  return firstThatFits([[`Thanks${comma(ctx)}.`, `We have asked ${adviser(ctx)} to call you soon.`]]);
}

export function checkInNoCall(ctx: InWorkWordingContext): string {
  return firstThatFits([[`No problem${comma(ctx)}.`, 'You can text us here any time if you need anything.']]);
}

/** An answer the bot cannot place: kept and passed on, like any free text. */
export function checkInPassedOn(ctx: InWorkWordingContext): string {
  return firstThatFits([[`Thanks${comma(ctx)}.`, `We have passed your message to ${adviser(ctx)}.`]]);
}

/** They have left or lost the job: thanks, no judgement, and someone will be in touch. */
export function checkInLeftJob(ctx: InWorkWordingContext): string {
  return firstThatFits([
    [`Thanks for letting us know${comma(ctx)}.`, `${capitalise(adviser(ctx))} will be in touch to see how we can help next.`],
  ]);
}

/** The first pulse question, with who is asking. */
export function pulseOpening(ctx: InWorkWordingContext, question: PulseQuestion): string {
  return firstThatFits([
    ...openers(ctx).map((opener) => [opener, 'A quick question.', question.text]),
    ...openers(ctx).map((opener) => [opener, question.text]),
  ]);
}

/** The next pulse question, straight after an answer. */
export function pulseNextQuestion(question: PulseQuestion): string {
  return firstThatFits([['Thanks.', question.text], [question.text]]);
}

/** An answer off the scale, or not a number: asked once more, plainly. */
export function pulseAskAgain(question: PulseQuestion): string {
  return `Sorry, we did not catch that. Please reply with one number from ${question.min} to ${question.max}.`;
}

/** Words of their own in the middle of a pulse: passed on, and the question still open. */
export function pulsePassedOnAskAgain(ctx: InWorkWordingContext, question: PulseQuestion): string {
  return firstThatFits([
    [`Thanks${comma(ctx)}, we have passed your message to ${adviser(ctx)}.`, `For the question, please reply with one number from ${question.min} to ${question.max}.`],
    [`Thanks, we have passed your message on.`, `Please reply with one number from ${question.min} to ${question.max}.`],
  ]);
}

/** The end of a pulse; a worrying answer says the adviser has been told. */
export function pulseThanks(ctx: InWorkWordingContext, concern: boolean): string {
  if (concern) {
    return firstThatFits([
      [`Thank you for being honest${comma(ctx)}.`, `We have let ${adviser(ctx)} know, so they can help.`, 'You can text us here any time.'],
      [`Thank you for being honest${comma(ctx)}.`, `We have let ${adviser(ctx)} know.`],
    ]);
  }
  return firstThatFits([[`Thank you${comma(ctx)}.`, `Your answers help ${adviser(ctx)} support you.`]]);
}
