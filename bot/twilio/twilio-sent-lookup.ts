import { toTwilioAddress } from '../../domain/channel.js';
import type { ProviderMessage, SenderIdentity, SentMessageLookup, SentMessageQuery } from '../../domain/send-reconcile.js';
import type { TwilioClient } from './twilio-client.js';
import type { TwilioMessageSender } from './twilio-sender.js';

/** More messages to one person in a day than this would be a flood the daily cap forbids. */
const LIST_LIMIT = 200;

/**
 * Looks a send up in Twilio's Messages list: `To` the person, `DateSent>=` the start of the claim's day (GMT, as
 * Twilio filters: https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources),
 * newest first, through the SDK's paging. Errors propagate: a failed lookup is tried again at the next sweep.
 */
export class TwilioSentMessageLookup implements SentMessageLookup {
  constructor(
    private readonly client: TwilioClient,
    private readonly sender: Pick<TwilioMessageSender, 'senderFor'>,
  ) {}

  async findSent(query: SentMessageQuery): Promise<ProviderMessage[]> {
    const since = new Date(query.since);
    since.setUTCHours(0, 0, 0, 0);
    const listed = await this.client.messages.list({ to: toTwilioAddress(query.channel, query.phone), dateSentAfter: since, limit: LIST_LIMIT });
    return listed.map((m) => ({
      sid: m.sid,
      direction: m.direction,
      to: m.to,
      from: m.from ?? null,
      messagingServiceSid: m.messagingServiceSid ?? null,
      body: m.body ?? '',
      status: m.status,
      errorCode: m.errorCode ?? null,
      dateCreated: m.dateCreated ?? null,
    }));
  }

  senderFor(channel: SentMessageQuery['channel']): SenderIdentity {
    return this.sender.senderFor(channel);
  }
}
