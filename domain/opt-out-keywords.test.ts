import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  HELP_KEYWORDS,
  OPT_IN_KEYWORDS,
  OPT_OUT_KEYWORDS,
  isHelpKeyword,
  isOptInKeyword,
  isOptOutKeyword,
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
  ])('%j does not opt out', (text) => {
    expect(isOptOutKeyword(text)).toBe(false);
  });

  it('is case-insensitive for every keyword', () => {
    fc.assert(
      fc.property(
        fc.mixedCase(fc.constantFrom(...OPT_OUT_KEYWORDS)),
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
  it.each(['START', 'start', 'Start.', 'unstop', ' UNSTOP! '])('%j opts back in', (text) => {
    expect(isOptInKeyword(text)).toBe(true);
  });

  it.each(['yes', 'YES', 'y', 'ok', 'start date is monday', 'restart', ''])('%j does not opt in', (text) => {
    expect(isOptInKeyword(text)).toBe(false);
  });
});

describe('isHelpKeyword', () => {
  it.each(['HELP', 'help', 'Help?', 'info', 'INFO.'])('%j asks for help', (text) => {
    expect(isHelpKeyword(text)).toBe(true);
  });

  it.each(['help me with my CV', 'information', 'helpful', ''])('%j is not the HELP keyword', (text) => {
    expect(isHelpKeyword(text)).toBe(false);
  });
});

describe('keyword lists', () => {
  it('match CONTRACT.md', () => {
    expect(OPT_OUT_KEYWORDS).toEqual(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
    expect(OPT_IN_KEYWORDS).toEqual(['START', 'UNSTOP']);
    expect(HELP_KEYWORDS).toEqual(['HELP', 'INFO']);
  });
});
