import { pino, type Logger } from 'pino';
import { currentRequestId } from './request-context.js';

/** Paths never written to logs: people's numbers and words, and anything that opens the API. */
export const REDACTED_PATHS = [
  'phone',
  'body',
  'text',
  'token',
  '*.phone',
  '*.body',
  '*.Body',
  '*.From',
  '*.To',
  '*.text',
  '*.token',
  '*.firstName',
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
  'req.headers.cookie',
];

/** Every line written while a request is being handled carries its `requestId` (the X-Request-Id it answered with). */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
