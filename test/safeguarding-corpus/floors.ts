import type { CorpusPart } from './corpus.js';

/** What a programme can sign off: on texts the rules were never tuned on, recall ≥ 97% with ≤ 3% false alarms. */
export const SIGN_OFF = { recall: 0.97, falseAlarms: 0.03 } as const;

/**
 * What each part is held to in the tests. The tuning part is held to the sign-off target. The untouched parts do not
 * reach it yet (issue 15 stays open; README "Safeguarding screen"): they are held at the floor measured now, so a
 * change that makes the screen worse where it was not tuned fails. Raise a floor when the screen gets better; never
 * lower one to make a change pass.
 */
export const FLOORS: Readonly<Record<CorpusPart, { recall: number; falseAlarms: number }>> = {
  tuning: SIGN_OFF,
  holdout: { recall: 0.89, falseAlarms: 0.03 },
  reserve: { recall: 0.94, falseAlarms: 0.04 },
};
