export const CHANNELS = ['sms', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

const WHATSAPP_PREFIX = 'whatsapp:';

/** Twilio addresses WhatsApp users as `whatsapp:+44…`; SMS users as bare E.164. */
export function parseTwilioAddress(address: string): { channel: Channel; phone: string } {
  const trimmed = address.trim();
  if (trimmed.toLowerCase().startsWith(WHATSAPP_PREFIX)) {
    return { channel: 'whatsapp', phone: trimmed.slice(WHATSAPP_PREFIX.length) };
  }
  return { channel: 'sms', phone: trimmed };
}

export function toTwilioAddress(channel: Channel, phone: string): string {
  return channel === 'whatsapp' ? `${WHATSAPP_PREFIX}${phone}` : phone;
}
