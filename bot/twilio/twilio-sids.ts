import { z } from 'zod';

/**
 * Twilio resource SIDs are a two-letter type prefix and 32 hex digits
 * (https://www.twilio.com/docs/glossary/what-is-a-sid). The patterns accept any alphanumeric tail of 10–64 so that
 * hand-made test SIDs pass; the prefix is what matters.
 */
export const MESSAGE_SID_PATTERN = /^(SM|MM)[0-9a-zA-Z]{10,64}$/;
export const ACCOUNT_SID_PATTERN = /^AC[0-9a-zA-Z]{10,64}$/;

export const messageSidSchema = z.string().regex(MESSAGE_SID_PATTERN, 'not a Twilio message SID (SM… or MM…)');
export const accountSidSchema = z.string().regex(ACCOUNT_SID_PATTERN, 'not a Twilio account SID (AC…)');
