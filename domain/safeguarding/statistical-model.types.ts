import type { RiskCategory } from './risk-category.js';

/** The trained second opinion as statistical-model.data.ts holds it (written by `npm run train:safeguarding`). */
export interface QuantisedWeights {
  /** A weight is its signed byte times this. */
  scale: number;
  /** Signed bytes, base64. */
  weights: string;
}

export interface StatisticalModelData {
  /** SHA-256 of tuning.jsonl and of the screen's sources the model was trained with (a test compares them). */
  trainedOn: { corpus: string; sources: string };
  /**
   * The risk score (the mean of the two risk models' probabilities) at or above which the model flags (README: at most
   * 1% more false alarms on benign texts the rules pass).
   */
  threshold: number;
  categoryBits: number;
  /** The risk model over all the features, FEATURE_BITS buckets. */
  risk: QuantisedWeights;
  /** A second risk model over the features that are not letter grams, on the low `wordRiskBits` bits of their buckets. */
  wordRisk: QuantisedWeights;
  wordRiskBits: number;
  categories: Record<RiskCategory, QuantisedWeights>;
}
