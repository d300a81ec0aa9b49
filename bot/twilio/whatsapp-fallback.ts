import type { Config } from '../../domain/config.schema.js';
import type { WhatsAppFallback } from '../../domain/sending/delivery.js';

/** Outside WhatsApp's 24-hour window: an approved template if one is set, else SMS if we can send SMS. */
export function whatsappFallbackFor(config: Config): WhatsAppFallback {
  if (config.TWILIO_WHATSAPP_FALLBACK_CONTENT_SID) {
    return { kind: 'template', contentSid: config.TWILIO_WHATSAPP_FALLBACK_CONTENT_SID };
  }
  if (config.sandbox || config.TWILIO_MESSAGING_SERVICE_SID || config.TWILIO_SMS_FROM) return { kind: 'sms' };
  return { kind: 'none' };
}
