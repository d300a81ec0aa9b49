/**
 * Property tests of reminder-reply reading beyond the examples: any text at all (hostile, 10,000 characters, control
 * characters) is read without throwing and to a valid answer; invisible characters change nothing; long messages and
 * words the bot does not know go to the key worker (null), never to a guess.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileText } from '../../test/hostile-text.arbitrary.js';
import { isNotNow, parseChoice, parseReminderReply, readReminderReply } from './reply-parsing.js';

const RUNS = { numRuns: 300 };
const INTENTS = ['confirm', 'decline', 'rearrange'];
const KNOWN: ReadonlyArray<[string, string]> = [
  ['yes', 'confirm'], ['ok', 'confirm'], ["I'll be there", 'confirm'], ['see you then', 'confirm'], ['👍', 'confirm'],
  ["can't", 'decline'], ['no', 'decline'], ['not well', 'decline'], ['cannot make it', 'decline'],
  ['R', 'rearrange'], ['change', 'rearrange'], ['rearrange', 'rearrange'], ['can we reschedule', 'rearrange'],
];
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];

/** Puts invisible characters between the code points of a text. */
const sprinkled = (text: string, marks: string[], at: number[]) => {
  const chars = [...text];
  at.forEach((position, i) => chars.splice(position % (chars.length + 1), 0, marks[i % marks.length] as string));
  return chars.join('');
};

describe('readReminderReply (property)', () => {
  it('reads any text, of any length, to null or a valid intent, the same way every time', () => {
    fc.assert(
      fc.property(hostileText(12_000), (text) => {
        const reading = readReminderReply(text);
        if (reading !== null) {
          expect(INTENTS).toContain(reading.intent);
          if (reading.givesReason) expect(reading.intent).toBe('decline');
        }
        expect(readReminderReply(text)).toEqual(reading);
        expect(parseReminderReply(text)).toBe(reading?.intent ?? null);
        expect(typeof isNotNow(text)).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('is not moved by invisible characters (zero-width, soft hyphens, BOM) anywhere in a reply', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN), fc.array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(40), { minLength: 1, maxLength: 4 }), ([text, intent], marks, at) => {
        expect(parseReminderReply(sprinkled(text, marks, at))).toBe(intent);
      }),
      RUNS,
    );
  });

  it('gives more than twelve words to the key worker, whatever they are', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN), fc.integer({ min: 13, max: 40 }), ([text], words) => {
        const long = Array.from({ length: Math.ceil(words / text.split(' ').length) }, () => text).join(' ');
        expect(parseReminderReply(long)).toBeNull();
      }),
      RUNS,
    );
  });

  it('gives a known reply with a word it does not know to the key worker (never a guess)', () => {
    const unknownWord = fc.string({ unit: fc.constantFrom('q', 'x', 'z', 'j', 'v'), minLength: 5, maxLength: 12 });
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN), unknownWord, fc.boolean(), ([text], word, before) => {
        expect(parseReminderReply(before ? `${word} ${text}` : `${text} ${word}`)).toBeNull();
      }),
      RUNS,
    );
  });

  it('never reads SQL or HTML wrapped round a reply as the reply', () => {
    const wrapper = fc.constantFrom("'; drop table messages; --", '<script>alert(1)</script>', '" or 1=1 --', '<b onmouseover=x>');
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN), wrapper, ([text], code) => {
        expect(parseReminderReply(`${text} ${code}`)).toBeNull();
      }),
      RUNS,
    );
  });
});

describe('parseChoice (property)', () => {
  it('picks any option by its number, alone or padded, and nothing out of range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 12 }), fc.constantFrom('', 'number ', 'option ', 'the '), fc.constantFrom('', ' please', ' thanks', '!'), (count, n, before, after) => {
        const choice = parseChoice(`${before}${n}${after}`, count);
        expect(choice).toBe(n >= 1 && n <= count ? n : null);
      }),
      RUNS,
    );
  });

  it('answers any text, of any length, with null or a choice in range', () => {
    fc.assert(
      fc.property(hostileText(12_000), fc.integer({ min: 0, max: 5 }), (text, count) => {
        const choice = parseChoice(text, count);
        if (choice !== null) {
          expect(Number.isInteger(choice)).toBe(true);
          expect(choice).toBeGreaterThanOrEqual(1);
          expect(choice).toBeLessThanOrEqual(count);
        }
      }),
      RUNS,
    );
  });
});
