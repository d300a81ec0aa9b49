/**
 * What a risk-of-harm message is about. Each category has its own help (domain/wording/messages) and every one raises an
 * urgent `safeguarding` alert. Listed in the order their help comes first: a life at risk, then the more specific
 * harms before the general ones (a child, sexual violence and exploitation are often also told as "he hits me"), so an
 * alert's `category` is the first that was flagged.
 */
export const RISK_CATEGORIES = [
  'suicide',
  'self_harm',
  'child_at_risk',
  'sexual_violence',
  'exploitation',
  'domestic_abuse',
  'homeless_tonight',
  'violence',
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** One reason the screen flagged a message: which layer and rule, and the words that made it. */
export interface RiskFlag {
  category: RiskCategory;
  /** The rule's name, e.g. `intent-to-end-life`, or `model:<category>` for the statistical second opinion. */
  rule: string;
  /** The participant's words (normalised) that the rule matched. */
  words: string;
}

export interface RiskScreen {
  risk: boolean;
  /** The most urgent category flagged, or null when nothing was. */
  category: RiskCategory | null;
  /** Every category flagged, most urgent first. */
  categories: RiskCategory[];
  flags: RiskFlag[];
  /** One line for the key worker: rule and words of each flag. Empty when nothing was flagged. */
  reason: string;
}

export function mostUrgentFirst(categories: Iterable<RiskCategory>): RiskCategory[] {
  const present = new Set(categories);
  return RISK_CATEGORIES.filter((category) => present.has(category));
}
