import type { Config } from '../../domain/config.schema.js';
import type { DeliveryFailure, MessageTransport } from '../../domain/sending/delivery.js';
import type { SentMessageLookup } from '../../domain/sending/send-reconcile.js';
import { SandboxSentMessageLookup } from './sandbox-sent-lookup.js';
import { SandboxTransport } from './sandbox-transport.js';
import { classifyTwilioError } from './send-errors.js';
import { createTwilioClient, type TwilioClient } from './twilio-client.js';
import { TwilioMessageSender } from './twilio-sender.js';
import { TwilioSentMessageLookup } from './twilio-sent-lookup.js';

function twilioFor(config: Config): { client: TwilioClient; sender: TwilioMessageSender } | undefined {
  if (config.sandbox || !config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return undefined;
  const client = createTwilioClient({
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
    apiBaseUrl: config.TWILIO_API_BASE_URL,
    timeoutMs: config.TWILIO_REQUEST_TIMEOUT_MS,
  });
  const sender = new TwilioMessageSender({
    client,
    ...(config.TWILIO_MESSAGING_SERVICE_SID && { messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID }),
    ...(config.TWILIO_SMS_FROM && { smsFrom: config.TWILIO_SMS_FROM }),
    ...(config.TWILIO_WHATSAPP_FROM && { whatsappFrom: config.TWILIO_WHATSAPP_FROM }),
  });
  return { client, sender };
}

/** Where a send cut mid-call is looked up: Twilio's Messages list with credentials, nowhere (nothing left) without. */
export function createSentMessageLookup(config: Config): SentMessageLookup {
  const twilio = twilioFor(config);
  return twilio ? new TwilioSentMessageLookup(twilio.client, twilio.sender) : new SandboxSentMessageLookup();
}

/** The transport the outbound worker uses: Twilio with credentials, the sandbox outbox without. */
export function createMessageTransport(config: Config): MessageTransport {
  const twilio = twilioFor(config);
  if (!twilio) return new SandboxTransport();
  const { sender } = twilio;
  const statusCallback = `${config.PUBLIC_BASE_URL}/twilio/status`;
  return {
    send: (message) =>
      sender.send({
        to: message.to,
        channel: message.channel,
        body: message.body,
        statusCallback: message.statusCallback ?? statusCallback,
        ...(message.contentSid && { contentSid: message.contentSid }),
        ...(message.contentVariables && { contentVariables: message.contentVariables }),
      }),
  };
}

/** Never keep the raw SDK error: it holds the request, Basic auth header included. */
export function classifySendFailure(error: unknown): DeliveryFailure {
  const classified = classifyTwilioError(error);
  return { kind: classified.kind, code: classified.code, message: classified.message, ...(classified.maybeSent && { maybeSent: true }) };
}
