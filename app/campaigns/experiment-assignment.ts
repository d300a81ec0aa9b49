import { randomInt } from 'node:crypto';
import { isVariantOf, type ExperimentMessage, type VariantOf } from '../../domain/campaigns/experiment.types.js';
import type { Executor } from '../../store/database.js';
import { ExperimentRepository } from '../../store/experiment.repository.js';
import type { ParticipantRow } from '../../store/schema.js';

export interface ExperimentVariant<M extends ExperimentMessage> {
  experimentId: string;
  variant: VariantOf<M>;
}

/**
 * The wording a participant gets for `message` under the active experiment that covers them, if any. The first
 * time, a variant is drawn uniformly at random (node:crypto, so nobody can predict or steer it) and stored; every
 * later message reads the stored one, so a person always gets the same wording. Call it inside the transaction
 * that sends the message: the assignment and the send are committed together, or neither is.
 *
 * @param pickIndex draws an index below `n`; tests may pass their own. @defaultValue node:crypto `randomInt`
 */
export async function experimentVariantFor<M extends ExperimentMessage>(
  tx: Executor,
  message: M,
  participant: Pick<ParticipantRow, 'id' | 'team'>,
  at: Date,
  pickIndex: (n: number) => number = randomInt,
): Promise<ExperimentVariant<M> | undefined> {
  const experiments = new ExperimentRepository(tx);
  const experiment = await experiments.activeCovering(message, participant.team);
  if (!experiment) return undefined;
  const variants = experiment.variants.filter((v): v is VariantOf<M> => isVariantOf(message, v));
  const proposed = variants[pickIndex(variants.length)];
  if (proposed === undefined) return undefined;
  const variant = await experiments.assign(experiment.id, participant.id, proposed, at);
  // A stored variant whose wording no longer exists (a later release dropped it) falls back to the default wording.
  return isVariantOf(message, variant) ? { experimentId: experiment.id, variant } : undefined;
}
