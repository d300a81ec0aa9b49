import { CONFIDENCE_DROP_POINTS, type PulseQuestion } from './pulse-instruments.js';

export type ConfidenceConcern = { kind: 'dropped'; by: number; previous: number } | { kind: 'low'; atOrBelow: number };

/**
 * Whether a pulse answer should reach the in-work team as `confidence_drop`: a fall of two points or more from the
 * person's previous answer to the same question, or a score at or below the question's own concern line.
 */
export function confidenceConcern(question: PulseQuestion, score: number, previous: number | null): ConfidenceConcern | null {
  if (previous !== null && previous - score >= CONFIDENCE_DROP_POINTS) return { kind: 'dropped', by: previous - score, previous };
  if (question.concernAtOrBelow !== undefined && score <= question.concernAtOrBelow) return { kind: 'low', atOrBelow: question.concernAtOrBelow };
  return null;
}

export interface ScorePoint {
  at: Date;
  score: number;
}

/** The latest score and its change from the one before, for the participant's trend. */
export function scoreTrend(points: readonly ScorePoint[]): { latest: number | null; change: number | null } {
  const sorted = [...points].sort((a, b) => a.at.getTime() - b.at.getTime());
  const latest = sorted.at(-1);
  const before = sorted.at(-2);
  return { latest: latest?.score ?? null, change: latest && before ? latest.score - before.score : null };
}
