import { itemKeys, keyCount, keyId, keysOf, markedKeys, type MessageIndex, type PatternItem } from './token-pattern.js';
import { commonRank } from './token-reading.js';
import { VOCABULARY, type Concept } from './vocabulary.js';
import { WELSH_VOCABULARY } from './vocabulary.cy.js';

const ascending = (a: number, b: number) => a - b;

/** A word's share of running English text by its rank (Zipf's law), and a rare word's (not among the common words). */
const zipf = (rank: number) => (rank === Infinity ? 1e-6 : 0.1 / (rank + 1));

/**
 * Roughly how often a key stands in a text: a word by its rank among common words, a concept (upper case) by the
 * ranks of the words that carry it. Only which rule each text looks at depends on it, never what a rule matches.
 */
function usualShare(key: string): number {
  if (key !== key.toUpperCase() || !(key in VOCABULARY)) return zipf(commonRank(key));
  let share = 0;
  for (const word of [...VOCABULARY[key as Concept], ...(WELSH_VOCABULARY[key as Concept] ?? [])]) share += zipf(commonRank(word));
  return share;
}

/**
 * Which rules a text could meet at all: a rule is a candidate only when every one of its required items may match
 * (a word or concept of it, or all the words of one of its phrases, are in the text). Each rule is
 * looked up by one item only, its trigger: the item whose keys fewest items of all the rules share (a word most rules
 * use, "my" or "again", is a word most texts hold). A text's keys then find only the rules their trigger could start,
 * and only those rules' items are looked for, in a table of the text's keys kept from text to text (the screen is
 * synchronous). Each text costs one look-up per word and concept it holds and a few per rule it may start.
 */
export class RuleIndex {
  /**
   * By key number, the rules whose trigger item has that key (a word, a concept, or a phrase's longest word), each
   * with its items' keys, one after the other in one array: the rule's number, the length of its record, its number of
   * items, and for each item its length, the number of its words and concepts and their key numbers, and for each of
   * its phrases its number of words and their key numbers, longest word first. The trigger item comes last and the
   * others rarest first, so a rule a text cannot meet is most often ruled out by the first item looked at. A rule is
   * written out once for each key of its trigger, so the rules a key starts are read in one run of memory, not
   * fetched from all over one array of every rule.
   */
  private readonly rulesByKey: (Int32Array | undefined)[] = [];
  /** Per rule, the number of the last text it was looked at for (so a rule two of a text's keys start is looked at once). */
  private readonly lookedAt: Uint32Array;
  private text = 0;

  constructor(rules: readonly (readonly PatternItem[])[]) {
    const sharedBy = new Map<string, number>();
    for (const items of rules) for (const item of items) for (const key of new Set(itemKeys(item))) sharedBy.set(key, (sharedBy.get(key) ?? 0) + 1);
    const commonness = (item: PatternItem) => [...new Set(itemKeys(item))].reduce((sum, key) => sum + sharedBy.get(key)!, 0);
    const shares = new Map<string, number>();
    const share = (item: PatternItem) => [...new Set(itemKeys(item))].reduce((sum, key) => sum + (shares.get(key) ?? shares.set(key, usualShare(key)).get(key)!), 0);
    const rulesByKey = new Map<number, number[]>();
    rules.forEach((items, rule) => {
      // An item with no key can never match, so neither can its rule: it gets no trigger.
      if (items.some((item) => itemKeys(item).length === 0)) return;
      // The trigger is the item that costs least reading a text: how likely a text holds it (the rule is then looked
      // at) times what the other items cost to read, each in the order that rules a text out soonest for the least
      // reading (an item of two words likely missing before one of sixty a little more likely missing).
      const ranked = items.map((item) => ({ item, present: Math.min(0.99, WORDS_IN_A_TEXT * share(item)), cost: itemCost(item), commonness: commonness(item) }));
      const inOrder = (others: typeof ranked) => [...others].sort((a, b) => a.cost / (1 - a.present) - b.cost / (1 - b.present));
      const reading = (trigger: (typeof ranked)[number]) => {
        let reached = trigger.present;
        let cost = 0;
        for (const other of inOrder(ranked.filter((item) => item !== trigger))) {
          cost += reached * other.cost;
          reached *= other.present;
        }
        return cost;
      };
      const trigger = [...ranked].sort((a, b) => reading(a) - reading(b) || a.present - b.present || a.commonness - b.commonness)[0]!;
      const record = ruleRecord(rule, [...inOrder(ranked.filter((item) => item !== trigger)).map(({ item }) => item), trigger.item]);
      for (const key of new Set(itemKeys(trigger.item))) {
        const number = keyId(key);
        const records = rulesByKey.get(number) ?? [];
        for (const value of record) records.push(value);
        rulesByKey.set(number, records);
      }
    });
    // Filled in key order, so the array stays packed (set out of order, it would turn into a slower dictionary).
    for (let number = 0; number < keyCount(); number++) {
      const found = rulesByKey.get(number);
      this.rulesByKey.push(found && Int32Array.from(found));
    }
    this.lookedAt = new Uint32Array(rules.length);
  }

  /** The positions of the candidate rules, in rule order: those whose every required item may match. */
  candidates(index: MessageIndex): number[] {
    const { rulesByKey, lookedAt } = this;
    const { list: keys, count } = keysOf(index);
    const present = markedKeys(index);
    if (++this.text === 0xffffffff) {
      lookedAt.fill(0);
      this.text = 1;
    }
    const text = this.text;
    const found: number[] = [];
    for (let position = 0; position < count; position++) {
      const key = keys[position]!;
      const records = key < rulesByKey.length ? rulesByKey[key] : undefined;
      if (!records) continue;
      for (let at = 0; at < records.length; at += records[at + 1]!) {
        const rule = records[at]!;
        if (lookedAt[rule] === text) continue;
        lookedAt[rule] = text;
        if (everyItemPresent(records, at + 2, present)) found.push(rule);
      }
    }
    return found.length > 1 ? found.sort(ascending) : found;
  }
}

/** About how many words a text holds, for the chance that one of them is an item's. */
const WORDS_IN_A_TEXT = 30;

/** How many numbers of an item's record (`ruleRecord`) are read to find it is not in a text. */
const itemCost = (item: PatternItem) => 1 + item.concepts.length + item.words.size + item.phraseWordsLongestFirst.reduce((sum, words) => sum + 1 + words.length, 0);

/** A rule's record in `rulesByKey`: its number, the record's length, its number of items and each item's keys. */
function ruleRecord(rule: number, items: readonly PatternItem[]): number[] {
  const record = [rule, 0, items.length];
  for (const item of items) {
    const direct = [...item.concepts, ...item.words];
    const itemData = [direct.length, ...direct.map(keyId)];
    for (const words of item.phraseWordsLongestFirst) itemData.push(words.length, ...words.map(keyId));
    record.push(1 + itemData.length, ...itemData);
  }
  record[1] = record.length;
  return record;
}

/** Whether each item of the rule whose items start at `at` in `data` has a word or concept in the message, or every word of one of its phrases. */
function everyItemPresent(data: Int32Array, at: number, present: Uint8Array): boolean {
  const items = data[at++]!;
  for (let item = 0; item < items; item++) {
    const next = at + data[at]!;
    if (!itemPresent(data, at + 1, next, present)) return false;
    at = next;
  }
  return true;
}

/** Whether the item written in `data` from `at` to `end` (see `rulesByKey`) may match the message marked in `present`. */
function itemPresent(data: Int32Array, at: number, end: number, present: Uint8Array): boolean {
  const directEnd = at + 1 + data[at]!;
  for (at++; at < directEnd; at++) if (present[data[at]!] === 1) return true;
  while (at < end) {
    const phraseEnd = at + 1 + data[at]!;
    let all = true;
    for (at++; all && at < phraseEnd; at++) all = present[data[at]!] === 1;
    if (all) return true;
    at = phraseEnd;
  }
  return false;
}
