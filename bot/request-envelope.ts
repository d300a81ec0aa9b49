import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';

/** The headers on every answer, whichever way it was handled (restify's chain or a webhook answered ahead of it). */
export function securityHeaders(https: boolean): ReadonlyArray<readonly [string, string]> {
  return [
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'no-referrer'],
    ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ...(https ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as const] : []),
  ];
}

export interface FinishedRequest {
  requestId: string;
  method: string | undefined;
  /** The route's path as registered (`/twilio/inbound`), or `unmatched`. */
  route: string;
  status: number;
  ms: number;
}

/** What is measured and logged of every answered request: its duration by route, and one `request finished` line. */
export function finishedRequestRecorder(metrics: Metrics, logger: Logger): (request: FinishedRequest) => void {
  return ({ requestId, method, route, status, ms }) => {
    const seconds = ms / 1000;
    metrics.httpDuration.observe({ route, method, status: String(status) }, seconds);
    logger.info({ requestId, method, route, status, ms: Math.round(ms) }, 'request finished');
    if (route === '/twilio/inbound' || route === '/twilio/status') {
      metrics.webhookDuration.observe({ route: route.slice('/twilio/'.length), status: String(status) }, seconds);
    }
  };
}
