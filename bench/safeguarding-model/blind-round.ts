import { screenByRules, screenForRisk } from '../../domain/safeguarding/screen.js';
import { evaluate, loadCorpus, loadCorpusFile } from '../../test/safeguarding-corpus/corpus.js';

/**
 * `npx tsx bench/safeguarding-model/blind-round.ts <round.jsonl>`: a new round of blind-written texts, before anything
 * is tuned on it: the rules alone and the rules with the statistical second opinion. Prints totals only, never a text.
 */
const rows = loadCorpusFile(process.argv[2]!);
const key = (text: string) => text.toLowerCase().replace(/\W+/g, ' ').trim();
const tuning = new Set(loadCorpus('tuning').map((message) => key(message.text)));
const pct = (value: number) => Number((value * 100).toFixed(1));
const summary = (flags: (text: string) => boolean) => {
  const evaluation = evaluate(rows, flags);
  const groups = (by: Record<string, { messages: number; recall: number }>) =>
    Object.fromEntries(Object.entries(by).map(([name, { messages, recall }]) => [name, `${pct(recall)}% of ${messages}`]));
  return {
    recall: pct(evaluation.recall),
    falseAlarms: pct(evaluation.falseAlarmRate),
    byCategory: groups(evaluation.recallByCategory),
    byStyle: groups(evaluation.recallByStyle),
    falseAlarmsByStyle: Object.fromEntries(Object.entries(evaluation.falseAlarmsByStyle).map(([name, { messages, rate }]) => [name, `${pct(rate)}% of ${messages}`])),
  };
};
console.log(JSON.stringify({ texts: rows.length, risk: rows.filter((row) => row.risk).length, alsoInTuning: rows.filter((row) => tuning.has(key(row.text))).length }));
for (const lang of ['en', 'cy']) {
  const inLang = rows.filter((row) => row.lang === lang);
  const rate = (flags: (text: string) => boolean) => evaluate(inLang, flags);
  const [rules, both] = [rate((text) => screenByRules(text).risk), rate((text) => screenForRisk(text).risk)];
  console.log(JSON.stringify({ lang, texts: inLang.length, rules: `${pct(rules.recall)}% / ${pct(rules.falseAlarmRate)}%`, rulesAndModel: `${pct(both.recall)}% / ${pct(both.falseAlarmRate)}%` }));
}
console.log(JSON.stringify({ screen: 'rules alone', ...summary((text) => screenByRules(text).risk) }));
console.log(JSON.stringify({ screen: 'rules and model', ...summary((text) => screenForRisk(text).risk) }));
