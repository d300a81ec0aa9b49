import type { TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import { matchHelpKeyword, matchOptInKeyword, matchOptOutKeyword } from '../domain/reading/opt-out-keywords.js';
import { helpMessage, optInConfirmation, optOutConfirmation } from '../domain/wording/wording.js';
import { handledTurn } from './dialog.js';

/** STOP and friends, START/UNSTOP, and HELP/INFO. */
export function optOutDialog(input: TurnInput): TurnResult | null {
  const { participant } = input;

  const optOut = matchOptOutKeyword(input.text);
  if (optOut !== null) {
    // A second STOP gets silence: "one confirmation and nothing after" (CONTRACT.md).
    if (participant.optedOut) return handledTurn(input);
    return handledTurn(input, {
      consent: 'opted_out',
      events: [{ type: 'consent.opted_out', key: 'opt-out', data: { keyword: optOut } }],
      replies: [{ kind: 'opt_out_confirmation', text: optOutConfirmation(participant) }],
    });
  }

  const optIn = matchOptInKeyword(input.text);
  if (optIn !== null) {
    const replies = [{ kind: 'reply' as const, text: optInConfirmation(participant) }];
    if (!participant.optedOut) return handledTurn(input, { replies });
    return handledTurn(input, {
      consent: 'opted_in',
      events: [{ type: 'consent.opted_in', key: 'opt-in', data: { keyword: optIn } }],
      replies,
    });
  }

  // HELP is answered even after opting out: PECR allows a reply the person asked for.
  if (matchHelpKeyword(input.text) !== null) {
    return handledTurn(input, { replies: [{ kind: 'service', text: helpMessage(participant) }] });
  }

  return null;
}
