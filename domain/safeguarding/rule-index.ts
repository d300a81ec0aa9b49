import type { Concept } from './vocabulary.js';
import { itemKeys, type MessageIndex, type PatternItem } from './token-pattern.js';
import { doubled } from './typed-arrays.js';

const ascending = (a: number, b: number) => a - b;

/** Every key (word or concept) of every index, numbered: a message's keys are looked up once for all the indexes. */
const keyIds = new Map<string, number>();
const keyId = (key: string) => keyIds.get(key) ?? keyIds.set(key, keyIds.size).get(key)!;

/** The key numbers of the last message looked at (the screen looks at one message with each of its indexes in turn). */
let lastIndex: MessageIndex | undefined;
let lastKeys: number[] = [];
let lastKeyCount = 0;

function keysOf(index: MessageIndex): number[] {
  if (index === lastIndex && keyIds.size === lastKeyCount) return lastKeys;
  const keys: number[] = [];
  for (const word of index.words) {
    const id = keyIds.get(word);
    if (id !== undefined) keys.push(id);
  }
  for (const concept of index.concepts) {
    const id = keyIds.get(concept);
    if (id !== undefined) keys.push(id);
  }
  lastIndex = index;
  lastKeys = keys;
  lastKeyCount = keyIds.size;
  return keys;
}

/** 1 at the number of each key of the message being looked at, else 0 (set and cleared by `candidates`). */
let present = new Uint8Array(1024);

/**
 * Which rules a text could meet at all: a rule is a candidate only when every one of its required items may match
 * (`itemMayMatch`: a word or concept of it, or all the words of one of its phrases, are in the text). Built once; each
 * text then costs one look-up per word and concept it holds, however many rules there are, and a phrase is looked at
 * only when its longest (and so usually rarest) word is there, and only for a rule each of whose items has a key in the
 * text (most rules lack one, so most phrases are never looked at). The per-text work runs over typed arrays kept from
 * text to text (the screen is synchronous).
 */
export class RuleIndex {
  /**
   * By key number, the items (numbered across all rules, a rule's items in a row) the key can satisfy, each item once,
   * as `item * 2 + 1` when the key is only the longest word of some of the item's phrases, else `item * 2`.
   */
  private readonly itemsByKey: (Int32Array | undefined)[] = [];
  /**
   * By key number and alongside `itemsByKey`: for a phrase's longest word, the item's phrases with it (the numbers of
   * their other words).
   */
  private readonly phrasesByKey: ((readonly Int32Array[])[] | undefined)[] = [];
  private readonly ruleOfItem: Int32Array;
  private readonly firstItem: Int32Array;
  private readonly itemsPerRule: Uint16Array;
  /** Per item: 0 no key, 1 only a phrase's longest word (the rest of the phrase not yet looked at), 2 it may match. */
  private readonly satisfied: Uint8Array;
  private readonly satisfiedCount: Uint16Array;
  /** The items satisfied by the current text, to clear after it. */
  private readonly touched: Int32Array;
  /**
   * Per item, the last of the current text's phrase keys met for it (-1 none): the key's number and its position in
   * `itemsByKey`, in `seenKey` and `seenPosition`, each linked to the one before it by `seenBefore`.
   */
  private readonly lastSeen: Int32Array;
  private seenKey = new Int32Array(256);
  private seenPosition = new Int32Array(256);
  private seenBefore = new Int32Array(256);

  constructor(rules: readonly (readonly PatternItem[])[]) {
    const ruleOfItem: number[] = [];
    const itemsByKey = new Map<number, number[]>();
    const phrasesByKey = new Map<number, Int32Array[][]>();
    this.itemsPerRule = new Uint16Array(rules.length);
    this.firstItem = new Int32Array(rules.length);
    rules.forEach((items, rule) => {
      this.itemsPerRule[rule] = items.length;
      this.firstItem[rule] = ruleOfItem.length;
      for (const item of items) {
        const id = ruleOfItem.length;
        ruleOfItem.push(rule);
        for (const key of new Set(itemKeys(item))) {
          const number = keyId(key);
          const ids = itemsByKey.get(number) ?? [];
          const phrases = phrasesByKey.get(number) ?? [];
          itemsByKey.set(number, ids);
          phrasesByKey.set(number, phrases);
          if (item.words.has(key) || item.concepts.includes(key as Concept)) {
            ids.push(id * 2);
            phrases.push([]);
          } else {
            // Words longest first, as `phraseWordsLongestFirst` orders them: the first is the key itself.
            ids.push(id * 2 + 1);
            const withKey = item.phraseWordsLongestFirst.filter((words) => words[0] === key);
            phrases.push(withKey.map((words) => Int32Array.from(words.slice(1), keyId)));
          }
        }
      }
    });
    // Filled in key order, so the arrays stay packed (set out of order, they would turn into slower dictionaries).
    for (let number = 0; number < keyIds.size; number++) {
      const ids = itemsByKey.get(number);
      this.itemsByKey.push(ids && Int32Array.from(ids));
      this.phrasesByKey.push(phrasesByKey.get(number));
    }
    this.ruleOfItem = Int32Array.from(ruleOfItem);
    this.satisfied = new Uint8Array(ruleOfItem.length);
    this.touched = new Int32Array(ruleOfItem.length);
    this.satisfiedCount = new Uint16Array(rules.length);
    this.lastSeen = new Int32Array(ruleOfItem.length).fill(-1);
  }

  /** The positions of the candidate rules, in rule order: those whose every required item may match. */
  candidates(index: MessageIndex): number[] {
    const { itemsByKey, phrasesByKey, touched, satisfied, satisfiedCount, ruleOfItem, firstItem, itemsPerRule, lastSeen } = this;
    const found: number[] = [];
    let touchedCount = 0;
    let seenCount = 0;
    const keys = keysOf(index);
    // Each item a key may satisfy; a rule is found when each of its items has a key. A key that is only a phrase's
    // longest word is noted against the item, for the rest of its phrases to be looked for below.
    for (const key of keys) {
      const ids = itemsByKey[key];
      if (!ids) continue;
      for (let position = 0; position < ids.length; position++) {
        const entry: number = ids[position]!;
        const id: number = entry >> 1;
        const was = satisfied[id]!;
        if (was === 2) continue;
        if (entry & 1) {
          if (seenCount === this.seenKey.length) this.growSeen();
          this.seenKey[seenCount] = key;
          this.seenPosition[seenCount] = position;
          this.seenBefore[seenCount] = lastSeen[id]!;
          lastSeen[id] = seenCount++;
          satisfied[id] = 1;
        } else {
          satisfied[id] = 2;
        }
        if (was !== 0) continue;
        touched[touchedCount++] = id;
        const rule = ruleOfItem[id]!;
        if (++satisfiedCount[rule]! === itemsPerRule[rule]) found.push(rule);
      }
    }
    // A rule each of whose items had a key, but some only a phrase's longest word: the rest of one of those phrases
    // must be there too.
    let kept = 0;
    if (found.length > 0) {
      if (present.length < keyIds.size) present = new Uint8Array(keyIds.size * 2);
      for (const key of keys) present[key] = 1;
      const { seenKey, seenPosition, seenBefore } = this;
      for (const rule of found) {
        let all = true;
        for (let id = firstItem[rule]!, last = id + itemsPerRule[rule]!; all && id < last; id++) {
          if (satisfied[id] === 2) continue;
          all = false;
          for (let seen = lastSeen[id]!; !all && seen >= 0; seen = seenBefore[seen]!) all = someRestIn(phrasesByKey[seenKey[seen]!]![seenPosition[seen]!]!);
        }
        if (all) found[kept++] = rule;
      }
      for (const key of keys) present[key] = 0;
    }
    found.length = kept;
    for (let position = 0; position < touchedCount; position++) {
      const id = touched[position]!;
      satisfied[id] = 0;
      lastSeen[id] = -1;
      satisfiedCount[ruleOfItem[id]!] = 0;
    }
    return found.length > 1 ? found.sort(ascending) : found;
  }

  private growSeen(): void {
    this.seenKey = doubled(this.seenKey);
    this.seenPosition = doubled(this.seenPosition);
    this.seenBefore = doubled(this.seenBefore);
  }
}

/** Whether every word of one of the phrases (the rest of each, its longest word already seen) is in the message. */
function someRestIn(phrases: readonly Int32Array[]): boolean {
  for (const rest of phrases) {
    let all = true;
    for (let position = 0; all && position < rest.length; position++) if (present[rest[position]!] !== 1) all = false;
    if (all) return true;
  }
  return false;
}
