import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FEATURE_BITS, modelFeatures } from '../../../domain/safeguarding/model-features.js';
import { RISK_CATEGORIES, type RiskCategory } from '../../../domain/safeguarding/risk-category.js';
import { ruleFlags } from '../../../domain/safeguarding/screen.js';
import { MIN_WORDS_FOR_MODEL, wordsWritten } from '../../../domain/safeguarding/statistical-model.js';
import type { QuantisedWeights, StatisticalModelData } from '../../../domain/safeguarding/statistical-model.types.js';
import { readTokens } from '../../../domain/safeguarding/token-reading.js';
import { loadCorpus } from '../corpus.js';
import { DEFAULT_TRAINING, margin, seededRandom, shuffled, sigmoid, trainLogisticRegression, type SparseExample } from './logistic-regression.js';
import { trainingFingerprint } from './training-fingerprint.js';

/**
 * `npm run train:safeguarding`: trains the statistical second opinion on tuning.jsonl (never the holdout or reserve)
 * and writes domain/safeguarding/statistical-model.data.ts. Deterministic: the same corpus and screen give the same
 * file, and a test fails when the committed file was trained on another corpus or screen.
 */
export const RISK_BITS = FEATURE_BITS;
export const CATEGORY_BITS = 13;
/** Of the benign tuning texts the model may speak on, at most this share may be flagged by it (out of fold). */
export const ADDED_FALSE_ALARM_BUDGET = 0.01;
const FOLDS = 5;

function quantise(weights: Float64Array): QuantisedWeights {
  const largest = weights.reduce((most, weight) => Math.max(most, Math.abs(weight)), 0);
  const scale = largest / 127 || 1;
  const bytes = Int8Array.from(weights, (weight) => Math.round(weight / scale));
  return { scale: Number(scale.toPrecision(8)), weights: Buffer.from(bytes.buffer).toString('base64') };
}

/** Each tuning text scored by a model trained on the other folds. */
function outOfFoldScores(examples: readonly SparseExample[]): number[] {
  const fold = new Array<number>(examples.length);
  shuffled(examples.map((_, index) => index), seededRandom(7)).forEach((index, position) => (fold[index] = position % FOLDS));
  const scores = new Array<number>(examples.length);
  for (let k = 0; k < FOLDS; k++) {
    const weights = trainLogisticRegression(examples.filter((_, index) => fold[index] !== k), { ...DEFAULT_TRAINING, buckets: 1 << RISK_BITS });
    examples.forEach((example, index) => {
      if (fold[index] === k) scores[index] = sigmoid(margin(weights, example.buckets));
    });
  }
  return scores;
}

export function trainStatisticalModel(): { model: StatisticalModelData; report: Record<string, number> } {
  const tuning = loadCorpus('tuning');
  const buckets = tuning.map((message) => Uint32Array.from(modelFeatures(readTokens(message.text)).buckets));
  const examples = tuning.map((message, index) => ({ buckets: buckets[index]!, label: message.risk ? 1 : 0 }));
  const scores = outOfFoldScores(examples);
  // The model may speak only where no rule flagged, no rule set risk words aside (screen.ts), on texts long enough.
  const flagged: boolean[] = [];
  const silent = tuning.map((message, index) => {
    const tokens = readTokens(message.text);
    const rules = ruleFlags(message.text, tokens);
    flagged[index] = rules.flags.length > 0;
    return flagged[index] || rules.declined || wordsWritten(tokens) < MIN_WORDS_FOR_MODEL;
  });
  const passed = tuning.flatMap((message, index) => (message.risk || silent[index] ? [] : [scores[index]!]));
  passed.sort((a, b) => b - a);
  const threshold = Math.max(0.5, passed[Math.floor(ADDED_FALSE_ALARM_BUDGET * passed.length)]!);
  const share = (flagged: (index: number) => boolean, risk: boolean) => {
    const part = tuning.flatMap((message, index) => (message.risk === risk ? [index] : []));
    return Number(((part.filter(flagged).length / part.length) * 100).toFixed(1));
  };
  const crossValidated = {
    modelRecallAtHalf: share((index) => scores[index]! >= 0.5, true),
    modelFalseAlarmsAtHalf: share((index) => scores[index]! >= 0.5, false),
    modelRecallAtThreshold: share((index) => scores[index]! >= threshold, true),
    modelFalseAlarmsAtThreshold: share((index) => scores[index]! >= threshold, false),
    rulesRecall: share((index) => flagged[index]!, true),
    rulesFalseAlarms: share((index) => flagged[index]!, false),
    withModelRecall: share((index) => flagged[index]! || (!silent[index] && scores[index]! >= threshold), true),
    withModelFalseAlarms: share((index) => flagged[index]! || (!silent[index] && scores[index]! >= threshold), false),
    riskTheRulesMiss: tuning.filter((message, index) => message.risk && !flagged[index]).length,
    ofWhichTheModelMaySpeakOn: tuning.filter((message, index) => message.risk && !silent[index]).length,
  };
  const risk = trainLogisticRegression(examples, { ...DEFAULT_TRAINING, buckets: 1 << RISK_BITS });
  const mask = (1 << CATEGORY_BITS) - 1;
  const riskTexts = tuning.flatMap((message, index) => (message.risk ? [{ message, buckets: buckets[index]!.map((bucket) => bucket & mask) }] : []));
  const categories = Object.fromEntries(
    RISK_CATEGORIES.map((category) => [
      category,
      quantise(
        trainLogisticRegression(
          riskTexts.map(({ message, buckets }) => ({ buckets, label: message.category === category ? 1 : 0 })),
          { ...DEFAULT_TRAINING, buckets: 1 << CATEGORY_BITS },
        ),
      ),
    ]),
  ) as Record<RiskCategory, QuantisedWeights>;
  const model: StatisticalModelData = {
    trainedOn: trainingFingerprint(),
    threshold: Number(threshold.toFixed(4)),
    categoryBits: CATEGORY_BITS,
    risk: quantise(risk),
    categories,
  };
  return { model, report: { texts: tuning.length, benignTheRulesPass: passed.length, threshold: model.threshold, ...crossValidated } };
}

export function modelSource(model: StatisticalModelData): string {
  return [
    '// Generated by `npm run train:safeguarding` (test/safeguarding-corpus/model/train.ts) from tuning.jsonl: do not edit.',
    "import type { StatisticalModelData } from './statistical-model.types.js';",
    '',
    `export const STATISTICAL_MODEL: StatisticalModelData = ${JSON.stringify(model, null, 2)};`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { model, report } = trainStatisticalModel();
  writeFileSync(new URL('../../../domain/safeguarding/statistical-model.data.ts', import.meta.url), modelSource(model));
  console.log(JSON.stringify(report));
}
