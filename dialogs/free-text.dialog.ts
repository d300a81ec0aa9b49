import type { TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import { passedOnToKeyWorker } from '../domain/wording/wording.js';
import { handledTurn } from './dialog.js';

/** The last resort: whatever no other dialog placed goes to the key worker as it was written. */
export function freeTextDialog(input: TurnInput): TurnResult {
  return handledTurn(input, {
    alerts: [{ type: 'message_for_key_worker', key: 'free-text', data: { text: input.text } }],
    // Someone who opted out still reaches their key worker, but the bot stays quiet.
    replies: input.participant.optedOut ? [] : [{ kind: 'reply', text: passedOnToKeyWorker(input.participant) }],
  });
}
