import { createHmac } from 'node:crypto';

/**
 * The `X-Signature` header of a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`
 * (CONTRACT.md). Signing the time with the body lets the CRM refuse an old request replayed at it.
 */
export function caseRecordSignature(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
