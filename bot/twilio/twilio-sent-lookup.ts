import { toTwilioAddress } from '../../domain/channel.js';
import type { ProviderMessage, SenderIdentity, SentMessageLookup, SentMessageQuery } from '../../domain/sending/send-reconcile.js';
import type { TwilioClient } from './twilio-client.js';
import type { TwilioMessageSender } from './twilio-sender.js';

/** More messages to one person in a day than this would be a flood the daily cap forbids. */
const LIST_LIMIT = 200;

/**
 * Looks a send up in Twilio's Messages list: `To` the person, `DateSent>=` the start of the claim's day (GMT, as
 * Twilio filters: https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources),
 * newest first, through the SDK's paging, and the person's latest messages without a date (one not sent yet). Errors propagate: a failed lookup is tried again at the next sweep.
 */
export class TwilioSentMessageLookup implements SentMessageLookup {
  constructor(
    private readonly client: TwilioClient,
    private readonly sender: Pick<TwilioMessageSender, 'senderFor'>,
  ) {}

  async findSent(query: SentMessageQuery): Promise<ProviderMessage[]> {
    const since = new Date(query.since);
    since.setUTCHours(0, 0, 0, 0);
    const to = toTwilioAddress(query.channel, query.phone);
    const sentSince = await this.client.messages.list({ to, dateSentAfter: since, limit: LIST_LIMIT });
    // A message Twilio still holds unsent (queued behind a throttled Messaging Service) has no DateSent yet, so the
    // dated list leaves it out: the person's latest messages, undated, find it rather than send it a second time.
    const latest = await this.client.messages.list({ to, limit: LIST_LIMIT });
    const listed = [...new Map([...sentSince, ...latest].map((m) => [m.sid, m])).values()];
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
