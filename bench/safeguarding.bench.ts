import { screenByRules, screenForRisk } from '../domain/safeguarding/screen.js';
import { CORPUS_PARTS, evaluate, loadCorpus } from '../test/safeguarding-corpus/corpus.js';
import { round, type BenchResult } from './bench-result.js';

/**
 * An ordinary text: its first 150 characters end "killing" (no idiom guard), so no rule flags or sets anything aside
 * and the statistical second opinion reads it and declines on its score, the commonest case for the whole screen.
 */
const TEXT_160 = "hiya sorry its sam, cant make tuesday at 10 cos my bus got cancelled again n im skint till friday, can we do thursday instead? also my back is killing me lol";

/**
 * `npm run bench -- safeguarding`: recall and false alarms per category and overall on each part of the evaluation
 * corpus (tuning: written against; holdout and reserve: never tuned on), and the time the screen takes per message.
 * The baseline of `median_cpu_ms_160` and `p99_cpu_ms_160` is the rules alone (`screenByRules`) timed in the same run,
 * interleaved with the whole screen, so what the statistical second opinion costs shows whatever the machine's load.
 */
export async function safeguardingBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const part of CORPUS_PARTS) {
    const evaluation = evaluate(loadCorpus(part), (text) => screenForRisk(text).risk);
    results.push({ bench: 'safeguarding', metric: `${part}_recall`, value: round(evaluation.recall * 100, 1), unit: '%' });
    results.push({ bench: 'safeguarding', metric: `${part}_false_alarms`, value: round(evaluation.falseAlarmRate * 100, 1), unit: '%' });
    for (const [category, { recall, messages }] of Object.entries(evaluation.recallByCategory)) {
      results.push({ bench: 'safeguarding', metric: `${part}_recall_${category}`, value: round(recall * 100, 1), unit: `% of ${messages}` });
    }
  }
  screenForRisk('warm up the lexicon');
  screenByRules('warm up the lexicon');
  // CPU time of this process per message (process.cpuUsage, microseconds), so time the scheduler gives to other
  // processes on a shared machine is not counted as the screen's.
  const cpuMs = (screen: (text: string) => unknown, text: string) => {
    const started = process.cpuUsage();
    screen(text);
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };
  const screenTimes: number[] = [];
  const rulesTimes: number[] = [];
  for (let run = 0; run < 20_000; run++) {
    // A different last word each time and for each, so the per-word caches do not hide the reading of a new word;
    // which goes first alternates, so neither gains from the other's warming.
    const prefix = TEXT_160.slice(0, 150);
    if (run % 2 === 0) screenTimes.push(cpuMs(screenForRisk, `${prefix} x${run}`));
    rulesTimes.push(cpuMs(screenByRules, `${prefix} y${run}`));
    if (run % 2 === 1) screenTimes.push(cpuMs(screenForRisk, `${prefix} x${run}`));
  }
  const at = (times: number[], q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  screenTimes.sort((a, b) => a - b);
  rulesTimes.sort((a, b) => a - b);
  for (const [metric, q] of [['median_cpu_ms_160', 0.5], ['p99_cpu_ms_160', 0.99]] as const) {
    results.push({ bench: 'safeguarding', metric, value: round(at(screenTimes, q), 3), unit: 'ms', baseline: round(at(rulesTimes, q), 3) });
  }
  const long = adversarialText(10_000);
  const startedLong = process.cpuUsage();
  for (let run = 0; run < 20; run++) screenForRisk(long);
  const usedLong = process.cpuUsage(startedLong);
  results.push({ bench: 'safeguarding', metric: 'cpu_ms_10000_chars', value: round((usedLong.user + usedLong.system) / 1000 / 20, 2), unit: 'ms' });
  return results;
}

/** Risk words with no risk between them, the worst case for the rules' gaps: every step keeps nearly matching. */
export function adversarialText(length: number): string {
  const words = ['he', 'my', 'partner', 'hit', 'kill', 'i', 'want', 'to', 'pills', 'saving', 'not', 'allowed', 'nowhere', 'sleep', 'kids', 'secret', 'passport', 'owe'];
  let text = '';
  for (let index = 0; text.length < length; index++) text += `${words[(index * 7) % words.length]} `;
  return text.slice(0, length);
}
