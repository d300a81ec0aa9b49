import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { OPT_OUT_KEYWORDS, WELSH_OPT_OUT_KEYWORDS } from './opt-out-keywords.js';
import { isNotNow, parseChoice, parseReminderReply, readReminderReply } from './reply-parsing.js';

describe('parseReminderReply', () => {
  it.each([
    'yes', 'Yes', 'YES!', 'y', 'Y.', 'yeah', 'yep', 'Yesss', 'yes please', 'Yes please!', 'ok', 'OK', 'okay', 'k',
    'Ok then', 'sure', "I'll be there", 'I’ll be there', 'Ill be there', 'will be there', 'I will be there',
    'see you then', 'See you then 😊', 'confirmed', 'Yes, thanks for the reminder', 'Yes thank you x',
    'no problem', 'No worries', '  yes  ', 'yes👍', 'Actually yes', 'actually I can make it',
    '👍', '👍🏻', '👍🏼', '👍🏽', '👍🏾', '👍🏿', '👍👍', '✅', '✔️', '👌', 'Yes 👍🏾',
    // Welsh
    'Ie', 'IE', 'ie!', 'Ie plis', 'Ie, diolch yn fawr', // yes (please, thanks very much)
    'ia', // yes (northern)
    'iawn', 'Iawn diolch', 'Mae’n iawn', // okay, okay thanks, that's fine
    'ydw', 'Yndw', // yes I am
    'gwnaf', 'mi wna i', // yes I will
    'dof', 'Mi ddof', // I'll come
    'bydda i', 'Byddaf', 'Bydda i yno', "bydda i 'na", // I'll be (there); 'na is "there", not "no"
    'do', // yes (past tense)
    'cytuno', // agree
    'Wela i chi yno', 'wela i chi fory', // see you there, see you tomorrow
    'da iawn', 'grêt', 'gret', 'gwych', 'perffaith', // very good, great, great, perfect
    'dim problem', // no problem
    "Dw i'n dod", 'dwi’n dod', // I'm coming
    'diolch am y neges, bydda i yno', // thanks for the message, I'll be there
    'Ie 👍🏽',
  ])('%j confirms', (text) => {
    expect(parseReminderReply(text)).toBe('confirm');
  });

  it.each([
    'no', 'No.', 'N', 'nope', 'Noooo', "can't", 'cant', 'CANT', 'Can’t', 'cannot', 'can not make it',
    "Can't make it", "I can't make it tomorrow", "won't make it", "Sorry, I won't be able to make it",
    "I'm ill", 'ill', 'sick', 'not well', "I'm not feeling well", 'unwell', "sorry can't come", 'Ok sorry I cant',
    'No sorry',
    // Welsh
    'Na', 'NA', 'na diolch', 'dim diolch', // no, no thanks, no thanks
    'nac ydw', // no I'm not
    'na allaf', 'Alla i ddim', 'alla i ddim dod', 'fedra i ddim', // no I can't, I can't (come), I can't (northern)
    'methu', 'methu dod', // can't, can't come
    'Dw i ddim yn gallu dod', 'dwi ddim yn gallu dod', // I can't come
    "sa i'n gallu", 'Sai’n gallu dod', // I can't (come) (southern)
    'fydda i ddim yno', // I won't be there
    'Sori, alla i ddim dod fory', // sorry, I can't come tomorrow
    "Iawn, sori alla i ddim", // okay, sorry I can't: "iawn" gives way, like "ok"
    "mae'n ddrwg gen i, methu dod", // I'm sorry, can't come
    'sâl', 'sal', 'yn sâl', 'tost', 'yn dost', // ill
    "dw i'n sâl", 'Dwi’n sal', // I'm ill
    'sâl iawn', // very ill: "iawn" here is "very", not "okay"
    'dw i ddim yn dda', "ddim yn teimlo'n dda", // I'm not well, not feeling well
    // English text with "do" in it, which is also the Welsh yes
    'cannot do tomorrow', "can't do it", 'no can do',
  ])('%j declines', (text) => {
    expect(parseReminderReply(text)).toBe('decline');
  });

  it.each([
    'r', 'R', 'change', 'Change please', 'rearrange', 're-arrange', 'Re-arrange?', 'reschedule', 'another time',
    'different time', 'can we change', 'Can we change it?', 'move it', 'Can I rearrange please',
    'No, can we rearrange?', "I'm ill, can we change the appointment",
    // Welsh
    'newid', 'Newid plis', 'newid yr amser', 'newid y diwrnod', // change (please), change the time / the day
    'aildrefnu', 'ail-drefnu', // rearrange
    'amser arall', 'diwrnod arall', 'rhywbryd arall', // another time, another day, some other time
    'Allwn ni newid?', 'ga i aildrefnu plis', // can we change?, may I rearrange please
    'Na, allwn ni newid?', // no, can we change?
    "dw i'n sâl, allwn ni newid yr amser", // I'm ill, can we change the time
    'R', // the Welsh reminder's option, as in English
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
    // Welsh
    ['padding only', 'diolch'], // thanks
    ['padding only', 'diolch yn fawr iawn'], // thank you very much: "iawn" is "very", not "okay"
    ['padding only', 'sori'],
    ["padding only", "mae'n ddrwg gen i"], // I'm sorry
    ['padding only', 'helo'],
    ['not a reply', "dw i ddim yn sâl"], // I'm not ill
    ['not a reply', 'dw i ddim yn siŵr'], // I'm not sure
    ['"dim" is ambiguous', 'dim'], // no / nothing / none
    ['"ddim" alone', 'ddim'], // not
    ['says two things', 'ie ond alla i ddim'], // yes but I can't
    ['says two things', 'ie, allwn ni newid?'], // yes, can we change?
    ['an opt-out word', 'STOPIO'],
    ['an opt-out word', 'diwedd'], // end
    ['free text', 'ble mae’r swyddfa?'], // where is the office?
    // English questions with "do", which is also the Welsh yes
    ['an English question', 'do I?'],
    ['an English question', 'Do you?'],
    ['not "ill" and yes', "I'll do it"],
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

  it('never reads a Welsh opt-out keyword, in any case and with any punctuation, as a reminder reply', () => {
    fc.assert(
      fc.property(
        fc.mixedCase(fc.constantFrom(...WELSH_OPT_OUT_KEYWORDS, 'DAD DANYSGRIFIO', "STOPIO'R NEGESEUON", 'STOPIO I GYD')),
        fc.constantFrom('', '.', '!', ' plis', ' diolch', ' please', ' thanks'),
        (keyword, trailing) => {
          expect(parseReminderReply(`${keyword}${trailing}`)).toBeNull();
        },
      ),
    );
  });

  it('says when a decline already gives the reason', () => {
    expect(readReminderReply("I'm ill")).toEqual({ intent: 'decline', givesReason: true });
    expect(readReminderReply('dw i’n sâl')).toEqual({ intent: 'decline', givesReason: true }); // I'm ill
    expect(readReminderReply('tost iawn sori')).toEqual({ intent: 'decline', givesReason: true }); // very ill, sorry
    expect(readReminderReply('methu dod')).toEqual({ intent: 'decline', givesReason: false }); // can't come
    expect(readReminderReply('Ie')).toEqual({ intent: 'confirm', givesReason: false });
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

  it.each([
    ['sâl', 'sal'],
    ['SÂL', 'sal'],
    ['grêt', 'gret'],
    ['dw i ddim yn siŵr', 'dw i ddim yn siwr'],
    ['sa\u0302l', 'sal'], // the accent typed as a combining mark
  ])('%j reads like %j (Welsh accents are optional)', (text, same) => {
    expect(readReminderReply(text)).toEqual(readReminderReply(same));
  });

  it('never throws on Welsh replies, and gives the same answer in upper, lower or mixed case', () => {
    const welsh = fc.constantFrom(
      'ie', 'iawn', 'ydw', 'gwnaf', 'dof', 'bydda i', "bydda i 'na", 'do', 'na', 'nac ydw', 'alla i ddim', 'methu dod',
      "sa i'n gallu", 'sâl', 'tost', 'newid', 'aildrefnu', 'ail-drefnu', 'amser arall', 'diolch yn fawr iawn', 'plis',
      "mae'n ddrwg gen i", 'ddim', 'dim', 'ŵ', 'â', 'yn', 'i', "'n", 'fy',
    );
    const reply = fc.array(welsh, { minLength: 1, maxLength: 14 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.mixedCase(reply), fc.constantFrom('', '.', '!', '?', ' x', ' 👍🏽'), (text, trailing) => {
        const said = `${text}${trailing}`;
        const answer = parseReminderReply(said);
        expect([null, 'confirm', 'decline', 'rearrange']).toContain(answer);
        expect(parseReminderReply(said.toLowerCase())).toBe(answer);
        expect(parseReminderReply(said.toUpperCase())).toBe(answer);
        expect(typeof isNotNow(said)).toBe('boolean');
        expect([null, 1, 2, 3]).toContain(parseChoice(said, 3));
      }),
      { numRuns: 1_000 },
    );
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
    // Welsh
    ['un', 2, 1], // one
    ['dau', 2, 2], // two
    ['Dwy', 2, 2], // two (feminine)
    ['tri', 3, 3], // three
    ['y cyntaf', 2, 1], // the first
    ['yr un cyntaf', 2, 1], // the first one
    ['yr un gyntaf', 2, 1], // the first one (feminine)
    ['yr ail', 2, 2], // the second
    ['yr ail un', 2, 2], // the second one
    ['ail un plis', 2, 2], // second one please
    ['y drydedd', 3, 3], // the third (feminine)
    ['rhif 2', 2, 2], // number 2
    ['opsiwn 1', 2, 1], // option 1
    ['2il', 2, 2], // 2nd
    ['1af', 2, 1], // 1st
    ['yr ail', 1, null],
    ['un dau', 2, null], // one two
    ['un un', 2, null],
    ['ie', 2, null], // yes
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

describe('isNotNow', () => {
  it.each([
    'no', 'no thanks', 'not now', "I'm OK thanks", 'thanks', "can't",
    // Welsh
    'na', 'Na diolch', 'dim diolch', // no, no thanks, no thanks
    'ddim nawr', 'dim nawr', 'ddim ar hyn o bryd', 'ddim eto', // not now, not at the moment, not yet
    'ddim rŵan', // not now (northern)
    'nes ymlaen', 'wedyn', // later
    'rhywbryd eto', // another time
    "dw i'n iawn diolch", 'dwi’n iawn', "mae'n iawn", 'popeth yn iawn', // I'm fine thanks, it's fine, all fine
    'dim angen', // no need
    'diolch', 'diolch yn fawr', // thanks
    'methu', // can't (a decline)
  ])('%j turns the offer down', (text) => {
    expect(isNotNow(text)).toBe(true);
  });

  it.each([
    'yes', 'Tuesday morning', 'after 2 any day',
    // Welsh
    'ie', 'ie plis', // yes (please)
    'dydd Mawrth', // Tuesday
    'unrhyw bryd ar ôl 2', // any time after 2
  ])('%j does not', (text) => {
    expect(isNotNow(text)).toBe(false);
  });
});
