import { screenForRisk } from '../domain/safeguarding/screen.js';
import { CORPUS_PARTS, evaluate, loadCorpus } from '../test/safeguarding-corpus/corpus.js';
import { round, type BenchResult } from './bench-result.js';

const TEXT_160 = "hiya sorry its sam, cant make tuesday at 10 cos my bus got cancelled again n im skint till friday, can we do thursday instead? also my back is killing me lol";

/**
 * `npm run bench -- safeguarding`: recall and false alarms per category and overall on each part of the evaluation
 * corpus (tuning: written against; holdout and reserve: never tuned on), and the time the screen takes per message.
 * The baseline of `p99_cpu_ms_160` is the same screen's median, so a slow outlier shows against this run's own speed.
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
  // CPU time of this process per message (process.cpuUsage, microseconds), so time the scheduler gives to other
  // processes on a shared machine is not counted as the screen's.
  const times: number[] = [];
  for (let run = 0; run < 20_000; run++) {
    // A different last word each time, so the per-word cache does not hide the reading of a new word.
    const text = `${TEXT_160.slice(0, 150)} x${run}`;
    const started = process.cpuUsage();
    screenForRisk(text);
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  results.push({ bench: 'safeguarding', metric: 'p99_cpu_ms_160', value: round(at(0.99), 3), unit: 'ms', baseline: round(at(0.5), 3) });
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
