import type { ReadToken } from './token-reading.js';
import { doubled } from './typed-arrays.js';
import { VOCABULARY, type Concept } from './vocabulary.js';

/**
 * A small pattern language over read tokens, so that rules say what they mean and cannot backtrack without bound:
 * - `KILL` a concept (upper case), `end` a word (lower case) or `on_purpose` words in a row; `KILL|end` either;
 * - `~3` up to three other words may come before the next item;
 * - a trailing `?` makes an item optional.
 * "WANT ~2 KILL MYSELF" matches "want to kill myself", "wanna kms", "going to just kill myself".
 */
interface Step {
  concepts: Concept[];
  words: ReadonlySet<string>;
  phrases: string[][];
  /** The phrases by their first word, so a token is compared only with the phrases it could begin. */
  phrasesByFirst: ReadonlyMap<string, string[][]>;
  /** Each phrase's words, longest (and so usually rarest) first: to tell soonest that a message lacks one. */
  phraseWordsLongestFirst: string[][];
  /** The key numbers (`keyId`) of its concepts and words. */
  directKeys: Int32Array;
  /** The key numbers of each phrase's words, longest word first. */
  phraseKeys: Int32Array[];
  gapBefore: number;
  optional: boolean;
}

export interface TokenPattern {
  source: string;
  steps: Step[];
}

export interface PatternMatch {
  start: number;
  /** One past the last matched token. */
  end: number;
  /** The tokens the steps matched (not the words skipped between them). */
  matched: number[];
}

const MAX_GAP = 12;

export function compilePattern(source: string): TokenPattern {
  const steps: Step[] = [];
  let gap = 0;
  for (const item of source.trim().split(/\s+/)) {
    const gapMatch = /^~(\d{1,2})$/.exec(item);
    if (gapMatch) {
      gap = Math.min(Number(gapMatch[1]), MAX_GAP);
      continue;
    }
    const optional = item.endsWith('?');
    const concepts: Concept[] = [];
    const words: string[] = [];
    const phrases: string[][] = [];
    for (const alternative of (optional ? item.slice(0, -1) : item).split('|')) {
      if (alternative === alternative.toUpperCase() && /[A-Z]/.test(alternative)) {
        if (!(alternative in VOCABULARY)) throw new Error(`Unknown concept ${alternative} in pattern "${source}"`);
        concepts.push(alternative as Concept);
      } else if (alternative.includes('_')) {
        phrases.push(alternative.split('_'));
      } else {
        words.push(alternative);
      }
    }
    const phrasesByFirst = new Map<string, string[][]>();
    for (const phrase of phrases) phrasesByFirst.set(phrase[0]!, [...(phrasesByFirst.get(phrase[0]!) ?? []), phrase]);
    const phraseWordsLongestFirst = phrases.map((phrase) => [...phrase].sort((a, b) => b.length - a.length));
    const directKeys = Int32Array.from([...concepts, ...words], keyId);
    const phraseKeys = phraseWordsLongestFirst.map((phrase) => Int32Array.from(phrase, keyId));
    steps.push({ concepts, words: new Set(words), phrases, phrasesByFirst, phraseWordsLongestFirst, directKeys, phraseKeys, gapBefore: gap, optional });
    gap = 0;
  }
  if (steps.length === 0 || steps[0]!.optional) throw new Error(`Pattern "${source}" must start with a required item`);
  return { source, steps };
}

const NO_PHRASES: readonly string[][] = [];

/** How many tokens from `at` the step matches: 0 when it does not. */
function fitLength(step: Step, tokens: readonly ReadToken[], at: number): number {
  const token = tokens[at];
  if (!token) return 0;
  // Most tokens carry no concept and stand as written: nothing to look up twice, or in an empty set.
  const writtenOtherwise = token.written !== token.word;
  if (step.words.size !== 0 && (step.words.has(token.word) || (writtenOtherwise && step.words.has(token.written)))) return 1;
  if (token.concepts.size !== 0) for (const concept of step.concepts) if (token.concepts.has(concept)) return 1;
  if (step.phrasesByFirst.size === 0) return 0;
  for (const phrase of step.phrasesByFirst.get(token.word) ?? NO_PHRASES) if (phraseFits(phrase, tokens, at)) return phrase.length;
  if (writtenOtherwise) {
    for (const phrase of step.phrasesByFirst.get(token.written) ?? NO_PHRASES) if (phraseFits(phrase, tokens, at)) return phrase.length;
  }
  return 0;
}

function phraseFits(phrase: readonly string[], tokens: readonly ReadToken[], at: number): boolean {
  for (let offset = 0; offset < phrase.length; offset++) {
    const token = tokens[at + offset];
    if (!token || (token.word !== phrase[offset] && token.written !== phrase[offset])) return false;
  }
  return true;
}

/** Every word and concept an item names, numbered: a message's are looked up once for every item and rule index. */
const keyIds = new Map<string, number>();

/** The number of a word or concept (numbered on first sight). */
export function keyId(key: string): number {
  let id = keyIds.get(key);
  if (id === undefined) keyIds.set(key, (id = keyIds.size));
  return id;
}

/** How many keys are numbered so far. */
export const keyCount = () => keyIds.size;

/**
 * The words and concepts of one message that items name, to skip at once the rules and items that cannot match it:
 * their key numbers, each once. Whether the message holds a key is told by a table shared from message to message
 * (`markedKeys`), and its keys are listed in an array shared too (`keysOf`), so indexing a message allocates no Set
 * and no list; they hold one message's keys at a time.
 */
export interface MessageIndex {
  readonly tokens: readonly ReadToken[];
  /** How many keys were numbered when its keys were worked out: an item compiled since may name a word of the message. */
  numbered: number;
}

/** The key numbers of the message marked last, each once: the first `count` of `list`. */
export interface MessageKeys {
  readonly list: Int32Array;
  readonly count: number;
}

/**
 * 1 at the number of each key of the message marked last (`marked`), else 0: a byte a key, so the table stays in the
 * processor's nearest cache while the rules look their items up in it.
 */
let marks = new Uint8Array(1024);
let marked: MessageIndex | undefined;
const markedList: { list: Int32Array; count: number } = { list: new Int32Array(256), count: 0 };

function mark(key: string): void {
  const id = keyIds.get(key);
  if (id === undefined || marks[id] === 1) return;
  marks[id] = 1;
  if (markedList.count === markedList.list.length) markedList.list = doubled(markedList.list);
  markedList.list[markedList.count++] = id;
}

/** Clears the last message's keys from `marks`, and marks and lists this message's. */
function markKeys(index: MessageIndex): void {
  const { list, count } = markedList;
  for (let position = 0; position < count; position++) marks[list[position]!] = 0;
  markedList.count = 0;
  if (marks.length < keyIds.size) marks = new Uint8Array(keyIds.size * 2);
  marked = index;
  index.numbered = keyIds.size;
  for (const token of index.tokens) {
    mark(token.word);
    if (token.written !== token.word) mark(token.written);
    if (token.concepts.size > 0) for (const concept of token.concepts) mark(concept);
  }
}

export function indexMessage(tokens: readonly ReadToken[]): MessageIndex {
  const index: MessageIndex = { tokens, numbered: 0 };
  markKeys(index);
  return index;
}

/**
 * The message's key numbers, each once (marked again if another message was marked since, or keys were numbered),
 * until another message is marked.
 */
export function keysOf(index: MessageIndex): MessageKeys {
  if (index !== marked || index.numbered !== keyIds.size) markKeys(index);
  return markedList;
}

/** The table in which `marks[key] === 1` says that the message holds the key. */
export function markedKeys(index: MessageIndex): Uint8Array {
  if (index !== marked || index.numbered !== keyIds.size) markKeys(index);
  return marks;
}

/** Whether the message holds one of the item's concepts or words. */
function someDirectKeyIn(item: PatternItem, index: MessageIndex): boolean {
  const present = markedKeys(index);
  const keys = item.directKeys;
  for (let position = 0; position < keys.length; position++) if (present[keys[position]!] === 1) return true;
  return false;
}

/** Whether all the words of one of the item's phrases are in the message. */
function somePhraseIn(item: PatternItem, index: MessageIndex): boolean {
  const present = markedKeys(index);
  for (const phrase of item.phraseKeys) if (allIn(phrase, present)) return true;
  return false;
}

function allIn(phrase: Int32Array, present: Uint8Array): boolean {
  for (let position = 0; position < phrase.length; position++) if (present[phrase[position]!] !== 1) return false;
  return true;
}

/** The words and concepts that could make the item match: a rule is looked at only when its message holds one. */
export function itemKeys(item: PatternItem): string[] {
  // A phrase can match only where its longest (and so usually rarest) word is: "not_free" is looked for by "free".
  return [...item.concepts, ...item.words, ...item.phraseWordsLongestFirst.map((words) => words[0]!)];
}

/** Whether the item matches somewhere in the message. */
export function itemFitsAnywhere(item: PatternItem, tokens: readonly ReadToken[], index: MessageIndex): boolean {
  // A word or concept of it in the message matches where it stands; a phrase must be found in order.
  if (someDirectKeyIn(item, index)) return true;
  if (!somePhraseIn(item, index)) return false;
  for (let at = 0; at < tokens.length; at++) if (fitLength(item, tokens, at) > 0) return true;
  return false;
}

/** Every match of the pattern, at most one per starting token. Work is bounded by tokens × the product of gaps. */
export function findMatches(pattern: TokenPattern, tokens: readonly ReadToken[]): PatternMatch[] {
  const matches: PatternMatch[] = [];
  const [first, ...rest] = pattern.steps;
  for (let start = 0; start < tokens.length; start++) {
    const length = fitLength(first!, tokens, start);
    if (length === 0) continue;
    const matched = [start];
    const end = matchFrom(rest, 0, tokens, start + length, matched);
    if (end !== undefined) matches.push({ start, end, matched: [...matched] });
  }
  return matches;
}

function matchFrom(steps: readonly Step[], index: number, tokens: readonly ReadToken[], position: number, matched: number[]): number | undefined {
  if (index === steps.length) return position;
  const step = steps[index]!;
  const last = Math.min(tokens.length - 1, position + step.gapBefore);
  for (let at = position; at <= last; at++) {
    const length = fitLength(step, tokens, at);
    if (length === 0) continue;
    matched.push(at);
    const end = matchFrom(steps, index + 1, tokens, at + length, matched);
    if (end !== undefined) return end;
    matched.pop();
  }
  return step.optional ? matchFrom(steps, index + 1, tokens, position, matched) : undefined;
}

export type PatternItem = Step;

/** One item, such as `laughing|lol|FEAR|on_purpose`, for checks around a match. */
export function compileItem(item: string): PatternItem {
  const { steps } = compilePattern(item);
  if (steps.length !== 1) throw new Error(`"${item}" must be one item (join words in a row with _)`);
  return steps[0]!;
}

/** Whether the item matches the tokens from `at`. */
export function itemFitsAt(item: PatternItem, tokens: readonly ReadToken[], at: number): boolean {
  return at >= 0 && fitLength(item, tokens, at) > 0;
}
