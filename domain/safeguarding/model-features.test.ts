import fc from 'fast-check';
import { stemmer } from 'stemmer';
import { describe, expect, it } from 'vitest';
import { bucketOf, modelFeatures, type ModelFeatures } from './model-features.js';
import { MIN_WORDS_FOR_MODEL, wordsWritten, writesAtLeast } from './statistical-model.js';
import { readTokens, type ReadToken } from './token-reading.js';

/** The features as README describes them, each built as its string and hashed: what the trained weights index. */
function featuresAsNamed(tokens: readonly ReadToken[]): ModelFeatures {
  const features: ModelFeatures = { buckets: [], starts: [], ends: [], letterGrams: [] };
  const add = (name: string, start: number, end: number) => {
    const bucket = bucketOf(name);
    if (features.buckets.includes(bucket)) return;
    features.buckets.push(bucket);
    features.starts.push(start);
    features.ends.push(end);
    features.letterGrams.push(name.startsWith('g:') || name.startsWith('x:'));
  };
  add('bias', 0, 0);
  tokens.forEach((token, index) => {
    add(`w:${token.word}`, index, index + 1);
    add(`s:${stemmer(token.word)}`, index, index + 1);
    if (index > 0) add(`b:${stemmer(tokens[index - 1]!.word)} ${stemmer(token.word)}`, index - 1, index + 1);
    if (index > 1) {
      const [first, middle] = [stemmer(tokens[index - 2]!.word), stemmer(tokens[index - 1]!.word)];
      add(`t:${first} ${middle} ${stemmer(token.word)}`, index - 2, index + 1);
      add(`k:${first} ${stemmer(token.word)}`, index - 2, index + 1);
    }
    for (const concept of token.concepts) {
      add(`c:${concept}`, index, index + 1);
      for (let back = Math.max(0, index - 3); back < index; back++) {
        for (const other of tokens[back]!.concepts) {
          if (other !== concept) add(`p:${[other, concept].sort().join(' ')}`, back, index + 1);
        }
      }
    }
    if (index === 0 || tokens[index - 1]!.written !== token.written) {
      const padded = ` ${token.written} `;
      for (let size = 3; size <= 5; size++) {
        for (let at = 0; at + size <= padded.length; at++) add(`g:${padded.slice(at, at + size)}`, index, index + 1);
      }
      if (index > 0) {
        // The space between two written words, with one to three letters of each round it.
        const [before, after] = [tokens[index - 1]!.written.slice(-3), token.written.slice(0, 3)];
        const joined = `${before} ${after}`;
        for (let size = 4; size <= 5; size++) {
          for (let at = 0; at + size <= joined.length; at++) {
            if (at < before.length && at + size > before.length + 1) add(`x:${joined.slice(at, at + size)}`, index - 1, index + 1);
          }
        }
      }
    }
  });
  return features;
}

/** The features are computed in reused buffers with hashes continued in place; they must stay the ones trained on. */
describe('the statistical model\'s features', () => {
  it.each([
    'hiya sorry its sam, cant make tuesday at 10 cos my bus got cancelled again n im skint till friday',
    'my bf takes all my money and checks my phone and he choked me last nite',
    'kms', 'i', 'a aa aaa aaaa aaaaaa', '', 'been saving up my tablets, goodbye everyone',
    `${'x'.repeat(300)} pneumonoultramicroscopicsilicovolcanoconiosis`,
  ])('are the named features of %j, in the same order', (text) => {
    const tokens = readTokens(text);
    expect(modelFeatures(tokens)).toEqual(featuresAsNamed(tokens));
  });

  it('are the named features of any text, and the six-word gate counts as a Set would', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('he', 'hit', 'me', 'kms', 'x1', 'tablets', 'bus', 'tuesday', 'wn', 'i', 'ddim', 'oed', '14', 'sooo'), { maxLength: 40 }), (words) => {
        const tokens = readTokens(words.join(' '));
        expect(modelFeatures(tokens)).toEqual(featuresAsNamed(tokens));
        expect(writesAtLeast(tokens, MIN_WORDS_FOR_MODEL)).toBe(wordsWritten(tokens) >= MIN_WORDS_FOR_MODEL);
      }),
      { numRuns: 200 },
    );
  });
});
