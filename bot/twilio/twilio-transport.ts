import type { Config } from '../../domain/config.schema.js';
import type { DeliveryFailure, MessageTransport } from '../../domain/delivery.js';
import { SandboxTransport } from './sandbox-transport.js';
import { classifyTwilioError } from './send-errors.js';
import { createTwilioClient } from './twilio-client.js';
import { TwilioMessageSender } from './twilio-sender.js';

/** The transport the outbound worker uses: Twilio with credentials, the sandbox outbox without. */
export function createMessageTransport(config: Config): MessageTransport {
  if (config.sandbox || !config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return new SandboxTransport();
  const client = createTwilioClient({
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
    apiBaseUrl: config.TWILIO_API_BASE_URL,
  });
  const sender = new TwilioMessageSender({
    client,
    ...(config.TWILIO_MESSAGING_SERVICE_SID && { messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID }),
    ...(config.TWILIO_SMS_FROM && { smsFrom: config.TWILIO_SMS_FROM }),
    ...(config.TWILIO_WHATSAPP_FROM && { whatsappFrom: config.TWILIO_WHATSAPP_FROM }),
  });
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
  return { kind: classified.kind, code: classified.code, message: classified.message };
}
