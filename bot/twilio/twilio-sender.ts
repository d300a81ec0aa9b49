import type { MessageListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/message.js';
import { parseTwilioAddress, toTwilioAddress, type Channel } from '../../domain/channel.js';
import type { SenderIdentity } from '../../domain/sending/send-reconcile.js';
import type { TwilioClient } from './twilio-client.js';

export interface TwilioSenderConfig {
  client: TwilioClient;
  /** `TWILIO_MESSAGING_SERVICE_SID` (MG…): preferred for SMS; also used for WhatsApp when no WhatsApp sender is set. */
  messagingServiceSid?: string;
  /** `TWILIO_SMS_FROM`: the SMS sender when there is no Messaging Service. */
  smsFrom?: string;
  /** `TWILIO_WHATSAPP_FROM`: `whatsapp:+44…` (the prefix is added if missing). */
  whatsappFrom?: string;
}

export interface TwilioSendRequest {
  /** The participant's number in E.164 (`+447…`); a `whatsapp:` prefix is tolerated. */
  to: string;
  channel: Channel;
  /** The text. Required unless `contentSid` is given. */
  body?: string;
  /** `{PUBLIC_BASE_URL}/twilio/status`. */
  statusCallback: string;
  /** Send from this number instead of the configured sender (e.g. the number the participant wrote to). */
  from?: string;
  /**
   * An approved template (HX…), for WhatsApp outside the 24-hour window (error 63016).
   * https://www.twilio.com/docs/content/send-templates-created-with-the-content-template-builder
   */
  contentSid?: string;
  /** The template's variables, `{"1": "Sam"}`; sent as the JSON string Twilio expects. */
  contentVariables?: Record<string, string>;
}

export interface TwilioSendResult {
  sid: string;
  /** `queued` when sent From a number, `accepted` when through a Messaging Service. */
  status: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Sends one SMS or WhatsApp message through the Messages API. Errors propagate untouched; callers sort them with
 * `classifyTwilioError`.
 */
export class TwilioMessageSender {
  readonly #config: TwilioSenderConfig;

  constructor(config: TwilioSenderConfig) {
    this.#config = config;
    // The SDK loads its Messages API on first use, which on a busy machine took 80-200 ms of the first send's
    // rate-limit slot; loaded here, at start, instead.
    void config.client.messages;
  }

  async send(request: TwilioSendRequest): Promise<TwilioSendResult> {
    const message = await this.#config.client.messages.create(this.#createOptions(request));
    return { sid: message.sid, status: message.status };
  }

  #createOptions(request: TwilioSendRequest): MessageListInstanceCreateOptions {
    const phone = parseTwilioAddress(request.to).phone;
    if (!E164.test(phone)) throw new Error('TwilioMessageSender: "to" must be an E.164 number');
    if (request.body === undefined && request.contentSid === undefined) {
      throw new Error('TwilioMessageSender: a message needs a body or a contentSid');
    }

    const options: MessageListInstanceCreateOptions = {
      to: toTwilioAddress(request.channel, phone),
      statusCallback: request.statusCallback,
      ...this.#sender(request),
    };
    if (request.contentSid !== undefined) {
      options.contentSid = request.contentSid;
      if (request.contentVariables !== undefined) options.contentVariables = JSON.stringify(request.contentVariables);
    } else {
      options.body = request.body;
    }
    return options;
  }

  /** Who a message on this channel goes from when the request names no sender: what Twilio's list shows for it. */
  senderFor(channel: Channel): SenderIdentity {
    return this.#sender({ channel });
  }

  #sender(request: Pick<TwilioSendRequest, 'channel' | 'from'>): SenderIdentity {
    const { messagingServiceSid, smsFrom, whatsappFrom } = this.#config;
    if (request.channel === 'whatsapp') {
      const from = request.from ?? whatsappFrom;
      if (from !== undefined) return { from: toTwilioAddress('whatsapp', parseTwilioAddress(from).phone) };
      if (messagingServiceSid !== undefined) return { messagingServiceSid };
      throw new Error('TwilioMessageSender: no WhatsApp sender configured (TWILIO_WHATSAPP_FROM)');
    }
    if (request.from !== undefined) return { from: parseTwilioAddress(request.from).phone };
    if (messagingServiceSid !== undefined) return { messagingServiceSid };
    if (smsFrom !== undefined) return { from: smsFrom };
    throw new Error('TwilioMessageSender: no SMS sender configured (TWILIO_MESSAGING_SERVICE_SID or TWILIO_SMS_FROM)');
  }
}
