import type { Request } from 'restify';
import type { Config } from '../../domain/config.schema.js';
import { isValidTwilioSignature, type TwilioFormParams } from '../twilio/signature.js';

/** The decoded form, as restify's body parser left it (repeated keys are arrays). */
export function formParams(req: Request): TwilioFormParams {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const params: TwilioFormParams = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value)) params[key] = value.map(String);
    else if (value !== undefined && value !== null) params[key] = String(value);
  }
  return params;
}

export function isFormRequest(req: Request): boolean {
  return (req.header('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/**
 * Checked against PUBLIC_BASE_URL + the path as received, never the host we listen on. Without an auth token
 * (sandbox mode) there is nothing to check against, as the contract says.
 */
export function hasValidTwilioSignature(req: Request, config: Config): boolean {
  if (!config.TWILIO_AUTH_TOKEN) return true;
  return isValidTwilioSignature({
    authToken: config.TWILIO_AUTH_TOKEN,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    path: req.url ?? '/',
    params: formParams(req),
    signature: req.header('x-twilio-signature') || undefined,
  });
}
