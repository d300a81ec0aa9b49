import { describe, expect, it } from 'vitest';
import { CHECK_IN_RATINGS } from '../reading/check-in-reading.js';
import {
  checkInCallArranged,
  checkInCallOffer,
  checkInHowIsItGoing,
  checkInHowIsItGoingAgain,
  checkInLeftJob,
  checkInNoCall,
  checkInOpening,
  checkInPassedOn,
  checkInStillInWorkAgain,
  HOW_IS_IT_GOING_OPTIONS,
  pulseAskAgain,
  pulseNextQuestion,
  pulseOpening,
  pulsePassedOnAskAgain,
  pulseQuestionText,
  pulseThanks,
  type InWorkWordingContext,
} from './in-work-wording.js';
import { matchOptOutKeyword } from '../reading/opt-out-keywords.js';
import { PULSE_INSTRUMENTS } from '../in-work/pulse-instruments.js';
import { countSmsSegments, MAX_SEGMENTS, plain } from './sms-fitting.js';

const everyday: InWorkWordingContext = { firstName: 'Sam', adviserName: 'Jo', programmeName: 'Restart', language: 'en' };
const anonymous: InWorkWordingContext = { firstName: '', adviserName: null, programmeName: 'Work and Health Programme', language: 'en' };
const longest: InWorkWordingContext = {
  firstName: 'Alexandra-Josephine',
  adviserName: 'Christopher Montgomery-Smith',
  programmeName: 'Connect to Work (Greater Manchester) WHP', // 40, the most PROGRAMME_NAME allows
  language: 'en',
};
/** As staff type them: a curly apostrophe and a long dash, which must not turn the text into UCS-2. */
const typed: InWorkWordingContext = { firstName: ' Niamh ', adviserName: 'Mary O\u2019Brien', programmeName: 'Connect to Work \u2013 Salford', language: 'en' };
const contexts = { everyday, anonymous, longest, typed };

const questions = PULSE_INSTRUMENTS.flatMap((instrument) => instrument.questions.map((q) => ({ ...q, instrumentId: instrument.id })));
const EN = { language: 'en' };

type Case = readonly [name: string, text: string, ctx: InWorkWordingContext];

/** Messages that open a conversation, and so must say who they are from. */
const openings: Case[] = Object.entries(contexts).flatMap(([who, ctx]) => [
  ...[true, false].flatMap((introduce) =>
    [true, false].map(
      (asksStillInWork) =>
        [`checkInOpening(${who}, introduce ${introduce}, still in work ${asksStillInWork})`, checkInOpening(ctx, { introduce, asksStillInWork }), ctx] as const,
    ),
  ),
  ...questions.map((q) => [`pulseOpening(${who}, ${q.id})`, pulseOpening(ctx, q.instrumentId, q), ctx] as const),
]);

const replies: Case[] = Object.entries(contexts).flatMap(([who, ctx]) => [
  [`checkInHowIsItGoing(${who})`, checkInHowIsItGoing(ctx), ctx] as const,
  [`checkInStillInWorkAgain()`, checkInStillInWorkAgain(), ctx] as const,
  [`checkInHowIsItGoingAgain()`, checkInHowIsItGoingAgain(), ctx] as const,
  ...[...CHECK_IN_RATINGS, null].map((rating) => [`checkInCallOffer(${who}, ${rating})`, checkInCallOffer(ctx, rating), ctx] as const),
  [`checkInCallArranged(${who})`, checkInCallArranged(ctx), ctx] as const,
  [`checkInNoCall(${who})`, checkInNoCall(ctx), ctx] as const,
  [`checkInPassedOn(${who})`, checkInPassedOn(ctx), ctx] as const,
  [`checkInLeftJob(${who})`, checkInLeftJob(ctx), ctx] as const,
  ...questions.flatMap((q) => [
    [`pulseNextQuestion(${q.id})`, pulseNextQuestion(EN, q.instrumentId, q), ctx] as const,
    [`pulseAskAgain(${q.id})`, pulseAskAgain(EN, q), ctx] as const,
    [`pulsePassedOnAskAgain(${who}, ${q.id})`, pulsePassedOnAskAgain(ctx, q), ctx] as const,
  ]),
  [`pulseThanks(${who}, concern)`, pulseThanks(ctx, true), ctx] as const,
  [`pulseThanks(${who}, no concern)`, pulseThanks(ctx, false), ctx] as const,
]);

const cases = [...openings, ...replies];

/** Messages that say the adviser will do something, so must say who. */
const namingTheAdviser: Case[] = Object.entries(contexts).flatMap(([who, ctx]) => [
  ...[...CHECK_IN_RATINGS, null].map((rating) => [`checkInCallOffer(${who}, ${rating})`, checkInCallOffer(ctx, rating), ctx] as const),
  [`checkInCallArranged(${who})`, checkInCallArranged(ctx), ctx] as const,
  [`checkInPassedOn(${who})`, checkInPassedOn(ctx), ctx] as const,
  [`checkInLeftJob(${who})`, checkInLeftJob(ctx), ctx] as const,
  [`pulseThanks(${who}, concern)`, pulseThanks(ctx, true), ctx] as const,
  [`pulseThanks(${who}, no concern)`, pulseThanks(ctx, false), ctx] as const,
]);

/** What a message asks them to reply: "Reply YES or NO." → ["YES", "NO"]; "Reply 1 good, 2 okay, 3 struggling" → each. */
function suggestedReplies(text: string): string[] {
  return [...text.matchAll(/\breply (?:with )?([^.?!]+)/giu)].flatMap(([, options]) =>
    (options as string)
      .split(/,|\bor\b|\bto\b/u)
      .map((option) => option.trim())
      .filter((option) => option !== '' && !/^tell us/u.test(option)),
  );
}

describe('in-work wording, every template', () => {
  it.each(cases)(`%s fits in ${MAX_SEGMENTS} SMS segments of GSM-7`, (_name, text) => {
    expect(countSmsSegments(text)).toEqual({ encoding: 'GSM-7', segments: expect.any(Number) });
    expect(countSmsSegments(text).segments).toBeLessThanOrEqual(MAX_SEGMENTS);
  });

  it.each(cases)('%s never sounds like a demand or a threat', (_name, text) => {
    for (const word of ['mandatory', 'sanction', 'compliance', 'must', 'required', 'failure', 'penalty', 'benefit']) {
      expect(text.toLowerCase()).not.toMatch(new RegExp(`\\b${word}`, 'u'));
    }
  });

  it.each(cases)('%s never asks for an opt-out word as an answer', (_name, text) => {
    expect(text).not.toMatch(/\b(STOP|STOPALL|UNSUBSCRIBE|CANCEL|END|QUIT)\b/iu);
    for (const answer of suggestedReplies(text)) expect(matchOptOutKeyword(answer), answer).toBeNull();
  });

  it.each(cases)('%s is plain printable ASCII, no curly quotes, emoji or stray spaces', (_name, text) => {
    expect(text).toMatch(/^[\x20-\x7E]+$/u);
    expect(text).not.toMatch(/ {2}|\.\.|\s$|^\s| [.,!?]|,,/u);
  });

  it.each(openings)('%s says who it is from: the programme', (_name, text, ctx) => {
    expect(text).toContain(plain(ctx.programmeName));
  });

  it.each(namingTheAdviser)('%s names the adviser, or says "your adviser" when there is none', (_name, text, ctx) => {
    const adviser = plain(ctx.adviserName ?? '');
    if (adviser !== '') expect(text).toContain(adviser);
    else expect(text.toLowerCase()).toContain('your adviser');
  });

  it('finds the suggested replies it checks', () => {
    expect(suggestedReplies(checkInOpening(everyday, { introduce: false, asksStillInWork: true }))).toEqual(['YES', 'NO']);
    expect(suggestedReplies(HOW_IS_IT_GOING_OPTIONS)).toEqual(['1 good', '2 okay', '3 struggling']);
    expect(suggestedReplies(pulseAskAgain(EN, questions[0]!))).toEqual(['one number from 0', '6']);
  });
});

describe('checkInOpening', () => {
  it('introduces the in-work adviser by name the first time, after who it is from', () => {
    expect(checkInOpening(everyday, { introduce: true, asksStillInWork: false })).toBe(
      'Hi Sam, this is Restart. Well done on the new job! Jo is your in-work adviser and is here to help while you settle in. ' +
        `How is the job going? ${HOW_IS_IT_GOING_OPTIONS}`,
    );
  });

  it('later on, says it is on behalf of the adviser', () => {
    expect(checkInOpening(everyday, { introduce: false, asksStillInWork: false })).toBe(
      `Hi Sam, this is Restart, on behalf of Jo, your in-work adviser. How is the job going? ${HOW_IS_IT_GOING_OPTIONS}`,
    );
  });

  it('on a sustainment week asks "are you still in work?" first, with YES or NO', () => {
    expect(checkInOpening(everyday, { introduce: false, asksStillInWork: true })).toBe(
      'Hi Sam, this is Restart, on behalf of Jo, your in-work adviser. We are checking in. Are you still in work? Reply YES or NO.',
    );
  });

  it('with no names at all, still says who it is from', () => {
    expect(checkInOpening(anonymous, { introduce: false, asksStillInWork: false })).toBe(
      `Hi, this is Work and Health Programme. How is the job going? ${HOW_IS_IT_GOING_OPTIONS}`,
    );
    expect(checkInOpening(anonymous, { introduce: true, asksStillInWork: false })).toContain('We are here to help while you settle in.');
  });

  it.each(Object.entries(contexts))('for %s: introduce names the adviser, and the question always ends the message', (_who, ctx) => {
    for (const asksStillInWork of [true, false]) {
      for (const introduce of [true, false]) {
        const text = checkInOpening(ctx, { introduce, asksStillInWork });
        if (introduce && ctx.adviserName !== null) expect(text).toContain(`${plain(ctx.adviserName)} is your in-work adviser`);
        expect(text.endsWith(asksStillInWork ? 'Are you still in work? Reply YES or NO.' : HOW_IS_IT_GOING_OPTIONS)).toBe(true);
      }
    }
  });

  it('the longest names keep the full introduction', () => {
    expect(checkInOpening(longest, { introduce: true, asksStillInWork: false })).toContain('Well done on the new job!');
    expect(checkInOpening(longest, { introduce: true, asksStillInWork: false })).toContain('is here to help while you settle in.');
  });
});

describe('check-in replies', () => {
  it('offer a call worded for how it is going', () => {
    expect(checkInCallOffer(everyday, 'good')).toBe('Great to hear! Would you like a call from Jo? Reply YES or NO.');
    expect(checkInCallOffer(everyday, 'okay')).toBe('Thanks for letting us know. Would you like a call from Jo to talk things through? Reply YES or NO.');
    expect(checkInCallOffer(everyday, 'struggling')).toBe('Sorry it is hard at the moment, Sam. Jo can help. Would you like Jo to call you? Reply YES or NO.');
    expect(checkInCallOffer(everyday, null)).toBe('Thanks for telling us. Would you like a call from Jo? Reply YES or NO.');
  });

  it('never says "great" to someone struggling or whose words we could not place', () => {
    for (const ctx of Object.values(contexts)) {
      expect(checkInCallOffer(ctx, 'struggling')).not.toMatch(/great/iu);
      expect(checkInCallOffer(ctx, null)).not.toMatch(/great/iu);
    }
  });

  it('capitalise "your adviser" at the start of a sentence', () => {
    expect(checkInCallOffer(anonymous, 'struggling')).toBe('Sorry it is hard at the moment. Your adviser can help. Would you like your adviser to call you? Reply YES or NO.');
    expect(checkInLeftJob(anonymous)).toBe('Thanks for letting us know. Your adviser will be in touch to see how we can help next.');
  });

  it('read warmly for everyday names', () => {
    expect(checkInHowIsItGoing(everyday)).toBe(`That's great, thanks, Sam. How is it going? ${HOW_IS_IT_GOING_OPTIONS}`);
    expect(checkInStillInWorkAgain()).toBe('Sorry, we did not catch that. Are you still in work? Reply YES or NO.');
    expect(checkInCallArranged(everyday)).toBe('Thanks, Sam. We have asked Jo to call you soon.');
    expect(checkInNoCall(everyday)).toBe('No problem, Sam. You can text us here any time if you need anything.');
    expect(checkInPassedOn(everyday)).toBe('Thanks, Sam. We have passed your message to Jo.');
    expect(checkInLeftJob(everyday)).toBe('Thanks for letting us know, Sam. Jo will be in touch to see how we can help next.');
  });

  it('make staff-typed names safe for GSM-7', () => {
    expect(checkInPassedOn(typed)).toBe("Thanks, Niamh. We have passed your message to Mary O'Brien.");
    expect(checkInOpening(typed, { introduce: false, asksStillInWork: true })).toContain('this is Connect to Work - Salford');
  });
});

describe('pulse wording', () => {
  it.each(questions.map((q) => [q.id, q] as const))('%s: the opening, the next question and the retry carry the question or its scale', (_id, q) => {
    for (const ctx of Object.values(contexts)) expect(pulseOpening(ctx, q.instrumentId, q).endsWith(pulseQuestionText('en', q.instrumentId, q))).toBe(true);
    expect(pulseNextQuestion(EN, q.instrumentId, q).endsWith(pulseQuestionText('en', q.instrumentId, q))).toBe(true);
    expect(pulseAskAgain(EN, q)).toBe(`Sorry, we did not catch that. Please reply with one number from ${q.min} to ${q.max}.`);
  });

  it('opens with who is asking, and that it is one quick question', () => {
    const [job] = questions;
    expect(pulseOpening(everyday, job!.instrumentId, job!)).toBe(
      `Hi Sam, this is Restart, on behalf of Jo, your in-work adviser. A quick question. ${pulseQuestionText('en', job!.instrumentId, job!)}`,
    );
  });

  it('thanks them, and says the adviser has been told when an answer is a concern', () => {
    expect(pulseThanks(everyday, false)).toBe('Thank you, Sam. Your answers help Jo support you.');
    expect(pulseThanks(everyday, true)).toBe('Thank you for being honest, Sam. We have let Jo know, so they can help. You can text us here any time.');
  });
});
