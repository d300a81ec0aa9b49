import type { TurnInput, TurnResult } from '../domain/conversation/conversation.types.js';
import { checkInDialog } from './check-in.dialog.js';
import { contactConfirmationDialog } from './contact-confirmation.dialog.js';
import type { Dialog } from './dialog.js';
import { dnaFollowUpDialog } from './dna-follow-up.dialog.js';
import { freeTextDialog } from './free-text.dialog.js';
import { optOutDialog } from './opt-out.dialog.js';
import { pulseDialog } from './pulse.dialog.js';
import { reminderReplyDialog } from './reminder-reply.dialog.js';
import { safeguardingDialog } from './safeguarding.dialog.js';
import { wrongNumberDialog } from './wrong-number.dialog.js';

export type { Dialog } from './dialog.js';

/** Dialogs in the order they are asked; the first that answers takes the turn. */
export type DialogList = readonly Dialog[];

/**
 * Safeguarding first, then the consent keywords, so neither can be swallowed by a conversation in
 * progress; then "wrong number", which ends every conversation with that phone. Check-ins and pulses come before
 * the did-not-attend and reminder replies: they are only sent when neither of those is open, and step aside
 * themselves when a reminder or follow-up went out after their question, so each reply reaches the question it
 * answers. Free text catches everything and so stays last.
 */
export const DIALOGS: DialogList = [
  safeguardingDialog,
  optOutDialog,
  wrongNumberDialog,
  contactConfirmationDialog,
  checkInDialog,
  pulseDialog,
  dnaFollowUpDialog,
  reminderReplyDialog,
  freeTextDialog,
];

export function runTurn(input: TurnInput, dialogs: DialogList = DIALOGS): TurnResult {
  for (const dialog of dialogs) {
    const result = dialog(input);
    if (result !== null) return result;
  }
  return { replies: [], events: [], alerts: [], memory: input.memory };
}
