import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { OPT_OUT_KEYWORDS } from './opt-out-keywords.js';
import { parseChoice, parseReminderReply, readReminderReply } from './reply-parsing.js';

describe('parseReminderReply', () => {
  it.each([
    'yes', 'Yes', 'YES!', 'y', 'Y.', 'yeah', 'yep', 'Yesss', 'yes please', 'Yes please!', 'ok', 'OK', 'okay', 'k',
    'Ok then', 'sure', "I'll be there", 'I’ll be there', 'Ill be there', 'will be there', 'I will be there',
    'see you then', 'See you then 😊', 'confirmed', 'Yes, thanks for the reminder', 'Yes thank you x',
    'no problem', 'No worries', '  yes  ', 'yes👍', 'Actually yes', 'actually I can make it',
    '👍', '👍🏻', '👍🏼', '👍🏽', '👍🏾', '👍🏿', '👍👍', '✅', '✔️', '👌', 'Yes 👍🏾',
  ])('%j confirms', (text) => {
    expect(parseReminderReply(text)).toBe('confirm');
  });

  it.each([
    'no', 'No.', 'N', 'nope', 'Noooo', "can't", 'cant', 'CANT', 'Can’t', 'cannot', 'can not make it',
    "Can't make it", "I can't make it tomorrow", "won't make it", "Sorry, I won't be able to make it",
    "I'm ill", 'ill', 'sick', 'not well', "I'm not feeling well", 'unwell', "sorry can't come", 'Ok sorry I cant',
    'No sorry',
  ])('%j declines', (text) => {
    expect(parseReminderReply(text)).toBe('decline');
  });

  it.each([
    'r', 'R', 'change', 'Change please', 'rearrange', 're-arrange', 'Re-arrange?', 'reschedule', 'another time',
    'different time', 'can we change', 'Can we change it?', 'move it', 'Can I rearrange please',
    'No, can we rearrange?', "I'm ill, can we change the appointment",
  ])('%j asks to rearrange', (text) => {
    expect(parseReminderReply(text)).toBe('rearrange');
  });

  it.each([
    ['digits are for choosing', '1'],
    ['digits are for choosing', '2'],
    ['long free text with "no" in it', 'no idea where the office is, can you send the address?'],
    ['free text with "yes" in it', 'yes but where is it'],
    ['free text', 'what time is it again?'],
    ['says two things', 'Yes, but can we change it?'],
    ['says two things', "yes I can't"],
    ['padding only', 'thanks'],
    ['padding only', 'sorry'],
    ['an opt-out word', 'STOP'],
    ['an opt-out word', 'cancel'],
    ['an opt-out word', 'Cancel it'],
    ['an opt-out word', 'cancel please'],
    ['an opt-out word', 'end'],
    ['an opt-out word', 'QUIT'],
    ['not a reply', 'not sure'],
    ['not a reply', 'hello'],
    ['empty', ''],
    ['empty', '   '],
    ['emoji that is not an answer', '🙏'],
    ['too long', 'yes yes yes yes yes yes yes yes yes yes yes yes yes'],
  ])('%s: %j means nothing here', (_why, text) => {
    expect(parseReminderReply(text)).toBeNull();
  });

  it('never reads an opt-out keyword, in any case and with any punctuation, as a reminder reply', () => {
    fc.assert(
      fc.property(
        fc.mixedCase(fc.constantFrom(...OPT_OUT_KEYWORDS, 'STOP ALL', 'CANCEL IT', 'CANCEL PLEASE')),
        fc.constantFrom('', '.', '!', ' please', ' thanks'),
        (keyword, trailing) => {
          expect(parseReminderReply(`${keyword}${trailing}`)).toBeNull();
        },
      ),
    );
  });

  it('says when a decline already gives the reason', () => {
    expect(readReminderReply("I'm ill")).toEqual({ intent: 'decline', givesReason: true });
    expect(readReminderReply('not feeling well sorry')).toEqual({ intent: 'decline', givesReason: true });
    expect(readReminderReply("can't")).toEqual({ intent: 'decline', givesReason: false });
    expect(readReminderReply('yes')).toEqual({ intent: 'confirm', givesReason: false });
  });

  it.each([
    ['YESẞ', 'yesß'],
    ['ıll', 'ILL'],
    ['ＹＥＳ', 'yes'],
  ])('%j reads like %j (case folding found by fast-check)', (text, same) => {
    expect(parseReminderReply(text)).toBe(parseReminderReply(same));
  });

  it('never throws, and gives the same answer in upper, lower or mixed case', () => {
    const replies = fc.constantFrom('yes', "I'll be there", "can't", 'not well', 'rearrange', 'R', 'y', 'no', '👍🏽');
    fc.assert(
      fc.property(fc.mixedCase(replies), (text) => {
        expect(parseReminderReply(text)).toBe(parseReminderReply(text.toLowerCase()));
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.mixedCase(replies)), (text) => {
        const answer = parseReminderReply(text);
        expect(parseReminderReply(text.toUpperCase())).toBe(answer);
        expect(parseReminderReply(text.toLowerCase())).toBe(answer);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('parseChoice', () => {
  it.each<[text: string, count: number, choice: number | null]>([
    ['1', 2, 1],
    ['2', 2, 2],
    [' 2. ', 2, 2],
    ['1️⃣', 2, 1],
    ['2️⃣', 2, 2],
    ['one', 2, 1],
    ['Two', 2, 2],
    ['the first', 2, 1],
    ['The first one', 2, 1],
    ['first one', 2, 1],
    ['first', 2, 1],
    ['second', 2, 2],
    ['Second one please', 2, 2],
    ['2nd', 2, 2],
    ['the 2nd one', 2, 2],
    ['number 2', 2, 2],
    ['3', 2, null],
    ['third', 2, null],
    ['3', 3, 3],
    ['0', 2, null],
    ['12', 2, null],
    ['1 or 2', 2, null],
    ['one one', 2, null],
    ['yes', 2, null],
    ['no', 2, null],
    ['the one on Tuesday', 2, null],
    ['', 2, null],
  ])('%j of %i → %s', (text, count, choice) => {
    expect(parseChoice(text, count)).toBe(choice);
  });

  it('never throws and answers within range, in any case', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), fc.integer({ min: 0, max: 5 }), (text, count) => {
        const choice = parseChoice(text, count);
        if (choice !== null) expect(choice).toBeGreaterThanOrEqual(1);
        if (choice !== null) expect(choice).toBeLessThanOrEqual(count);
        expect(parseChoice(text.toUpperCase(), count)).toBe(choice);
        expect(parseChoice(text.toLowerCase(), count)).toBe(choice);
      }),
      { numRuns: 2_000 },
    );
  });
});
