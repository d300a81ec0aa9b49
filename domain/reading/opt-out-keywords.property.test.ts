/**
 * Property tests of the always-on keywords beyond the examples: any text at all is read without throwing; a keyword
 * alone still counts with any case, spacing, punctuation, emoji or invisible characters round it; STOP and START
 * never both; CANCEL, END and QUIT count only alone ("cancel my appointment" is no opt-out); STOP with a word outside
 * the short list ("stop crying") is no opt-out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileText } from '../../test/hostile-text.arbitrary.js';
import { HELP_KEYWORDS, OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS, matchHelpKeyword, matchOptInKeyword, matchOptOutKeyword } from './opt-out-keywords.js';

const RUNS = { numRuns: 300 };
const around = fc.array(fc.constantFrom(' ', '  ', '\t', '\n', '.', '!', '?', '*', '"', '🛑', '🙏', '\u200B', '\uFEFF', '\u00AD'), { maxLength: 4 }).map((parts) => parts.join(''));

describe('keywords (property)', () => {
  it('read any text, of any length, to null or a keyword of the right list, and never to two kinds at once', () => {
    fc.assert(
      fc.property(hostileText(12_000), (text) => {
        const out = matchOptOutKeyword(text);
        const inKeyword = matchOptInKeyword(text);
        const help = matchHelpKeyword(text);
        if (out !== null) expect(OPT_OUT_KEYWORDS as readonly string[]).toContain(out);
        if (inKeyword !== null) expect(OPT_IN_KEYWORDS as readonly string[]).toContain(inKeyword);
        if (help !== null) expect(HELP_KEYWORDS as readonly string[]).toContain(help);
        expect([out, inKeyword, help].filter((k) => k !== null).length).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('find each keyword alone in any case, with spacing, punctuation, emoji and invisible characters round it', () => {
    fc.assert(
      fc.property(fc.mixedCase(fc.constantFrom(...OPT_OUT_KEYWORDS, ...OPT_IN_KEYWORDS, ...HELP_KEYWORDS)), around, around, (cased, before, after) => {
        const keyword = cased.toUpperCase();
        const text = `${before}${cased}${after}`;
        if ((OPT_OUT_KEYWORDS as readonly string[]).includes(keyword)) expect(matchOptOutKeyword(text)).toBe(keyword);
        if ((OPT_IN_KEYWORDS as readonly string[]).includes(keyword)) expect(matchOptInKeyword(text)).toBe(keyword);
        if ((HELP_KEYWORDS as readonly string[]).includes(keyword)) expect(matchHelpKeyword(text)).toBe(keyword);
      }),
      RUNS,
    );
  });

  it('never take CANCEL, END or QUIT followed by other words as an opt-out', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'e', 'm', 'p', 't', 'y', 'o'), minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(fc.mixedCase(fc.constantFrom('CANCEL', 'END', 'QUIT')), fc.array(word, { minLength: 1, maxLength: 5 }), (keyword, words) => {
        expect(matchOptOutKeyword(`${keyword} ${words.join(' ')}`)).toBeNull();
      }),
      RUNS,
    );
  });

  it('never take STOP followed by a word outside its short list as an opt-out', () => {
    const unknownWord = fc.string({ unit: fc.constantFrom('q', 'x', 'z', 'j', 'v', 'k'), minLength: 3, maxLength: 10 });
    fc.assert(
      fc.property(fc.mixedCase(fc.constantFrom('STOP', 'UNSUBSCRIBE', 'STOPALL')), unknownWord, fc.constantFrom('', ' please', ' me'), (keyword, word, more) => {
        expect(matchOptOutKeyword(`${keyword}${more} ${word}`)).toBeNull();
      }),
      RUNS,
    );
  });

  it('never take a keyword buried in a long message as one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPT_OUT_KEYWORDS, ...OPT_IN_KEYWORDS, ...HELP_KEYWORDS), fc.integer({ min: 9, max: 30 }), (keyword, n) => {
        const text = `${keyword} ${Array.from({ length: n }, () => 'me').join(' ')}`;
        expect(matchOptOutKeyword(text)).toBeNull();
        expect(matchOptInKeyword(text)).toBeNull();
        expect(matchHelpKeyword(text)).toBeNull();
      }),
      RUNS,
    );
  });
});
