import { contactConfirmedThanks } from '../domain/wording/contact-wording.js';
import { parseReminderReply } from '../domain/reading/reply-parsing.js';
import { handledTurn, type Dialog } from './dialog.js';

// "yes it's me", "yes that is me", "yep this is me": the welcome asked exactly this.
const YES_ITS_ME = /^(yes|yeah|yep|yea|y)\b[\s,.!]*((it is|it's|its|that's|thats|that is|this is)\b[\s]*)?(me\b)?[\s.!]*$/i;

/** "YES" (or "IE") to the welcome ("reply YES if this is you"): thanks, and nothing passed on as free text. */
export const contactConfirmationDialog: Dialog = (input) => {
  if (!input.welcomePending) return null;
  // A reminder has gone since the welcome (the welcome is always first): "yes" now answers the reminder. Any reply
  // still confirms the number (the turn records it when the welcome ends), so nothing is lost by stepping aside.
  if (input.appointments.some((a) => a.lastRemindedAt !== null)) return null;
  const text = input.text.trim().replaceAll('\u2019', "'");
  if (parseReminderReply(text) !== 'confirm' && !YES_ITS_ME.test(text)) return null;
  if (input.participant.optedOut) return handledTurn(input, {});
  return handledTurn(input, {
    replies: [{ kind: 'reply', text: contactConfirmedThanks(input.participant) }],
  });
};
