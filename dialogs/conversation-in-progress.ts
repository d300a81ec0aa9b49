import type { ConversationMemory } from '../domain/conversation/conversation.types.js';
import { rememberedFollowUp } from './dna-follow-up.dialog.js';
import { pendingQuestion } from './reminder-reply.dialog.js';

/**
 * The questions the reminder and did-not-attend dialogs are still waiting on in a person's memory, with when they
 * were asked: a check-in or campaign message must not land in the middle of them.
 */
export function questionsWaitingInMemory(memory: ConversationMemory, now: Date): { reminderQuestionAskedAt: Date | null; dnaOfferAskedAt: Date | null } {
  const reminder = pendingQuestion(memory, now);
  const dna = rememberedFollowUp(memory);
  return {
    reminderQuestionAskedAt: reminder ? new Date(reminder.askedAt) : null,
    dnaOfferAskedAt: dna?.awaiting === 'rearrange' ? new Date(dna.askedAt) : null,
  };
}
