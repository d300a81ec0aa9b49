import type { TurnInput, TurnResult } from '../domain/conversation.types.js';
import { screenForRisk } from '../domain/safeguarding-screen.js';
import { crisisSignposting } from '../domain/wording.js';
import { handledTurn } from './dialog.js';

/**
 * Runs before every other dialog and whatever the consent state: someone who has opted out
 * but tells us they are at risk still gets signposting, because they started the contact.
 */
export function safeguardingDialog(input: TurnInput): TurnResult | null {
  const screen = screenForRisk(input.text);
  if (!screen.risk) return null;
  return handledTurn(input, {
    replies: [{ kind: 'crisis', text: crisisSignposting(input.participant) }],
    alerts: [
      {
        type: 'safeguarding',
        key: 'safeguarding',
        data: { categories: screen.categories, matched: screen.matched },
      },
    ],
  });
}
