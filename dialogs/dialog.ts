import type { ConsentChange, Reply, TurnInput, TurnResult } from '../domain/conversation.types.js';
import type { AlertDraft, EventDraft } from '../domain/case-record.types.js';

/** One conversation: answers the turn, or returns null when the message is not for it. */
export type Dialog = (input: TurnInput) => TurnResult | null;

export interface TurnOutcome {
  replies?: Reply[];
  events?: EventDraft[];
  alerts?: AlertDraft[];
  consent?: ConsentChange;
}

/** A handled turn that keeps the participant's memory as it was. */
export function handledTurn(input: TurnInput, outcome: TurnOutcome = {}): TurnResult {
  const result: TurnResult = {
    replies: outcome.replies ?? [],
    events: outcome.events ?? [],
    alerts: outcome.alerts ?? [],
    memory: input.memory,
  };
  if (outcome.consent !== undefined) result.consent = outcome.consent;
  return result;
}
