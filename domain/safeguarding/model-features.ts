import { stemmer } from 'stemmer';
import type { ReadToken } from './token-reading.js';
import { doubled } from './typed-arrays.js';

/**
 * What the statistical second opinion (statistical-model.ts) sees of a text: the screen's own reading of it (normalised,
 * text-speak expanded, misspellings read as the vocabulary word), as sparse binary features hashed to a fixed size.
 * - `w:` each word as read, `s:` its stem, `b:` pairs of neighbouring stems, `t:` runs of three stems, `k:` two stems
 *   with one word between them (what stays when a word in the middle changes: "i can't take/stand/do this");
 * - `c:` each concept the vocabulary recognises, `p:` two concepts within three words of each other (in either order);
 * - `g:` letter 3- to 5-grams of each word as written, for misspellings the vocabulary does not know, and `x:` letter
 *   4- and 5-grams across the space between two written words ("kil lmy", "to end"), for words run together or split.
 * Each feature keeps the tokens it came from (start..end), so a flag can quote the participant's words, and whether it
 * is a letter gram (`g:`, `x:`), which the second risk model does not read. A feature counts once per text (the first
 * place it occurs); two features that hash alike count once.
 */
export interface ModelFeatures {
  buckets: number[];
  starts: number[];
  ends: number[];
  /** Whether each feature is a letter gram (`g:` or `x:`): the second risk model reads only the others. */
  letterGrams: boolean[];
}

export const FEATURE_BITS = 18;
const BUCKETS = 1 << FEATURE_BITS;
const CONCEPT_WINDOW = 3;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 0x20;

/** FNV-1a, 32 bits, continued from `hash`: the same bucket for the same feature on every machine and run. */
function fnv(text: string, hash = FNV_OFFSET): number {
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash;
}

const toBucket = (hash: number) => (hash >>> 0) & (BUCKETS - 1);
export const bucketOf = (name: string) => toBucket(fnv(name));

interface WordParts {
  word: number;
  stem: number;
  /** The hash of `b:<stem> `, for a pair that starts with this word. */
  pairPrefix: number;
  /** The hash of `t:<stem> `, for a run of three stems that starts with this word. */
  runPrefix: number;
  /** The hash of `k:<stem> `, for a pair over one word that starts with this word. */
  skipPrefix: number;
  stemText: string;
}

function partsOf(word: string): WordParts {
  const stem = stemmer(word);
  return {
    word: bucketOf(`w:${word}`),
    stem: bucketOf(`s:${stem}`),
    pairPrefix: fnv(`b:${stem} `),
    runPrefix: fnv(`t:${stem} `),
    skipPrefix: fnv(`k:${stem} `),
    stemText: stem,
  };
}

/**
 * What the features take from one word, worked out when first needed: its parts as a word read, and its letter grams
 * as a word written. Most tokens are read as written, so one look-up finds both.
 */
interface WordFeatures {
  parts?: WordParts;
  grams?: Int32Array;
}

const CACHE_LIMIT = 50_000;
const wordFeatures = new Map<string, WordFeatures>();

function featuresOf(word: string): WordFeatures {
  let found = wordFeatures.get(word);
  if (!found) {
    if (wordFeatures.size >= CACHE_LIMIT) wordFeatures.clear();
    wordFeatures.set(word, (found = {}));
  }
  return found;
}

const partsIn = (found: WordFeatures, word: string) => (found.parts ??= partsOf(word));

// Concepts are a fixed set, so their buckets and their pairs' are kept once worked out (no string built per text).
const conceptBuckets = new Map<string, number>();
const conceptPairBuckets = new Map<string, Map<string, number>>();

function conceptBucket(concept: string): number {
  let bucket = conceptBuckets.get(concept);
  if (bucket === undefined) conceptBuckets.set(concept, (bucket = bucketOf(`c:${concept}`)));
  return bucket;
}

/** The bucket of `p:<a> <b>` with the two concepts in alphabetical order. */
function conceptPairBucket(one: string, other: string): number {
  const first = one < other ? one : other;
  const second = one < other ? other : one;
  let pairs = conceptPairBuckets.get(first);
  if (!pairs) conceptPairBuckets.set(first, (pairs = new Map()));
  let bucket = pairs.get(second);
  if (bucket === undefined) pairs.set(second, (bucket = bucketOf(`p:${first} ${second}`)));
  return bucket;
}

/** The hash of `g:`, continued over each letter n-gram of ` <written> ` in place (no padded string or slices). */
const GRAM_PREFIX = fnv('g:');
const CROSS_PREFIX = fnv('x:');

/**
 * A text's features, in the order they first occur, in buffers reused from text to text (the screen is synchronous):
 * the second opinion runs on most inbound texts and mostly declines, so finding that out allocates nothing.
 */
export class FeatureBuffer {
  buckets = new Int32Array(256);
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  /** 1 where the feature is a letter gram (`g:` or `x:`), else 0. */
  letterGrams = new Uint8Array(256);
  length = 0;

  add(bucket: number, start: number, end: number, letterGram = 0): void {
    if (!taken.insert(bucket)) return;
    if (this.length === this.buckets.length) this.grow();
    this.buckets[this.length] = bucket;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.letterGrams[this.length] = letterGram;
    this.length++;
  }

  private grow(): void {
    this.buckets = doubled(this.buckets);
    this.starts = doubled(this.starts);
    this.ends = doubled(this.ends);
    this.letterGrams = doubled(this.letterGrams);
  }
}

const BIAS = bucketOf('bias');
/**
 * The buckets already taken by this text, a bit each: 32 kB the processor keeps close (a byte or more per bucket would
 * be fetched from memory a bucket at a time), and a bit is tested and set with no hashing or probing. Starting a text
 * clears only the words holding the last text's bits.
 */
class TakenBits {
  private readonly bits = new Int32Array(BUCKETS >>> 5);

  /** Starts a new text: `previous` are the last text's buckets. */
  clear(previous: Int32Array, count: number): void {
    for (let position = 0; position < count; position++) this.bits[previous[position]! >>> 5] = 0;
  }

  /** Adds the bucket; false when this text already has it. */
  insert(bucket: number): boolean {
    const word = bucket >>> 5;
    const bit = 1 << (bucket & 31);
    const bits = this.bits[word]!;
    if (bits & bit) return false;
    this.bits[word] = bits | bit;
    return true;
  }
}

const taken = new TakenBits();
const shared = new FeatureBuffer();

/** The letter at `position` of ` <written> `. */
const paddedCode = (written: string, position: number) => (position === 0 || position > written.length ? SPACE : written.charCodeAt(position - 1));

/** Hashes of the 3-, 4- and 5-grams starting at each position of ` <written> `, a row each (reused). */
let gramHashes = new Int32Array(3 * 32);

/** Longer words (rare, or a wall of letters) keep no letter grams: the cache's size stays bounded by words, not characters. */
const CACHED_WORD_LENGTH = 40;

/** The buckets of the letter 3- to 5-grams of ` <written> `, shortest first, left to right. */
function gramBucketsOf(written: string): Int32Array {
  const padded = written.length + 2;
  if (gramHashes.length < 3 * padded) gramHashes = new Int32Array(6 * padded);
  // FNV runs left to right, so a 4-gram's hash continues its 3-gram's and a 5-gram's its 4-gram's.
  for (let at = 0; at + 3 <= padded; at++) {
    let hash = Math.imul(GRAM_PREFIX ^ paddedCode(written, at), FNV_PRIME);
    hash = Math.imul(hash ^ paddedCode(written, at + 1), FNV_PRIME);
    hash = Math.imul(hash ^ paddedCode(written, at + 2), FNV_PRIME);
    gramHashes[at] = hash;
    if (at + 4 > padded) continue;
    hash = Math.imul(hash ^ paddedCode(written, at + 3), FNV_PRIME);
    gramHashes[padded + at] = hash;
    if (at + 5 > padded) continue;
    gramHashes[2 * padded + at] = Math.imul(hash ^ paddedCode(written, at + 4), FNV_PRIME);
  }
  const buckets = new Int32Array(Math.max(0, padded - 2) + Math.max(0, padded - 3) + Math.max(0, padded - 4));
  let count = 0;
  for (let size = 3; size <= 5; size++) {
    const row = (size - 3) * padded;
    for (let at = 0; at + size <= padded; at++) buckets[count++] = toBucket(gramHashes[row + at]!);
  }
  return buckets;
}

/** Letter 3- to 5-grams of ` <written> `, shortest first, left to right: a word seen before costs no hashing. */
function addLetterGrams(features: FeatureBuffer, found: WordFeatures, written: string, index: number): void {
  let buckets = found.grams;
  if (!buckets) {
    buckets = gramBucketsOf(written);
    if (written.length <= CACHED_WORD_LENGTH) found.grams = buckets;
  }
  for (let position = 0; position < buckets.length; position++) features.add(buckets[position]!, index, index + 1, 1);
}

/** The letters round the space between two written words (reused). */
const crossCodes = new Int32Array(7);

/**
 * Letter 4- and 5-grams of `<last 3 letters of before> <first 3 letters of after>` that hold the space and a letter
 * either side of it, left to right, the 4-grams first.
 */
function addCrossGrams(features: FeatureBuffer, before: string, after: string, index: number): void {
  const left = Math.min(3, before.length);
  const right = Math.min(3, after.length);
  for (let position = 0; position < left; position++) crossCodes[position] = before.charCodeAt(before.length - left + position);
  crossCodes[left] = SPACE;
  for (let position = 0; position < right; position++) crossCodes[left + 1 + position] = after.charCodeAt(position);
  const length = left + 1 + right;
  for (let size = 4; size <= 5; size++) {
    for (let at = Math.max(0, left - size + 2); at <= left - 1 && at + size <= length; at++) {
      let hash = CROSS_PREFIX;
      for (let position = at; position < at + size; position++) hash = Math.imul(hash ^ crossCodes[position]!, FNV_PRIME);
      features.add(toBucket(hash), index - 1, index + 1, 1);
    }
  }
}

/** The text's features, each once, in the shared buffer (valid until the next call). */
export function collectFeatures(tokens: readonly ReadToken[]): FeatureBuffer {
  const features = shared;
  taken.clear(features.buckets, features.length);
  features.length = 0;
  features.add(BIAS, 0, 0);
  let previous: WordParts | undefined;
  let beforePrevious: WordParts | undefined;
  let previousWritten = '';
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const written = featuresOf(token.written);
    const parts = token.word === token.written ? partsIn(written, token.word) : partsIn(featuresOf(token.word), token.word);
    features.add(parts.word, index, index + 1);
    features.add(parts.stem, index, index + 1);
    if (previous) features.add(toBucket(fnv(parts.stemText, previous.pairPrefix)), index - 1, index + 1);
    if (beforePrevious) {
      const run = fnv(parts.stemText, Math.imul(fnv(previous!.stemText, beforePrevious.runPrefix) ^ SPACE, FNV_PRIME));
      features.add(toBucket(run), index - 2, index + 1);
      features.add(toBucket(fnv(parts.stemText, beforePrevious.skipPrefix)), index - 2, index + 1);
    }
    if (token.concepts.size > 0) {
      for (const concept of token.concepts) {
        features.add(conceptBucket(concept), index, index + 1);
        for (let back = Math.max(0, index - CONCEPT_WINDOW); back < index; back++) {
          const others = tokens[back]!.concepts;
          if (others.size === 0) continue;
          for (const other of others) if (other !== concept) features.add(conceptPairBucket(other, concept), back, index + 1);
        }
      }
    }
    // Letter n-grams once per written word ("kms" reads as two tokens but was one word).
    if (token.written !== previousWritten) {
      addLetterGrams(features, written, token.written, index);
      if (index > 0) addCrossGrams(features, previousWritten, token.written, index);
    }
    beforePrevious = previous;
    previous = parts;
    previousWritten = token.written;
  }
  return features;
}

/** The text's features, each once, as arrays of their own (for training and experiments). */
export function modelFeatures(tokens: readonly ReadToken[]): ModelFeatures {
  const features = collectFeatures(tokens);
  return {
    buckets: Array.from(features.buckets.subarray(0, features.length)),
    starts: Array.from(features.starts.subarray(0, features.length)),
    ends: Array.from(features.ends.subarray(0, features.length)),
    letterGrams: Array.from(features.letterGrams.subarray(0, features.length), (gram) => gram === 1),
  };
}
