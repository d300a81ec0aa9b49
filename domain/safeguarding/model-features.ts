import { stemmer } from 'stemmer';
import type { ReadToken } from './token-reading.js';

/**
 * What the statistical second opinion (statistical-model.ts) sees of a text: the screen's own reading of it (normalised,
 * text-speak expanded, misspellings read as the vocabulary word), as sparse binary features hashed to a fixed size.
 * - `w:` each word as read, `s:` its stem, `b:` pairs of neighbouring stems;
 * - `c:` each concept the vocabulary recognises, `p:` two concepts within three words of each other (in either order);
 * - `g:` letter 3- to 5-grams of each word as written, for misspellings the vocabulary does not know.
 * Each feature remembers the tokens it came from, so a flag can quote the participant's words.
 */
export interface ModelFeature {
  bucket: number;
  /** The feature as text ("s:tablet", "c:KILL"): what the key worker sees, beside the participant's words. */
  name: string;
  start: number;
  end: number;
}

export const FEATURE_BITS = 16;
const BUCKETS = 1 << FEATURE_BITS;
const CONCEPT_WINDOW = 3;

/** FNV-1a, 32 bits: the same bucket for the same feature on every machine and run. */
export function bucketOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index++) {
    hash ^= name.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & (BUCKETS - 1);
}

const stems = new Map<string, string>();
function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (stems.size > 50_000) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/** The text's features, each once (the first place it occurs). */
export function modelFeatures(tokens: readonly ReadToken[]): ModelFeature[] {
  const features = new Map<string, ModelFeature>();
  const add = (name: string, start: number, end: number) => {
    if (!features.has(name)) features.set(name, { bucket: bucketOf(name), name, start, end });
  };
  add('bias', 0, 0);
  let previousWritten = '';
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const stem = stemOf(token.word);
    add(`w:${token.word}`, index, index + 1);
    add(`s:${stem}`, index, index + 1);
    if (index > 0) add(`b:${stemOf(tokens[index - 1]!.word)} ${stem}`, index - 1, index + 1);
    for (const concept of token.concepts) {
      add(`c:${concept}`, index, index + 1);
      for (let back = Math.max(0, index - CONCEPT_WINDOW); back < index; back++) {
        for (const other of tokens[back]!.concepts) {
          if (other !== concept) add(`p:${other < concept ? `${other} ${concept}` : `${concept} ${other}`}`, back, index + 1);
        }
      }
    }
    // Letter n-grams once per written word ("kms" reads as two tokens but was one word).
    if (token.written !== previousWritten) {
      const padded = ` ${token.written} `;
      for (let size = 3; size <= 5; size++) {
        for (let at = 0; at + size <= padded.length; at++) add(`g:${padded.slice(at, at + size)}`, index, index + 1);
      }
    }
    previousWritten = token.written;
  }
  return [...features.values()];
}
