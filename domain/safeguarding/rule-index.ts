import type { Concept } from './vocabulary.js';
import { itemKeys, longestWord, somePhraseIn, type MessageIndex, type PatternItem } from './token-pattern.js';

const ascending = (a: number, b: number) => a - b;

/**
 * Which rules a text could meet at all: a rule is a candidate only when every one of its required items may match
 * (a word or concept of it, or all the words of one of its phrases, are in the text). Built once; each text then costs
 * one look-up per word and concept it holds, however many rules there are, and phrases are looked at only for rules
 * whose every item has a key (a phrase's key is its longest word). The per-text work runs over typed arrays kept from
 * text to text (the screen is synchronous).
 */
export class RuleIndex {
  /**
   * The items (numbered across all rules, a rule's items in a row) each key can satisfy, each item once, as
   * `item * 2 + 1` when the key is only the longest word of one of the item's phrases, else `item * 2`.
   */
  private readonly itemsByKey = new Map<string, Int32Array>();
  private readonly ruleOfItem: Int32Array;
  private readonly firstItem: Int32Array;
  private readonly itemsPerRule: Uint16Array;
  /** Per item: 0 no key, 1 only a phrase's longest word (the phrase may still not be there), 2 a word or concept. */
  private readonly satisfied: Uint8Array;
  private readonly satisfiedCount: Uint16Array;
  private readonly items: PatternItem[] = [];
  /** The items satisfied by the current text, to clear after it. */
  private readonly touched: Int32Array;
  private touchedCount = 0;

  constructor(rules: readonly (readonly PatternItem[])[]) {
    const ruleOfItem: number[] = [];
    const itemsByKey = new Map<string, number[]>();
    this.itemsPerRule = new Uint16Array(rules.length);
    this.firstItem = new Int32Array(rules.length);
    rules.forEach((items, rule) => {
      this.itemsPerRule[rule] = items.length;
      this.firstItem[rule] = ruleOfItem.length;
      for (const item of items) {
        const id = ruleOfItem.length;
        ruleOfItem.push(rule);
        this.items.push(item);
        const phraseKeys = new Set(item.phrases.map(longestWord));
        for (const key of itemKeys(item)) {
          const onlyPhrase = phraseKeys.has(key) && !item.words.has(key) && !item.concepts.includes(key as Concept);
          const ids = itemsByKey.get(key) ?? [];
          if (!ids.includes(id * 2) && !ids.includes(id * 2 + 1)) ids.push(id * 2 + (onlyPhrase ? 1 : 0));
          itemsByKey.set(key, ids);
        }
      }
    });
    for (const [key, ids] of itemsByKey) this.itemsByKey.set(key, Int32Array.from(ids));
    this.ruleOfItem = Int32Array.from(ruleOfItem);
    this.satisfied = new Uint8Array(ruleOfItem.length);
    this.touched = new Int32Array(ruleOfItem.length);
    this.satisfiedCount = new Uint16Array(rules.length);
  }

  /** The positions of the candidate rules, in rule order: those whose every item may match (`itemMayMatch`). */
  candidates(index: MessageIndex): number[] {
    const found: number[] = [];
    this.touchedCount = 0;
    for (const word of index.words) {
      const ids = this.itemsByKey.get(word);
      if (ids) this.mark(ids, found);
    }
    for (const concept of index.concepts) {
      const ids = this.itemsByKey.get(concept);
      if (ids) this.mark(ids, found);
    }
    const { touched, satisfied, satisfiedCount, ruleOfItem, firstItem, itemsPerRule, items } = this;
    // An item found only by a phrase's longest word may match only if all the words of one of its phrases are there.
    let kept = 0;
    for (const rule of found) {
      let all = true;
      for (let id = firstItem[rule]!, last = id + itemsPerRule[rule]!; all && id < last; id++) {
        if (satisfied[id] === 1 && !somePhraseIn(items[id]!, index)) all = false;
      }
      if (all) found[kept++] = rule;
    }
    found.length = kept;
    for (let position = 0; position < this.touchedCount; position++) {
      const id = touched[position]!;
      satisfied[id] = 0;
      satisfiedCount[ruleOfItem[id]!] = 0;
    }
    return found.length > 1 ? found.sort(ascending) : found;
  }

  private mark(ids: Int32Array, found: number[]): void {
    const { satisfied, satisfiedCount, ruleOfItem, itemsPerRule, touched } = this;
    for (let position = 0; position < ids.length; position++) {
      const entry = ids[position]!;
      const id = entry >> 1;
      const state = entry & 1 ? 1 : 2;
      const was = satisfied[id]!;
      if (was >= state) continue;
      satisfied[id] = state;
      if (was !== 0) continue;
      touched[this.touchedCount++] = id;
      const rule = ruleOfItem[id]!;
      if (++satisfiedCount[rule]! === itemsPerRule[rule]) found.push(rule);
    }
  }
}
