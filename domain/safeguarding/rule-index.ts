import { itemKeys, type MessageIndex, type PatternItem } from './token-pattern.js';

/**
 * Which rules a text could meet at all: a rule is a candidate only when every one of its required items has a word or
 * concept in the text. Built once; each text then costs one look-up per word and concept it holds, however many rules
 * there are.
 */
export class RuleIndex {
  private readonly itemsByKey = new Map<string, number[]>();
  private readonly ruleOfItem: number[] = [];
  private readonly itemsOfRule: number[][] = [];
  private readonly satisfied: Uint8Array;
  private readonly satisfiedCount: Uint16Array;

  constructor(rules: readonly (readonly PatternItem[])[]) {
    rules.forEach((items, rule) => {
      const ids: number[] = [];
      for (const item of items) {
        const id = this.ruleOfItem.length;
        this.ruleOfItem.push(rule);
        ids.push(id);
        for (const key of itemKeys(item)) this.itemsByKey.set(key, [...(this.itemsByKey.get(key) ?? []), id]);
      }
      this.itemsOfRule.push(ids);
    });
    this.satisfied = new Uint8Array(this.ruleOfItem.length);
    this.satisfiedCount = new Uint16Array(this.itemsOfRule.length);
  }

  /** The positions of the candidate rules, in rule order. */
  candidates(index: MessageIndex): number[] {
    const touched: number[] = [];
    const found: number[] = [];
    const mark = (key: string) => {
      const ids = this.itemsByKey.get(key);
      if (!ids) return;
      for (const id of ids) {
        if (this.satisfied[id] === 1) continue;
        this.satisfied[id] = 1;
        touched.push(id);
        const rule = this.ruleOfItem[id]!;
        this.satisfiedCount[rule]! += 1;
        if (this.satisfiedCount[rule] === this.itemsOfRule[rule]!.length) found.push(rule);
      }
    };
    for (const word of index.words) mark(word);
    for (const concept of index.concepts) mark(concept);
    for (const id of touched) {
      this.satisfied[id] = 0;
      this.satisfiedCount[this.ruleOfItem[id]!] = 0;
    }
    return found.sort((a, b) => a - b);
  }
}
