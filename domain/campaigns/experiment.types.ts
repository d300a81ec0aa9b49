import { REMINDER_VARIANTS } from '../wording/reminder-wording.js';

/**
 * Wording experiments: which participant-facing messages can be compared, and the wordings (variants) each has.
 * Only the appointment reminder for now; a message joins this table when its wording offers variants.
 */
export const EXPERIMENT_VARIANTS = {
  reminder: REMINDER_VARIANTS,
} as const satisfies Record<string, readonly [string, string, ...string[]]>;

export type ExperimentMessage = keyof typeof EXPERIMENT_VARIANTS;
export type VariantOf<M extends ExperimentMessage> = (typeof EXPERIMENT_VARIANTS)[M][number];

export const EXPERIMENT_MESSAGES = Object.keys(EXPERIMENT_VARIANTS) as [ExperimentMessage, ...ExperimentMessage[]];

export type ExperimentStatus = 'active' | 'stopped';

export function isVariantOf<M extends ExperimentMessage>(message: M, variant: string): variant is VariantOf<M> {
  return (EXPERIMENT_VARIANTS[message] as readonly string[]).includes(variant);
}
