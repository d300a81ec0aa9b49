import { z } from 'zod';
import { parseTwilioAddress, type Channel } from '../../domain/channel.js';
import { ACCOUNT_SID_PATTERN, MESSAGE_SID_PATTERN, accountSidSchema, messageSidSchema } from './twilio-sids.js';

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
  const plain = plainInboundForm(form);
  return plain ? ({ success: true, data: plain } as z.ZodSafeParseResult<InboundMessage>) : inboundWebhookSchema.safeParse(form);
}

const MEDIA_URL_PREFIX = 'MediaUrl';

/** A string of at most `max` UTF-16 units (so at most `max` characters, as zod counts them). */
const shortString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

/** Whether the text holds a control character (`\p{Cc}`: U+0000–U+001F, U+007F–U+009F). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** `address` above for a value it accepts as it is: trimmed, 1–64 characters, no control character. */
function plainAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= 64 && !hasControl(trimmed) ? trimmed : undefined;
}

/**
 * The schema's answer for a form as Twilio sends every text — no media, every field a single string well within
 * its limit — read without zod (about a tenth of a webhook's own CPU went to it). Anything else, or anything this
 * does not accept, is `undefined` and goes to the schema, which decides and words the issues; a property test holds
 * the two to the same answers.
 */
function plainInboundForm(form: Record<string, unknown>): InboundMessage | undefined {
  const { MessageSid, AccountSid, Body, NumMedia, ProfileName, WaId } = form;
  if (typeof MessageSid !== 'string' || !MESSAGE_SID_PATTERN.test(MessageSid)) return undefined;
  if (typeof AccountSid !== 'string' || !ACCOUNT_SID_PATTERN.test(AccountSid)) return undefined;
  const fromAddress = plainAddress(form.From);
  const to = plainAddress(form.To);
  if (fromAddress === undefined || to === undefined) return undefined;
  if (Body !== undefined && !shortString(Body, INBOUND_BODY_MAX_CHARS)) return undefined;
  if (NumMedia !== undefined && NumMedia !== '0') return undefined;
  if (ProfileName !== undefined && !shortString(ProfileName, 256)) return undefined;
  if (WaId !== undefined && !shortString(WaId, 32)) return undefined;
  for (const key in form) if (key.startsWith(MEDIA_URL_PREFIX)) return undefined;
  const from = parseTwilioAddress(fromAddress);
  if (from.phone === '') return undefined;
  const message: InboundMessage = {
    messageSid: MessageSid,
    accountSid: AccountSid,
    from,
    to,
    body: Body === undefined ? '' : Body.replaceAll('\u0000', ''),
    numMedia: 0,
    mediaUrls: [],
  };
  if (ProfileName) message.profileName = ProfileName;
  if (WaId) message.waId = WaId;
  return message;
}
