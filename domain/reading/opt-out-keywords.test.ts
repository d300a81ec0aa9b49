import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  HELP_KEYWORDS,
  OPT_IN_KEYWORDS,
  OPT_OUT_KEYWORDS,
  WELSH_HELP_KEYWORDS,
  WELSH_OPT_IN_KEYWORDS,
  WELSH_OPT_OUT_KEYWORDS,
  isHelpKeyword,
  isOptInKeyword,
  isOptOutKeyword,
  matchHelpKeyword,
  matchOptInKeyword,
  matchOptOutKeyword,
} from './opt-out-keywords.js';

describe('isOptOutKeyword', () => {
  it.each([
    ['STOP', 'STOP'],
    ['stop', 'STOP'],
    ['Stop.', 'STOP'],
    ['  sToP!!  ', 'STOP'],
    ['STOP 🛑', 'STOP'],
    ['*STOP*', 'STOP'],
    ['stopall', 'STOPALL'],
    ['Stop all', 'STOPALL'],
    ['Unsubscribe', 'UNSUBSCRIBE'],
    ['cancel', 'CANCEL'],
    ['End', 'END'],
    ['quit.', 'QUIT'],
    ['stop texting me', 'STOP'],
    ['Stop sending me messages please', 'STOP'],
    ['please stop', 'STOP'],
    ['STOP, thanks', 'STOP'],
    ['unsubscribe me', 'UNSUBSCRIBE'],
    ["stop I'm not interested", 'STOP'],
    ['S\u200BTOP', 'STOP'],
    ['ＳＴＯＰ', 'STOP'],
    // Look-alike letters from other scripts, accents, direction marks: the keyboard it was typed on never hides a STOP.
    ['ЅТОР', 'STOP'],
    ['ѕtop', 'STOP'],
    ['stóp', 'STOP'],
    ['S\u202ETOP', 'STOP'],
    ['\u2066Unsubscribe\u2069', 'UNSUBSCRIBE'],
    // Welsh
    ['STOPIO', 'STOPIO'],
    ['stopio', 'STOPIO'],
    ['Stopio.', 'STOPIO'],
    ['Stopio plis', 'STOPIO'], // stop please
    ["stopio'r negeseuon", 'STOPIO'], // stop the messages
    ['Plis stopio’r negeseuon', 'STOPIO'], // please stop the messages
    ['stopio anfon negeseuon ata i', 'STOPIO'], // stop sending messages to me
    ['stopio i gyd', 'STOPIO'], // stop all
    ['stopio please', 'STOPIO'], // mixed languages
    ['stop plis', 'STOP'], // mixed languages
    ['stop diolch', 'STOP'], // stop, thanks
    ['dad-danysgrifio', 'DAD-DANYSGRIFIO'], // unsubscribe
    ['Dad danysgrifio', 'DAD-DANYSGRIFIO'],
    ['DADDANYSGRIFIO', 'DADDANYSGRIFIO'],
    ['dad-danysgrifio fi plis', 'DAD-DANYSGRIFIO'], // unsubscribe me please
    ['Diwedd', 'DIWEDD'], // end
    ['DIWEDD!', 'DIWEDD'],
  ])('%j opts out with %s', (text, keyword) => {
    expect(matchOptOutKeyword(text)).toBe(keyword);
  });

  it.each([
    "can't stop crying",
    "don't stop",
    'stop crying',
    'stop the bus',
    'cancel my appointment',
    'I want to cancel',
    'end of the week',
    'I want to quit my job',
    'quit smoking last month',
    'stop texting me at work, text after 5 and I will reply about the course on Monday',
    'yes',
    'STOPPED',
    '',
    '   ',
    '🛑',
    // Welsh
    'stopio smygu', // stop smoking
    'stopio crio', // stop crying
    "stopio'r bws", // stop the bus
    'dw i wedi stopio', // I have stopped
    'diwedd y mis', // the end of the month
    'ar y diwedd', // at the end
    'diwedd yr wythnos yn iawn', // the end of the week is fine
    'ie', // yes
    'STOPIWCH Y BWS', // stop the bus (plural imperative)
  ])('%j does not opt out', (text) => {
    expect(isOptOutKeyword(text)).toBe(false);
  });

  it('is case-insensitive for every keyword', () => {
    fc.assert(
      fc.property(
        fc.mixedCase(fc.constantFrom(...OPT_OUT_KEYWORDS, ...WELSH_OPT_OUT_KEYWORDS)),
        fc.constantFrom('', ' ', '.', '!', '!!', ' .'),
        (keyword, trailing) => {
          expect(isOptOutKeyword(`${keyword}${trailing}`)).toBe(true);
        },
      ),
    );
  });

  it('gives the same answer for any text in upper or lower case', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const answer = isOptOutKeyword(text);
        expect(isOptOutKeyword(text.toUpperCase())).toBe(answer);
        expect(isOptOutKeyword(text.toLowerCase())).toBe(answer);
      }),
    );
  });
});

describe('isOptInKeyword', () => {
  it.each([
    'START', 'start', 'Start.', 'unstop', ' UNSTOP! ',
    'DECHRAU', 'dechrau', 'Dechrau.', // Welsh: start
  ])('%j opts back in', (text) => {
    expect(isOptInKeyword(text)).toBe(true);
  });

  it.each([
    'yes', 'YES', 'y', 'ok', 'start date is monday', 'restart', '',
    'ie', 'IE', // Welsh: yes, which must never re-subscribe anyone
    'dechrau dydd Llun', // starting on Monday
    'ailddechrau', // restart
  ])('%j does not opt in', (text) => {
    expect(isOptInKeyword(text)).toBe(false);
  });

  it('says which keyword', () => {
    expect(matchOptInKeyword('Dechrau!')).toBe('DECHRAU');
  });
});

describe('isHelpKeyword', () => {
  it.each([
    'HELP', 'help', 'Help?', 'info', 'INFO.',
    'CYMORTH', 'cymorth', 'Cymorth?', // Welsh: help
  ])('%j asks for help', (text) => {
    expect(isHelpKeyword(text)).toBe(true);
  });

  it.each([
    'help me with my CV', 'information', 'helpful', '',
    'cymorth gyda fy CV', // help with my CV
    'cymorth ariannol', // financial support
  ])('%j is not the HELP keyword', (text) => {
    expect(isHelpKeyword(text)).toBe(false);
  });

  it('says which keyword', () => {
    expect(matchHelpKeyword('cymorth')).toBe('CYMORTH');
  });
});

describe('Welsh keywords', () => {
  it('are their own lists, beside the English ones', () => {
    expect(WELSH_OPT_OUT_KEYWORDS).toEqual(['STOPIO', 'DAD-DANYSGRIFIO', 'DADDANYSGRIFIO', 'DIWEDD']);
    expect(WELSH_OPT_IN_KEYWORDS).toEqual(['DECHRAU']);
    expect(WELSH_HELP_KEYWORDS).toEqual(['CYMORTH']);
  });

  it('never throw, and give the same answer in any case, with any padding around them', () => {
    const keyword = fc.constantFrom(...WELSH_OPT_OUT_KEYWORDS, ...WELSH_OPT_IN_KEYWORDS, ...WELSH_HELP_KEYWORDS);
    const around = fc.constantFrom('', ' ', '.', '!', '?', "'r", ' plis', ' diolch', ' negeseuon', ' smygu', ' y mis');
    fc.assert(
      fc.property(fc.mixedCase(keyword), around, fc.string({ maxLength: 20 }), (word, after, noise) => {
        for (const text of [`${word}${after}`, `${noise}${word}${after}`, `${word}${after}${noise}`]) {
          const answers = [matchOptOutKeyword(text), matchOptInKeyword(text), matchHelpKeyword(text)];
          expect([matchOptOutKeyword(text.toLowerCase()), matchOptInKeyword(text.toLowerCase()), matchHelpKeyword(text.toLowerCase())]).toEqual(answers);
        }
      }),
    );
  });
});

describe('keyword lists', () => {
  it('match CONTRACT.md', () => {
    expect(OPT_OUT_KEYWORDS).toEqual(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
    expect(OPT_IN_KEYWORDS).toEqual(['START', 'UNSTOP']);
    expect(HELP_KEYWORDS).toEqual(['HELP', 'INFO']);
  });
});
