import type { ReadToken } from './token-reading.js';

/** What the participant wrote for tokens start..end, once per written word ("kms", not "kill myself"). */
export function writtenWords(tokens: readonly ReadToken[], start: number, end: number): string {
  const words: string[] = [];
  for (let index = start; index < end; index++) {
    const token = tokens[index]!;
    if (index > start && tokens[index - 1]!.written === token.written && tokens[index - 1]!.word !== token.word) continue;
    words.push(token.written);
  }
  return words.join(' ');
}
