import { z } from 'zod';
import { MESSAGE_STATUSES, type MessageStatus } from './message-status.js';
import { accountSidSchema, messageSidSchema } from './twilio-sids.js';

export interface StatusCallback {
  messageSid: string;
  status: MessageStatus;
  /** Set on `failed`/`undelivered` (https://www.twilio.com/docs/api/errors). */
  errorCode?: number;
  errorMessage?: string;
  accountSid?: string;
  to?: string;
  from?: string;
}

/**
 * Twilio sends `ErrorCode=` empty on some callbacks; empty means none. NUL characters are dropped: PostgreSQL text
 * cannot hold them, and a forged or garbled callback must get an answer, not a 500.
 */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((value) => {
      const text = value?.replaceAll('\u0000', '');
      return text === '' ? undefined : text;
    });

/**
 * The message status callback form
 * (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status). An unknown `MessageStatus` fails
 * the parse (a `400`): better to hear about a new status than to store a wrong one.
 */
export const statusCallbackSchema = z
  .looseObject({
    MessageSid: messageSidSchema,
    MessageStatus: z.enum(MESSAGE_STATUSES),
    ErrorCode: optionalText(10).pipe(
      z
        .string()
        .regex(/^\d{1,9}$/, 'ErrorCode must be numeric')
        .transform(Number)
        .optional(),
    ),
    ErrorMessage: optionalText(1024),
    AccountSid: accountSidSchema.optional(),
    To: optionalText(64),
    From: optionalText(64),
  })
  .transform((form): StatusCallback => {
    const callback: StatusCallback = { messageSid: form.MessageSid, status: form.MessageStatus };
    if (form.ErrorCode !== undefined) callback.errorCode = form.ErrorCode;
    if (form.ErrorMessage !== undefined) callback.errorMessage = form.ErrorMessage;
    if (form.AccountSid !== undefined) callback.accountSid = form.AccountSid;
    if (form.To !== undefined) callback.to = form.To;
    if (form.From !== undefined) callback.from = form.From;
    return callback;
  });

/** Parses a decoded status callback form. A failure is a `400`; nothing should change. */
export function parseStatusCallback(form: Record<string, unknown>): z.ZodSafeParseResult<StatusCallback> {
  return statusCallbackSchema.safeParse(form);
}
