import type { CorpusPart } from './corpus.js';

/** What a programme can sign off: on texts the rules were never tuned on, recall ≥ 97% with ≤ 3% false alarms. */
export const SIGN_OFF = { recall: 0.97, falseAlarms: 0.03 } as const;

/**
 * What each part is held to in the tests: every part at the sign-off target, and ordinary messages (`everyday`, no
 * risk texts) at the false alarms measured when the second opinion was switched on (1.6%), so a change that makes
 * everyday life look like a crisis more often fails. Never lower a floor to make a change pass.
 */
export const FLOORS: Readonly<Record<CorpusPart, { recall: number; falseAlarms: number }>> = {
  tuning: SIGN_OFF,
  holdout: SIGN_OFF,
  reserve: SIGN_OFF,
  everyday: { recall: 1, falseAlarms: 0.02 },
};
