import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { normaliseMobile, type PhoneResult } from './phone.js';

// Ofcom keeps these for drama and tests; libphonenumber calls some of them invalid, we accept them.
const OFCOM_DRAMA_NUMBERS = [/^\+447700900\d{3}$/, /^\+441632960\d{3}$/];

/**
 * A member of staff's work phone: any UK number (a landline or a mobile, national or +44 form) as E.164. It is the
 * number participants are rung from, so a landline is fine; a number abroad is not.
 */
export function normaliseUkPhone(input: string): PhoneResult {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 32) return { ok: false, reason: 'is not a phone number' };
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(trimmed, 'GB');
  } catch {
    return { ok: false, reason: 'is not a phone number' };
  }
  if (OFCOM_DRAMA_NUMBERS.some((pattern) => pattern.test(parsed.number))) return { ok: true, e164: parsed.number };
  if (parsed.countryCallingCode !== '44') return { ok: false, reason: 'is not a UK number' };
  if (!parsed.isValid()) return { ok: false, reason: 'is not a valid UK phone number' };
  return { ok: true, e164: parsed.number };
}

/** Whether a stored work phone can take a text (an escalation): only a mobile can. */
export function canTakeTexts(e164: string): boolean {
  return normaliseMobile(e164).ok;
}
