import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';

/**
 * A botbuilder adapter for Twilio SMS and WhatsApp. It never talks to Twilio itself: the bot's replies travel in
 * the turn's result (`EngagementBot.resultOf`), which the caller commits with the rest of the turn and sends
 * through the outbound queue exactly once. Sending an activity here only acknowledges it.
 */
export class TwilioBotAdapter extends BotAdapter {
  /** Runs one turn for an inbound activity. */
  async runTurn(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return activities.map((activity, index) =>
      activity.type === ActivityTypes.Message && activity.text ? { id: `${context.activity.conversation?.id ?? 'turn'}-${index + 1}` } : { id: '' },
    );
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
