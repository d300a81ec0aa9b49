import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FEATURE_BITS, type ModelFeatures } from '../../domain/safeguarding/model-features.js';
import type { ReadToken } from '../../domain/safeguarding/token-reading.js';
import { DEFAULT_TRAINING, margin, seededRandom, shuffled, sigmoid, trainLogisticRegression, type SparseExample } from '../../test/safeguarding-corpus/model/logistic-regression.js';

/**
 * `npx tsx bench/safeguarding-model/experiment.ts`: does a statistical second opinion catch what the rules miss on
 * phrasing they have never seen? Each round of blind-written texts added to tuning.jsonl (git history) is a clean
 * test: the rules and vocabulary as they were before that round, a model trained on the tuning texts before it, and
 * the round's texts, which neither had seen. Reads only the tuning part's history, never the holdout or reserve.
 */
/** The commits that joined a round to the tuning part (rounds 8, 9 and 10 last); c5c421c added benign texts only. */
const ROUNDS = ['b78c2fc', '6748860', '3c99903', '303b54a', '841b555', 'dc09518', 'fe9bfa0', '03ba6a6', '5b5e76a', '0d74054'];
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = 'test/safeguarding-corpus/tuning.jsonl';
const FALSE_ALARM_BUDGETS = [0.005, 0.01, 0.02];
const MIN_WORDS = [3, 4, 5, 6];

interface Labelled {
  text: string;
  risk: boolean;
  lang: 'en' | 'cy';
}

interface OldScreen {
  screenForRisk: (text: string) => { risk: boolean };
  /** The rules alone, from when the second opinion joined the screen (screenForRisk then includes its own model). */
  screenByRules?: (text: string) => { risk: boolean };
  readTokens: (text: string) => ReadToken[];
  modelFeatures: (tokens: readonly ReadToken[]) => ModelFeatures;
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
const lines = (commit: string): Labelled[] =>
  git('show', `${commit}:${CORPUS}`).split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as Labelled);

/** The screen as it was at `commit`, with today's feature extraction reading through its vocabulary. */
async function screenAt(commit: string): Promise<OldScreen> {
  const dir = `${ROOT}test-artifacts/old-rules/${commit}`;
  if (!existsSync(`${dir}/domain/safeguarding/screen.ts`)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit} domain/safeguarding | tar -x -C ${dir}`], { cwd: ROOT });
  }
  copyFileSync(`${ROOT}domain/safeguarding/model-features.ts`, `${dir}/domain/safeguarding/model-features.ts`);
  const load = (file: string) => import(pathToFileURL(`${dir}/domain/safeguarding/${file}`).href);
  return { ...(await load('screen.ts')), ...(await load('token-reading.ts')), ...(await load('model-features.ts')) } as OldScreen;
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function rates(items: readonly Labelled[], flagged: readonly boolean[]) {
  let caught = 0, risk = 0, alarms = 0, benign = 0;
  items.forEach((item, index) => {
    if (item.risk) { risk++; if (flagged[index]) caught++; } else { benign++; if (flagged[index]) alarms++; }
  });
  return { recall: caught / risk, falseAlarms: alarms / benign, text: `${pct(caught / risk)} / ${pct(alarms / benign)}` };
}

/** Out-of-fold scores: each text scored by a model that did not see it. */
function crossValidated(examples: readonly SparseExample[], buckets: number, folds = 5): number[] {
  const order = shuffled(examples.map((_, index) => index), seededRandom(7));
  const fold = new Array<number>(examples.length);
  order.forEach((index, position) => (fold[index] = position % folds));
  const scores = new Array<number>(examples.length);
  for (let k = 0; k < folds; k++) {
    const weights = trainLogisticRegression(examples.filter((_, index) => fold[index] !== k), { ...DEFAULT_TRAINING, buckets });
    examples.forEach((example, index) => { if (fold[index] === k) scores[index] = sigmoid(margin(weights, example.buckets)); });
  }
  return scores;
}

/** The lowest threshold at which the model alone adds at most `budget` false alarms to benign texts the rules pass. */
function thresholdFor(items: readonly Labelled[], rules: readonly boolean[], scores: readonly number[], budget: number, gate?: readonly boolean[]): number {
  const allowed = Math.floor(budget * items.filter((item, index) => !item.risk && !rules[index]).length);
  const passed = scores.filter((_, index) => !items[index]!.risk && !rules[index] && (gate?.[index] ?? true)).sort((a, b) => b - a);
  return Math.max(0.5, passed[allowed] ?? 0.5);
}

async function round(commit: string, buckets: number) {
  const before = lines(`${commit}^`);
  const after = lines(commit);
  const train = before;
  const test = after.slice(before.length);
  const screen = await screenAt(`${commit}^`);
  const featurise = (item: Labelled): SparseExample => ({
    buckets: Uint32Array.from(screen.modelFeatures(screen.readTokens(item.text)).buckets.map((bucket) => bucket % buckets)),
    label: item.risk ? 1 : 0,
  });
  const trainExamples = train.map(featurise);
  const testExamples = test.map(featurise);
  const rules = screen.screenByRules ?? screen.screenForRisk;
  const trainRules = train.map((item) => rules(item.text).risk);
  const testRules = test.map((item) => rules(item.text).risk);
  const outOfFold = crossValidated(trainExamples, buckets);
  const weights = trainLogisticRegression(trainExamples, { ...DEFAULT_TRAINING, buckets });
  const testScores = testExamples.map((example) => sigmoid(margin(weights, example.buckets)));
  // As shipped: weights rounded to signed bytes (statistical-model.data.ts).
  const scale = weights.reduce((most, weight) => Math.max(most, Math.abs(weight)), 0) / 127;
  const bytes = Float64Array.from(weights, (weight) => Math.round(weight / scale) * scale);
  const quantisedScores = testExamples.map((example) => sigmoid(margin(bytes, example.buckets)));
  const result: Record<string, string | number> = {
    round: commit,
    train: train.length,
    test: test.length,
    rules: rates(test, testRules).text,
    cvModelAt05: rates(train, outOfFold.map((score) => score >= 0.5)).text,
    modelAt05: rates(test, testScores.map((score) => score >= 0.5)).text,
    orAt05: rates(test, testScores.map((score, index) => testRules[index]! || score >= 0.5)).text,
  };
  for (const budget of FALSE_ALARM_BUDGETS) {
    const threshold = thresholdFor(train, trainRules, outOfFold, budget);
    result[`t@${budget}`] = Number(threshold.toFixed(3));
    result[`cvOr@${budget}`] = rates(train, outOfFold.map((score, index) => trainRules[index]! || score >= threshold)).text;
    result[`or@${budget}`] = rates(test, testScores.map((score, index) => testRules[index]! || score >= threshold)).text;
    for (const lang of ['en', 'cy'] as const) {
      const inLang = test.flatMap((item, index) => (item.lang === lang ? [index] : []));
      result[`${lang}:rules|or@${budget}`] = `${rates(inLang.map((index) => test[index]!), inLang.map((index) => testRules[index]!)).text} → ${
        rates(inLang.map((index) => test[index]!), inLang.map((index) => testRules[index]! || testScores[index]! >= threshold)).text}`;
    }
    result[`orBytes@${budget}`] = rates(test, quantisedScores.map((score, index) => testRules[index]! || score >= threshold)).text;
  }
  // A gate the model must pass before it may speak: at least this many words written.
  const wordCount = (item: Labelled) => new Set(screen.readTokens(item.text).map((token) => token.written)).size;
  const trainWords = train.map(wordCount);
  const testWords = test.map(wordCount);
  for (const least of MIN_WORDS) {
    const threshold = thresholdFor(train, trainRules, outOfFold, 0.01, trainWords.map((count) => count >= least));
    result[`words>=${least}@0.01`] = `${rates(test, testScores.map((score, index) => testRules[index]! || (score >= threshold && testWords[index]! >= least))).text} t=${threshold.toFixed(3)}`;
  }
  console.log(JSON.stringify(result));
}

const buckets = Number(process.env.BUCKETS ?? 1 << FEATURE_BITS);
for (const commit of process.argv.slice(2).length > 0 ? process.argv.slice(2) : ROUNDS) await round(commit, buckets);
