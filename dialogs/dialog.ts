import type { TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';

/** One conversation: answers the turn, or returns null when the message is not for it. */
export type Dialog = (input: TurnInput) => TurnResult | null;

/** The parts of a turn's result a dialog usually sets; `handledTurn` fills in the rest. */
export type HandledTurn = Partial<Pick<TurnResult, 'replies' | 'events' | 'alerts' | 'consent'>>;

/** A handled turn that keeps the participant's memory as it was. */
export function handledTurn(input: TurnInput, outcome: HandledTurn = {}): TurnResult {
  const result: TurnResult = {
    replies: outcome.replies ?? [],
    events: outcome.events ?? [],
    alerts: outcome.alerts ?? [],
    memory: input.memory,
  };
  if (outcome.consent !== undefined) result.consent = outcome.consent;
  return result;
}
