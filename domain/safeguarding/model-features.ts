import { stemmer } from 'stemmer';
import type { ReadToken } from './token-reading.js';

/**
 * What the statistical second opinion (statistical-model.ts) sees of a text: the screen's own reading of it (normalised,
 * text-speak expanded, misspellings read as the vocabulary word), as sparse binary features hashed to a fixed size.
 * - `w:` each word as read, `s:` its stem, `b:` pairs of neighbouring stems;
 * - `c:` each concept the vocabulary recognises, `p:` two concepts within three words of each other (in either order);
 * - `g:` letter 3- to 5-grams of each word as written, for misspellings the vocabulary does not know.
 * Each feature keeps the tokens it came from (start..end), so a flag can quote the participant's words. A feature
 * counts once per text (the first place it occurs); two features that hash alike count once.
 */
export interface ModelFeatures {
  buckets: number[];
  starts: number[];
  ends: number[];
}

export const FEATURE_BITS = 16;
const BUCKETS = 1 << FEATURE_BITS;
const CONCEPT_WINDOW = 3;
const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32 bits, continued from `hash`: the same bucket for the same feature on every machine and run. */
function fnv(text: string, hash = FNV_OFFSET): number {
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

export const bucketOf = (name: string) => (fnv(name) >>> 0) & (BUCKETS - 1);

interface WordParts {
  word: number;
  stem: number;
  /** The hash of `b:<stem> `, for a pair that starts with this word. */
  pairPrefix: number;
  stemText: string;
}

const CACHE_LIMIT = 50_000;
const wordParts = new Map<string, WordParts>();
const letterGrams = new Map<string, Uint32Array>();

function partsOf(word: string): WordParts {
  let parts = wordParts.get(word);
  if (!parts) {
    const stem = stemmer(word);
    parts = { word: bucketOf(`w:${word}`), stem: bucketOf(`s:${stem}`), pairPrefix: fnv(`b:${stem} `), stemText: stem };
    if (wordParts.size >= CACHE_LIMIT) wordParts.clear();
    wordParts.set(word, parts);
  }
  return parts;
}

function gramsOf(written: string): Uint32Array {
  let grams = letterGrams.get(written);
  if (!grams) {
    const padded = ` ${written} `;
    const found: number[] = [];
    for (let size = 3; size <= 5; size++) {
      for (let at = 0; at + size <= padded.length; at++) found.push(bucketOf(`g:${padded.slice(at, at + size)}`));
    }
    grams = Uint32Array.from(found);
    if (letterGrams.size >= CACHE_LIMIT) letterGrams.clear();
    letterGrams.set(written, grams);
  }
  return grams;
}

const BIAS = bucketOf('bias');
/** Buckets already taken by this text (cleared after each text: the screen is synchronous). */
const seen = new Uint8Array(BUCKETS);

/** The text's features, each once. */
export function modelFeatures(tokens: readonly ReadToken[]): ModelFeatures {
  const features: ModelFeatures = { buckets: [], starts: [], ends: [] };
  const add = (bucket: number, start: number, end: number) => {
    if (seen[bucket]) return;
    seen[bucket] = 1;
    features.buckets.push(bucket);
    features.starts.push(start);
    features.ends.push(end);
  };
  add(BIAS, 0, 0);
  let previous: WordParts | undefined;
  let previousWritten = '';
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const parts = partsOf(token.word);
    add(parts.word, index, index + 1);
    add(parts.stem, index, index + 1);
    if (previous) add((fnv(parts.stemText, previous.pairPrefix) >>> 0) & (BUCKETS - 1), index - 1, index + 1);
    for (const concept of token.concepts) {
      add(bucketOf(`c:${concept}`), index, index + 1);
      for (let back = Math.max(0, index - CONCEPT_WINDOW); back < index; back++) {
        for (const other of tokens[back]!.concepts) {
          if (other !== concept) add(bucketOf(`p:${other < concept ? `${other} ${concept}` : `${concept} ${other}`}`), back, index + 1);
        }
      }
    }
    // Letter n-grams once per written word ("kms" reads as two tokens but was one word).
    if (token.written !== previousWritten) for (const gram of gramsOf(token.written)) add(gram, index, index + 1);
    previous = parts;
    previousWritten = token.written;
  }
  for (const bucket of features.buckets) seen[bucket] = 0;
  return features;
}
