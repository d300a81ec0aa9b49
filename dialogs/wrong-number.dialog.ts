import type { TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import { wrongNumberApology } from '../domain/wording/contact-wording.js';
import { isWrongNumberReply } from '../domain/reading/wrong-number.js';
import { handledTurn } from './dialog.js';

/**
 * "Wrong number", "not me", "who is this? I don't know them": the number is marked wrong (`wrongNumber`), so
 * nothing more goes to it, the key worker is alerted to fix it, and the stranger gets one apology that names
 * nobody but the programme. Someone who has opted out gets no reply, but the key worker still hears.
 */
export function wrongNumberDialog(input: TurnInput): TurnResult | null {
  const { participant, text } = input;
  if (!isWrongNumberReply(text, { participant: participant.firstName, keyWorker: participant.keyWorkerName })) return null;

  const result = handledTurn(input, {
    events: [{ type: 'contact.wrong_number', key: 'wrong-number', data: { text } }],
    alerts: [{ type: 'wrong_number', key: 'wrong-number', data: { text } }],
    replies: participant.optedOut ? [] : [{ kind: 'wrong_number_apology', text: wrongNumberApology(participant.programmeName, participant.language) }],
  });
  return { ...result, wrongNumber: true };
}
