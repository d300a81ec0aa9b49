import { parsePhoneNumberWithError } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

// Ofcom keeps 07700 900000–900999 for drama and tests; libphonenumber calls them invalid, we accept them.
const OFCOM_DRAMA_MOBILES = /^\+447700900\d{3}$/;

/** A UK mobile (national or international form) as E.164. Texts cannot reach landlines, so those are refused. */
export function normaliseMobile(input: string, defaultCountry: 'GB' = 'GB'): PhoneResult {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 32) return { ok: false, reason: 'is not a phone number' };
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(trimmed, defaultCountry);
  } catch {
    return { ok: false, reason: 'is not a phone number' };
  }
  if (OFCOM_DRAMA_MOBILES.test(parsed.number)) return { ok: true, e164: parsed.number };
  if (!parsed.isValid()) return { ok: false, reason: 'is not a valid phone number' };
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') {
    return { ok: false, reason: 'is not a mobile number, so it cannot receive texts' };
  }
  return { ok: true, e164: parsed.number };
}

/**
 * Any UK number a participant can ring back (landline, mobile, 03/08 numbers) as E.164: the number staff ring from.
 * Unlike `normaliseMobile`, a landline is fine here, since nobody texts it.
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
  if (OFCOM_DRAMA_MOBILES.test(parsed.number)) return { ok: true, e164: parsed.number };
  if (parsed.country !== 'GB' || !parsed.isValid()) return { ok: false, reason: 'is not a valid UK phone number' };
  return { ok: true, e164: parsed.number };
}

/** "+441614960000" as a participant would dial it: "0161 496 0000". */
export function ukNationalFormat(e164: string): string {
  try {
    return parsePhoneNumberWithError(e164, 'GB').formatNational();
  } catch {
    return e164;
  }
}
