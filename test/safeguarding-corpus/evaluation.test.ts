import { describe, expect, it } from 'vitest';
import { RISK_CATEGORIES } from '../../domain/safeguarding/risk-category.js';
import { screenForRisk } from '../../domain/safeguarding/screen.js';
import { CORPUS_PARTS, evaluate, loadCorpus } from './corpus.js';
import { FLOORS } from './floors.js';

/**
 * The screen against our own labelled corpus (README "Safeguarding screen: how it reads a text, and how it is
 * measured"): the tuning part at the sign-off target, the parts never tuned on at today's floor (floors.ts).
 */
describe('the safeguarding evaluation corpus', () => {
  const all = CORPUS_PARTS.flatMap((part) => loadCorpus(part));

  it('holds at least 400 risk and 400 benign texts, every category, Welsh, and each kind of phrasing', () => {
    expect(all.filter((message) => message.risk).length).toBeGreaterThanOrEqual(400);
    expect(all.filter((message) => !message.risk).length).toBeGreaterThanOrEqual(400);
    for (const category of RISK_CATEGORIES) {
      expect(all.filter((message) => message.category === category).length, category).toBeGreaterThanOrEqual(40);
    }
    for (const style of ['textspeak', 'misspelt', 'indirect', 'third_person', 'idiom', 'near_miss']) {
      expect(all.filter((message) => message.style === style).length, style).toBeGreaterThanOrEqual(40);
    }
    expect(all.filter((message) => message.lang === 'cy' && message.risk).length).toBeGreaterThanOrEqual(40);
    expect(all.every((message) => message.risk === (message.category !== null))).toBe(true);
  });

  it('has no text in two parts, so nothing tuned on is measured as unseen', () => {
    const seen = new Map<string, string>();
    for (const part of CORPUS_PARTS) {
      for (const { text } of loadCorpus(part)) {
        const key = text.toLowerCase().replace(/\W+/g, ' ').trim();
        expect(seen.get(key), text).toBeUndefined();
        seen.set(key, part);
      }
    }
  });

  it.each(CORPUS_PARTS)('%s: recall and false alarms hold their floor', (part) => {
    const evaluation = evaluate(loadCorpus(part), (text) => screenForRisk(text).risk);
    expect(evaluation.recall).toBeGreaterThanOrEqual(FLOORS[part].recall);
    expect(evaluation.falseAlarmRate).toBeLessThanOrEqual(FLOORS[part].falseAlarms);
  });
});
