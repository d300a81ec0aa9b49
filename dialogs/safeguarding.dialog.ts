import type { TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import { riskHelpMessage } from '../domain/wording/risk-help-wording.js';
import { screenForRisk } from '../domain/safeguarding/screen.js';
import { handledTurn } from './dialog.js';

/**
 * Runs before every other dialog and whatever the consent state: someone who has opted out
 * but tells us they are at risk still gets signposting, because they started the contact.
 * The help fits what they told us (the most urgent concern first); out of the team's working hours it also says
 * when their key worker is back.
 */
export function safeguardingDialog(input: TurnInput): TurnResult | null {
  const screen = screenForRisk(input.text);
  if (!screen.risk) return null;
  const keyWorker = input.keyWorkerAvailability ?? { atWorkNow: true };
  return handledTurn(input, {
    replies: [{ kind: 'crisis', text: riskHelpMessage(input.participant, screen.categories, keyWorker, input.now, input.participant.timeZone) }],
    alerts: [
      {
        type: 'safeguarding',
        key: 'safeguarding',
        data: {
          category: screen.category,
          categories: screen.categories,
          reason: screen.reason,
          flags: screen.flags.map((flag) => ({ ...flag })),
        },
      },
    ],
  });
}
