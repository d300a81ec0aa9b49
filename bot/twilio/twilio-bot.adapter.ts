import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import type { ReplyKind } from '../../domain/conversation.types.js';

export interface CollectedReply {
  text: string;
  kind: ReplyKind;
}

const OUTBOX = Symbol('outbox');

/**
 * A botbuilder adapter for Twilio SMS and WhatsApp. It never talks to Twilio itself: replies are collected
 * during the turn and handed back, so the caller can commit them with the turn's outcome and send them
 * through the outbound queue exactly once.
 */
export class TwilioBotAdapter extends BotAdapter {
  /** Runs one turn for an inbound activity and returns what the bot said. */
  async runTurn(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<CollectedReply[]> {
    const context = new TurnContext(this, activity);
    const outbox: CollectedReply[] = [];
    context.turnState.set(OUTBOX, outbox);
    await this.runMiddleware(context, logic);
    return outbox;
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const outbox = context.turnState.get(OUTBOX) as CollectedReply[] | undefined;
    if (!outbox) throw new Error('sendActivities outside a turn run by TwilioBotAdapter');
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type !== ActivityTypes.Message || !activity.text) {
        responses.push({ id: '' });
        continue;
      }
      const kind = (activity.channelData as { kind?: ReplyKind } | undefined)?.kind ?? 'reply';
      outbox.push({ text: activity.text, kind });
      responses.push({ id: `${activity.conversation?.id ?? 'turn'}-${outbox.length}` });
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('SMS and WhatsApp messages cannot be edited once sent');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('SMS and WhatsApp messages cannot be deleted once sent');
  }

  /** Proactive turns (reminders, follow-ups) start from a conversation reference stored in the database. */
  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    await this.runTurn(activity, logic);
  }
}
