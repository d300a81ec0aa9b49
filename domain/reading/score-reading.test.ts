import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readScore, type Scale, type ScoreReading } from './score-reading.js';

/** The job-confidence item's scale. */
const JOB: Scale = { min: 0, max: 6 };
/** The general-confidence items' scale. */
const GENERAL: Scale = { min: 1, max: 5 };

const score = (n: number): ScoreReading => ({ kind: 'score', score: n });
const outOfRange = (n: number): ScoreReading => ({ kind: 'out_of_range', value: n });
const notAScore: ScoreReading = { kind: 'not_a_score' };

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'] as const;
/** Welsh 0 to 10, and as they read after "o" ("allan o ddeg", out of ten) and "tua" ("tua phump", about five). */
const WELSH = ['dim', 'un', 'dau', 'tri', 'pedwar', 'pump', 'chwech', 'saith', 'wyth', 'naw', 'deg'] as const;
const WELSH_AFTER_O = ['dim', 'un', 'ddau', 'dri', 'bedwar', 'bump', 'chwech', 'saith', 'wyth', 'naw', 'ddeg'] as const;
const WELSH_AFTER_TUA = ['dim', 'un', 'dau', 'thri', 'phedwar', 'phump', 'chwech', 'saith', 'wyth', 'naw', 'deg'] as const;

describe('readScore on the 0 to 6 job-confidence scale', () => {
  it.each<[says: string, reading: ScoreReading]>([
    // lenient: the ways people write one number
    ['5', score(5)],
    ['five', score(5)],
    ['Five!', score(5)],
    ['5/6', score(5)],
    ['5 / 6', score(5)],
    ['5 out of 6', score(5)],
    ['five out of six', score(5)],
    ['5 of 6', score(5)],
    ['about a 5', score(5)],
    ['5 I think', score(5)],
    ['a 3 out of 6 i suppose', score(3)],
    ['2/6 probably', score(2)],
    ['5 x', score(5)],
    ['  5  ', score(5)],
    ['5.', score(5)],
    ['05', score(5)],
    ['5\uFE0F\u20E3', score(5)], // 5️⃣ keycap emoji
    ['5\u20E3', score(5)], // keycap without the presentation selector
    ['\uFF15', score(5)], // full-width 5 from some keyboards
    ['about five I think', score(5)],
    ["I'd say a four", score(4)],
    ['a score of 5', score(5)],
    // a number word among other words is talk, not an answer
    ['one of those days', notAScore],
    ['none of your business', notAScore],
    ['two jobs at once is a lot', notAScore],
    // the scale alone, or below it
    ['out of 6', notAScore],
    ['/6', notAScore],
    ['-1', outOfRange(-1)],
    ['0', score(0)],
    ['zero', score(0)],
    ['nought', score(0)],
    ['6', score(6)],
    ['six', score(6)],
    ['one', score(1)],
    // out of range: a number, just not on this scale, so it is asked again
    ['9', outOfRange(9)],
    ['7', outOfRange(7)],
    ['ten', outOfRange(10)],
    ['8/10', outOfRange(8)],
    ['5/10', outOfRange(5)],
    ['10/10', outOfRange(10)],
    ['5 out of 10', outOfRange(5)],
    // not a score: two numbers, a decimal, no number, or a long message
    ['4-5', notAScore],
    ['4 or 5', notAScore],
    ['one or two', notAScore],
    ['5, maybe 4', notAScore],
    ['5/6/7', notAScore],
    ['4.5', notAScore],
    ['4,5', notAScore],
    ['2.0', notAScore],
    ['dunno', notAScore],
    ['no', notAScore],
    ['', notAScore],
    ['no one knows', notAScore],
    ['the one', notAScore],
    ['I would say 5 because I like the team a lot really', notAScore], // 11 words
    // Welsh
    ['pump', score(5)], // five
    ['Pump!', score(5)],
    ['5 allan o 6', score(5)], // 5 out of 6
    ['pump allan o chwech', score(5)], // five out of six
    ['tri allan o chwech', score(3)], // three out of six
    ['dim', score(0)], // none, nought
    ['un', score(1)], // one
    ['dau', score(2)], // two
    ['dwy', score(2)], // two (feminine)
    ['tair', score(3)], // three (feminine)
    ['pedair', score(4)], // four (feminine)
    ['chwech', score(6)], // six
    ['chwe', score(6)], // six (before a noun)
    ['tua pump', score(5)], // about five
    ['tua phump', score(5)], // about five, mutated after "tua"
    ['rhyw bump', score(5)], // some five, mutated after "rhyw"
    ["dw i'n meddwl pedwar", score(4)], // I think four
    ['falle tri', score(3)], // maybe three
    ['dau, diolch', score(2)], // two, thanks
    ['dim ond 5', score(5)], // only 5: "dim ond" is "only", not 0
    ['saith', outOfRange(7)], // seven
    ['naw', outOfRange(9)], // nine
    ['deg', outOfRange(10)], // ten
    ['5 allan o 10', outOfRange(5)], // 5 out of 10
    ['pump allan o ddeg', outOfRange(5)], // five out of ten
    ['allan o 6', notAScore], // out of 6, the scale alone
    ['dim syniad', notAScore], // no idea
    ['dim o gwbl', notAScore], // not at all: words, asked again
    ['yr un', notAScore], // the same / the one
    ["un o'r rheini", notAScore], // one of those
    ['4 neu 5', notAScore], // 4 or 5
    ['pedwar neu bump', notAScore], // four or five
    ['bump', notAScore], // English "bump"; a mutated five only after "o", "rhyw" or "tua"
    ['constructor bump', notAScore], // not a lookup on an object's own properties
  ])('%j → %j', (says, reading) => {
    expect(readScore(says, JOB)).toEqual(reading);
  });

  it('takes up to ten words with the number in them, not more', () => {
    expect(readScore('5 because I like the team there a lot really', JOB)).toEqual(score(5)); // 10 words
    expect(readScore('5 because I like the team there a lot really yes', JOB)).toEqual(notAScore);
  });
});

describe('readScore on the 1 to 5 general-confidence scale', () => {
  it.each<[says: string, reading: ScoreReading]>([
    ['1', score(1)],
    ['5', score(5)],
    ['3/5', score(3)],
    ['0', outOfRange(0)],
    ['6', outOfRange(6)],
    // "5/6" is given on another scale than this question's
    ['5/6', outOfRange(5)],
    // Welsh
    ['3 allan o 5', score(3)], // 3 out of 5
    ['dau allan o bump', score(2)], // two out of five
    ['pump allan o bump', score(5)], // five out of five
    ['dim', outOfRange(0)], // none
    ['5 allan o 6', outOfRange(5)],
  ])('%j → %j', (says, reading) => {
    expect(readScore(says, GENERAL)).toEqual(reading);
  });
});

/** Scales an instrument may use (instrumentProblem: whole numbers, at least three points, within 0 to 10). */
const scales = fc
  .tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 2, max: 10 }))
  .filter(([min, span]) => min + span <= 10)
  .map(([min, span]): Scale => ({ min, max: min + span }));

const scaleAndScore = scales.chain((scale) => fc.tuple(fc.constant(scale), fc.integer({ min: scale.min, max: scale.max })));

/** The ways of writing n as an answer on `scale` that must all read as n. */
function waysOfWriting(n: number, scale: Scale): string[] {
  const word = WORDS[n] as string;
  const ways = [
    String(n),
    `${n}/${scale.max}`,
    `${n} / ${scale.max}`,
    `${n} out of ${scale.max}`,
    `${n} of ${scale.max}`,
    word,
    word.toUpperCase(),
    `${word[0]?.toUpperCase()}${word.slice(1)}`,
    `${word} out of ${WORDS[scale.max]}`,
    `about a ${n}`,
    `${n} I think`,
    `I'd say ${n}`,
    `maybe ${word}`,
    `${n} thanks`,
  ];
  if (n <= 9) ways.push(`${n}\uFE0F\u20E3`);
  return ways;
}

const padding = fc.record({
  before: fc.constantFrom('', ' ', '  ', '\n', '\t'),
  after: fc.constantFrom('', ' ', '.', '!', '!!', ' x', ' :)', '\n'),
});

describe('readScore properties', () => {
  it('reads every in-range number, however it is written and padded, as that number', () => {
    fc.assert(
      fc.property(scaleAndScore, padding, ([scale, n], { before, after }) => {
        for (const way of waysOfWriting(n, scale)) {
          expect(readScore(`${before}${way}${after}`, scale), `${JSON.stringify(way)} on ${scale.min}-${scale.max}`).toEqual(score(n));
        }
      }),
    );
  });

  it('reads every in-range number written in Welsh, however padded, as that number', () => {
    fc.assert(
      fc.property(scaleAndScore, padding, ([scale, n], { before, after }) => {
        const word = WELSH[n] as string;
        const ways = [
          word,
          word.toUpperCase(),
          `${word} allan o ${WELSH_AFTER_O[scale.max]}`,
          `${n} allan o ${scale.max}`,
          `${n} allan o ${WELSH_AFTER_O[scale.max]}`,
          `tua ${WELSH_AFTER_TUA[n]}`,
          `falle ${word}`,
          `${word} diolch`,
          `dw i'n meddwl ${word}`,
        ];
        for (const way of ways) {
          expect(readScore(`${before}${way}${after}`, scale), `${JSON.stringify(way)} on ${scale.min}-${scale.max}`).toEqual(score(n));
        }
      }),
    );
  });

  it('reads every whole number off the scale as out of range, never as a score', () => {
    const offScale = scales.chain((scale) =>
      fc.tuple(fc.constant(scale), fc.oneof(fc.integer({ min: scale.max + 1, max: 1000 }), fc.integer({ min: 0, max: Math.max(0, scale.min - 1) }))),
    );
    fc.assert(
      fc.property(offScale, ([scale, n]) => {
        fc.pre(n < scale.min || n > scale.max);
        expect(readScore(String(n), scale)).toEqual(outOfRange(n));
      }),
    );
  });

  it('reads two numbers together as no single answer', () => {
    fc.assert(
      fc.property(scaleAndScore, fc.integer({ min: 0, max: 10 }), fc.constantFrom('-', ' or ', ' to ', ', ', ' and '), ([scale, a], b, joiner) => {
        expect(readScore(`${a}${joiner}${b}`, scale)).toEqual(notAScore);
      }),
    );
  });

  it('never throws on Welsh words, and a score is always on the scale', () => {
    const texts = fc.string({
      unit: fc.constantFrom(...WELSH, 'bump', 'ddeg', 'phump', 'allan', 'o', 'tua', 'rhyw', 'yr', 'ond', 'dim', '5', '/', ' ', "'", '’', 'ŵ'),
    });
    fc.assert(
      fc.property(texts, scales, (text, scale) => {
        const reading = readScore(text, scale);
        if (reading.kind === 'score') {
          expect(Number.isInteger(reading.score)).toBe(true);
          expect(reading.score).toBeGreaterThanOrEqual(scale.min);
          expect(reading.score).toBeLessThanOrEqual(scale.max);
        }
        if (reading.kind === 'out_of_range' && reading.value >= scale.min && reading.value <= scale.max) expect(text).toMatch(/\/|allan/u);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, and a score is always on the scale, whatever the text', () => {
    const texts = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('1', '5', '9', '/', ' ', 'of', 'out', 'five', '.', ',', '-', '\u20E3', '\uFE0F', 'one', 'no', 'the') }),
    );
    fc.assert(
      fc.property(texts, scales, (text, scale) => {
        const reading = readScore(text, scale);
        if (reading.kind === 'score') {
          expect(Number.isInteger(reading.score)).toBe(true);
          expect(reading.score).toBeGreaterThanOrEqual(scale.min);
          expect(reading.score).toBeLessThanOrEqual(scale.max);
        }
        // Out of range is a whole number off the scale, or one given on another scale ("5/10").
        if (reading.kind === 'out_of_range') {
          expect(Number.isInteger(reading.value)).toBe(true);
          if (reading.value >= scale.min && reading.value <= scale.max) expect(text).toMatch(/\/|of/u);
        }
      }),
      { numRuns: 500 },
    );
  });
});
