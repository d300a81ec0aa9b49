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
  /** The risk score above which the model flags (README: at most 1% more false alarms on benign texts the rules pass). */
  threshold: number;
  categoryBits: number;
  risk: QuantisedWeights;
  categories: Record<RiskCategory, QuantisedWeights>;
}
