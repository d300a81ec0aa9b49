/** Where a person's conversation memory is kept (botbuilder state key), for the bot and for readers outside a turn. */
export const conversationStateKey = (participantId: string) => `participants/${participantId}/conversation`;
/** The property of that state the dialogs' memory is in. */
export const MEMORY_PROPERTY = 'memory';
