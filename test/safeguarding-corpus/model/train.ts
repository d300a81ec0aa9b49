import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FEATURE_BITS, modelFeatures, type ModelFeatures } from '../../../domain/safeguarding/model-features.js';
import { RISK_CATEGORIES, type RiskCategory } from '../../../domain/safeguarding/risk-category.js';
import { ruleFlags, secondOpinionMayAdd } from '../../../domain/safeguarding/screen.js';
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
/** The second risk model (no letter grams) reads the low WORD_RISK_BITS bits of each bucket: 262,144 weights. */
export const WORD_RISK_BITS = 18;
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

/** A text to learn from: its features as the screen reads them, and whether the model may speak on it there. */
export interface TrainingText {
  features: ModelFeatures;
  risk: boolean;
  category: RiskCategory | null;
  /** A rule flagged it. */
  flagged: boolean;
  /** The model may not speak on it: a rule flagged it or set risk words aside, or it has under MIN_WORDS_FOR_MODEL words. */
  silent: boolean;
}

/** The examples each risk model learns from: every feature, and the features that are not letter grams. */
function riskExamples(texts: readonly TrainingText[]): { all: SparseExample[]; words: SparseExample[] } {
  const mask = (1 << WORD_RISK_BITS) - 1;
  return {
    all: texts.map(({ features, risk }) => ({ buckets: Uint32Array.from(features.buckets), label: risk ? 1 : 0 })),
    words: texts.map(({ features, risk }) => ({
      buckets: Uint32Array.from(features.buckets.filter((_, position) => !features.letterGrams[position]), (bucket) => bucket & mask),
      label: risk ? 1 : 0,
    })),
  };
}

/** Each text's risk score, the mean of the two models' probabilities, from models trained on the other folds. */
function outOfFoldScores(all: readonly SparseExample[], words: readonly SparseExample[]): number[] {
  const fold = new Array<number>(all.length);
  shuffled(all.map((_, index) => index), seededRandom(7)).forEach((index, position) => (fold[index] = position % FOLDS));
  const scores = new Array<number>(all.length).fill(0);
  for (const [examples, bits] of [[all, RISK_BITS], [words, WORD_RISK_BITS]] as const) {
    for (let k = 0; k < FOLDS; k++) {
      const weights = trainLogisticRegression(examples.filter((_, index) => fold[index] !== k), { ...DEFAULT_TRAINING, buckets: 1 << bits });
      examples.forEach((example, index) => {
        if (fold[index] === k) scores[index]! += sigmoid(margin(weights, example.buckets)) / 2;
      });
    }
  }
  return scores;
}

/**
 * The second opinion learnt from `texts`: both risk models, the category models, and the threshold at which the
 * averaged risk score adds at most ADDED_FALSE_ALARM_BUDGET false alarms out of fold. Also bench/safeguarding-model's.
 */
export function learnSecondOpinion(texts: readonly TrainingText[]): { model: Omit<StatisticalModelData, 'trainedOn'>; scores: number[]; benignTheModelMaySpeakOn: number } {
  const { all, words } = riskExamples(texts);
  const scores = outOfFoldScores(all, words);
  const passed = texts.flatMap((text, index) => (text.risk || text.silent ? [] : [scores[index]!]));
  passed.sort((a, b) => b - a);
  const threshold = Math.max(0.5, passed[Math.floor(ADDED_FALSE_ALARM_BUDGET * passed.length)] ?? 0.5);
  const mask = (1 << CATEGORY_BITS) - 1;
  const riskTexts = texts.flatMap((text) => (text.risk ? [{ text, buckets: Uint32Array.from(text.features.buckets, (bucket) => bucket & mask) }] : []));
  const categories = Object.fromEntries(
    RISK_CATEGORIES.map((category) => [
      category,
      quantise(
        trainLogisticRegression(
          riskTexts.map(({ text, buckets }) => ({ buckets, label: text.category === category ? 1 : 0 })),
          { ...DEFAULT_TRAINING, buckets: 1 << CATEGORY_BITS },
        ),
      ),
    ]),
  ) as Record<RiskCategory, QuantisedWeights>;
  const model = {
    threshold: Number(threshold.toFixed(4)),
    categoryBits: CATEGORY_BITS,
    risk: quantise(trainLogisticRegression(all, { ...DEFAULT_TRAINING, buckets: 1 << RISK_BITS })),
    wordRisk: quantise(trainLogisticRegression(words, { ...DEFAULT_TRAINING, buckets: 1 << WORD_RISK_BITS })),
    wordRiskBits: WORD_RISK_BITS,
    categories,
  };
  return { model, scores, benignTheModelMaySpeakOn: passed.length };
}

export function trainStatisticalModel(): { model: StatisticalModelData; report: Record<string, number> } {
  const tuning = loadCorpus('tuning');
  // The model may speak only where no rule flagged and (in a short text) none set risk words aside (screen.ts), on
  // texts long enough.
  const texts: TrainingText[] = tuning.map((message) => {
    const tokens = readTokens(message.text);
    const rules = ruleFlags(message.text, tokens);
    const flagged = rules.flags.length > 0;
    return {
      features: modelFeatures(tokens),
      risk: message.risk,
      category: message.category,
      flagged,
      silent: !secondOpinionMayAdd({ flagged, declined: rules.declined }, tokens.length) || wordsWritten(tokens) < MIN_WORDS_FOR_MODEL,
    };
  });
  const { model: learnt, scores, benignTheModelMaySpeakOn } = learnSecondOpinion(texts);
  const { threshold } = learnt;
  const share = (flagged: (index: number) => boolean, risk: boolean) => {
    const part = tuning.flatMap((message, index) => (message.risk === risk ? [index] : []));
    return Number(((part.filter(flagged).length / part.length) * 100).toFixed(1));
  };
  const crossValidated = {
    modelRecallAtHalf: share((index) => scores[index]! >= 0.5, true),
    modelFalseAlarmsAtHalf: share((index) => scores[index]! >= 0.5, false),
    modelRecallAtThreshold: share((index) => scores[index]! >= threshold, true),
    modelFalseAlarmsAtThreshold: share((index) => scores[index]! >= threshold, false),
    rulesRecall: share((index) => texts[index]!.flagged, true),
    rulesFalseAlarms: share((index) => texts[index]!.flagged, false),
    withModelRecall: share((index) => texts[index]!.flagged || (!texts[index]!.silent && scores[index]! >= threshold), true),
    withModelFalseAlarms: share((index) => texts[index]!.flagged || (!texts[index]!.silent && scores[index]! >= threshold), false),
    riskTheRulesMiss: texts.filter((text) => text.risk && !text.flagged).length,
    ofWhichTheModelMaySpeakOn: texts.filter((text) => text.risk && !text.silent).length,
  };
  const model: StatisticalModelData = { trainedOn: trainingFingerprint(), ...learnt };
  return { model, report: { texts: tuning.length, benignTheRulesPass: benignTheModelMaySpeakOn, threshold, ...crossValidated } };
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
