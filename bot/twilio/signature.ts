import twilio from 'twilio';

export type TwilioFormParams = Record<string, string | string[]>;

export interface TwilioSignatureCheck {
  /** `TWILIO_AUTH_TOKEN`. An empty token never validates. */
  authToken: string;
  /** `PUBLIC_BASE_URL`: the origin Twilio was told to call, never the internal host we listen on. */
  publicBaseUrl: string;
  /** The request path including its query string, as received (`req.url`). */
  path: string;
  /** The decoded form fields; repeated keys as arrays. */
  params: TwilioFormParams;
  /** The `X-Twilio-Signature` header, if any. */
  signature: string | undefined;
}

/** The URL Twilio signed: the public base URL (without a trailing slash) followed by the path as received. */
export function twilioSignedUrl(publicBaseUrl: string, path: string): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return path.startsWith('/') ? `${base}${path}` : `${base}/${path}`;
}

/**
 * Checks `X-Twilio-Signature` (HMAC-SHA1 over the URL and the sorted form fields).
 * https://www.twilio.com/docs/usage/security#validating-requests
 */
export function isValidTwilioSignature(check: TwilioSignatureCheck): boolean {
  if (!check.signature || !check.authToken) return false;
  try {
    return twilio.validateRequest(
      check.authToken,
      check.signature,
      twilioSignedUrl(check.publicBaseUrl, check.path),
      check.params,
    );
  } catch {
    // validateRequest falls back to `new URL(url)`, which throws on a malformed base URL: treat as not valid.
    return false;
  }
}
