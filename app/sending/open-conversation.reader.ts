import type { JsonObject } from '../../domain/case-record/case-record.types.js';
import { conversationStateKey, MEMORY_PROPERTY } from '../../domain/conversation/conversation-state-key.js';
import { openConversation, type OpenConversation } from '../../domain/sending/open-conversation.js';
import { SESSION_ANSWER_WINDOW_MS } from '../../domain/in-work/question-session.types.js';
import { questionsWaitingInMemory } from '../../dialogs/conversation-in-progress.js';
import { BotStateRepository } from '../../store/bot-state.repository.js';
import type { Executor } from '../../store/database.js';
import { FollowUpRepository } from '../../store/follow-up.repository.js';
import { MessageRepository } from '../../store/message.repository.js';
import { QuestionSessionRepository } from '../../store/question-session.repository.js';

/** Which conversation, if any, a person is in the middle of right now (see domain/sending/open-conversation.ts). */
export async function openConversationOf(db: Executor, participantId: string, now: Date): Promise<OpenConversation | null> {
  const messages = new MessageRepository(db);
  const stateKey = conversationStateKey(participantId);
  // One after another: `db` is often a transaction, which is one connection.
  const lastReminderAt = await messages.lastOutboundAt(participantId, 'reminder');
  const lastInboundAt = await messages.lastInboundAt(participantId);
  const dnaFollowUpActive = await new FollowUpRepository(db).hasActive(participantId, 'dna');
  const openSessionAskedAt = await new QuestionSessionRepository(db).openAskedAt(participantId, new Date(now.getTime() - SESSION_ANSWER_WINDOW_MS));
  const state = await new BotStateRepository(db).read([stateKey]);
  const stored = state.get(stateKey)?.data[MEMORY_PROPERTY];
  const memory = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as JsonObject) : {};
  return openConversation({
    now,
    lastReminderAt: lastReminderAt ?? null,
    lastInboundAt: lastInboundAt ?? null,
    dnaFollowUpActive,
    openSessionAskedAt,
    ...questionsWaitingInMemory(memory, now),
  });
}
