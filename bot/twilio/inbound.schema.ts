import { z } from 'zod';
import { parseTwilioAddress, type Channel } from '../../domain/channel.js';
import { accountSidSchema, messageSidSchema } from './twilio-sids.js';

/**
 * Twilio concatenates SMS up to 1,600 characters and WhatsApp bodies go up to 4,096
 * (https://www.twilio.com/docs/messaging/guides/how-long-can-an-sms-be). Anything past this is not from Twilio.
 */
export const INBOUND_BODY_MAX_CHARS = 5000;

/** Twilio sends at most 10 media items per message (MediaUrl0…MediaUrl9). */
export const INBOUND_MAX_MEDIA = 10;

const MEDIA_URL_KEY = /^MediaUrl(\d+)$/;

/** Twilio sends some fields empty (`FromCity=`); an empty optional field means absent. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((value) => (value === '' ? undefined : value));

// Addresses are numbers with an optional channel prefix: control characters mean a forged or broken form.
const address = z.string().trim().min(1).max(64).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export interface InboundMessage {
  messageSid: string;
  accountSid: string;
  /** The participant: channel from the `whatsapp:` prefix, phone as Twilio gave it (E.164 in practice). */
  from: { channel: Channel; phone: string };
  /** Our number as Twilio addressed it (`+44…` or `whatsapp:+44…`): the sender to reply from. */
  to: string;
  body: string;
  numMedia: number;
  /** MediaUrl0, MediaUrl1, … in index order. */
  mediaUrls: string[];
  /** WhatsApp only: the name on the participant's profile. Untrusted; never use it as their name unasked. */
  profileName?: string;
  /** WhatsApp only: the participant's WhatsApp id (their number without `+`). */
  waId?: string;
}

/**
 * The inbound message webhook form (https://www.twilio.com/docs/messaging/guides/webhook-request), parsed into an
 * {@link InboundMessage}. Unknown fields (ToCountry, SmsSid, NumSegments, …) are allowed and ignored.
 */
export const inboundWebhookSchema = z
  .looseObject({
    MessageSid: messageSidSchema,
    AccountSid: accountSidSchema,
    From: address,
    To: address,
    // PostgreSQL text cannot hold NUL; no phone sends one on purpose, so it is dropped rather than refused.
    Body: z
      .string()
      .max(INBOUND_BODY_MAX_CHARS)
      .default('')
      .transform((body) => body.replaceAll('\u0000', '')),
    NumMedia: z
      .string()
      .regex(/^\d{1,2}$/, 'NumMedia must be a small whole number')
      .optional()
      .transform((value) => (value === undefined ? 0 : Number(value)))
      .pipe(z.number().int().max(INBOUND_MAX_MEDIA)),
    ProfileName: optionalText(256),
    WaId: optionalText(32),
  })
  .transform((form, ctx): InboundMessage => {
    const media: Array<{ index: number; url: string }> = [];
    for (const [key, value] of Object.entries(form)) {
      const match = MEDIA_URL_KEY.exec(key);
      if (!match) continue;
      if (typeof value !== 'string' || !URL.canParse(value)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'media URL must be a single absolute URL' });
        continue;
      }
      media.push({ index: Number(match[1]), url: value });
    }
    media.sort((a, b) => a.index - b.index);

    const from = parseTwilioAddress(form.From);
    if (from.phone === '') {
      ctx.addIssue({ code: 'custom', path: ['From'], message: 'From has no number after the channel prefix' });
    }

    const message: InboundMessage = {
      messageSid: form.MessageSid,
      accountSid: form.AccountSid,
      from,
      to: form.To,
      body: form.Body,
      numMedia: form.NumMedia,
      mediaUrls: media.map((item) => item.url),
    };
    if (form.ProfileName !== undefined) message.profileName = form.ProfileName;
    if (form.WaId !== undefined) message.waId = form.WaId;
    return message;
  });

/** Parses a decoded inbound webhook form. A failure is a `400` with the issues; nothing should be stored. */
export function parseInboundWebhook(form: Record<string, unknown>): z.ZodSafeParseResult<InboundMessage> {
  return inboundWebhookSchema.safeParse(form);
}
