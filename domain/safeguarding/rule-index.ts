import type { Concept } from './vocabulary.js';
import { itemKeys, type MessageIndex, type PatternItem } from './token-pattern.js';

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
  /** By item: its phrases, each as the numbers of its words, longest first. */
  private readonly phrasesOfItem: (readonly Int32Array[])[];
  private readonly ruleOfItem: Int32Array;
  private readonly firstItem: Int32Array;
  private readonly itemsPerRule: Uint16Array;
  /** Per item: 0 no key, 1 only a phrase's longest word (the rest of the phrase not yet looked at), 2 it may match. */
  private readonly satisfied: Uint8Array;
  private readonly satisfiedCount: Uint16Array;
  /** The items satisfied by the current text, to clear after it. */
  private readonly touched: Int32Array;

  constructor(rules: readonly (readonly PatternItem[])[]) {
    const ruleOfItem: number[] = [];
    const itemsByKey = new Map<number, number[]>();
    this.phrasesOfItem = [];
    this.itemsPerRule = new Uint16Array(rules.length);
    this.firstItem = new Int32Array(rules.length);
    rules.forEach((items, rule) => {
      this.itemsPerRule[rule] = items.length;
      this.firstItem[rule] = ruleOfItem.length;
      for (const item of items) {
        const id = ruleOfItem.length;
        ruleOfItem.push(rule);
        this.phrasesOfItem.push(item.phraseWordsLongestFirst.map((words) => Int32Array.from(words, keyId)));
        for (const key of new Set(itemKeys(item))) {
          const number = keyId(key);
          const ids = itemsByKey.get(number) ?? [];
          itemsByKey.set(number, ids);
          ids.push(item.words.has(key) || item.concepts.includes(key as Concept) ? id * 2 : id * 2 + 1);
        }
      }
    });
    for (const [number, ids] of itemsByKey) this.itemsByKey[number] = Int32Array.from(ids);
    this.ruleOfItem = Int32Array.from(ruleOfItem);
    this.satisfied = new Uint8Array(ruleOfItem.length);
    this.touched = new Int32Array(ruleOfItem.length);
    this.satisfiedCount = new Uint16Array(rules.length);
  }

  /** The positions of the candidate rules, in rule order: those whose every required item may match. */
  candidates(index: MessageIndex): number[] {
    const { itemsByKey, phrasesOfItem, touched, satisfied, satisfiedCount, ruleOfItem, firstItem, itemsPerRule } = this;
    const found: number[] = [];
    let touchedCount = 0;
    const keys = keysOf(index);
    if (present.length < keyIds.size) present = new Uint8Array(keyIds.size * 2);
    // Each item a key may satisfy; a rule is found when each of its items has a key (phrases checked below).
    for (const key of keys) {
      const ids = itemsByKey[key];
      if (!ids) continue;
      for (let position = 0; position < ids.length; position++) {
        const entry = ids[position]!;
        const id = entry >> 1;
        const was = satisfied[id]!;
        if (was === 2) continue;
        satisfied[id] = entry & 1 ? 1 : 2;
        if (was !== 0) continue;
        touched[touchedCount++] = id;
        const rule = ruleOfItem[id]!;
        if (++satisfiedCount[rule]! === itemsPerRule[rule]) found.push(rule);
      }
    }
    // A rule each of whose items had a key, but some only a phrase's longest word: one of its phrases must be whole.
    let kept = 0;
    if (found.length > 0) {
      for (const key of keys) present[key] = 1;
      for (const rule of found) {
        let all = true;
        for (let id = firstItem[rule]!, last = id + itemsPerRule[rule]!; all && id < last; id++) {
          if (satisfied[id] !== 2 && !someWhole(phrasesOfItem[id]!)) all = false;
        }
        if (all) found[kept++] = rule;
      }
      for (const key of keys) present[key] = 0;
    }
    found.length = kept;
    for (let position = 0; position < touchedCount; position++) {
      const id = touched[position]!;
      satisfied[id] = 0;
      satisfiedCount[ruleOfItem[id]!] = 0;
    }
    return found.length > 1 ? found.sort(ascending) : found;
  }
}

/** Whether every word of one of the phrases is in the message. */
function someWhole(phrases: readonly Int32Array[]): boolean {
  for (const words of phrases) {
    let all = true;
    for (let position = 0; all && position < words.length; position++) if (present[words[position]!] !== 1) all = false;
    if (all) return true;
  }
  return false;
}
