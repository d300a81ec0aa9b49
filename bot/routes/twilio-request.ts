import type { Request } from 'restify';
import type { Config } from '../../domain/config.schema.js';
import { isValidTwilioSignature, type TwilioFormParams } from '../twilio/signature.js';

/** What a Twilio webhook's answer depends on: the path it was posted to, its signature header and its form. */
export interface TwilioWebhookRequest {
  /** The path including its query string, as received (`req.url`). */
  path: string;
  signature: string | undefined;
  params: TwilioFormParams;
}

/** The decoded form, as restify's body parser (qs) leaves it (repeated keys are arrays). */
export function formParams(body: unknown): TwilioFormParams {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const params: TwilioFormParams = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value)) params[key] = value.map(String);
    else if (value !== undefined && value !== null) params[key] = String(value);
  }
  return params;
}

/** A webhook as restify's chain read it. */
export function twilioWebhookRequest(req: Request): TwilioWebhookRequest {
  return { path: req.url ?? '/', signature: req.header('x-twilio-signature') || undefined, params: formParams(req.body) };
}

export function isFormRequest(req: Request): boolean {
  return (req.header('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/**
 * Checked against PUBLIC_BASE_URL + the path as received, never the host we listen on. Without an auth token
 * (sandbox mode) there is nothing to check against, as the contract says.
 */
export function hasValidTwilioSignature(request: TwilioWebhookRequest, config: Config): boolean {
  if (!config.TWILIO_AUTH_TOKEN) return true;
  return isValidTwilioSignature({
    authToken: config.TWILIO_AUTH_TOKEN,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    path: request.path,
    params: request.params,
    signature: request.signature,
  });
}
