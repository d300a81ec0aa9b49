import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseRecordSignature } from './case-record-sink.signature.js';

// The README's worked example for CRM administrators; the hex was computed independently with
// printf '%s' "1767259800.$BODY" | openssl dgst -sha256 -hmac 'example-secret-0123456789abcdef'
const SECRET = 'example-secret-0123456789abcdef';
const T = 1767259800;
const BODY =
  '{"id":"42","type":"appointment.confirmed","at":"2026-01-01T09:30:00.000Z","participantId":"8a6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d","appointmentId":"0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0","data":{"reply":"yes","via":"sms"}}';
const HEX = 'fea72165f3e9f26777952bc5955ed95332ee6c3a0ab77f93fc8354a05df8d3b7';

describe('the X-Signature of a CRM delivery', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">, as in the README example', () => {
    expect(caseRecordSignature(SECRET, T, BODY)).toBe(`t=${T},v1=${HEX}`);
  });

  it('changes with the body, the time and the secret', () => {
    expect(caseRecordSignature(SECRET, T, BODY.replace('yes', 'no'))).not.toContain(HEX);
    expect(caseRecordSignature(SECRET, T + 1, BODY)).not.toContain(HEX);
    expect(caseRecordSignature(`${SECRET}x`, T, BODY)).not.toContain(HEX);
  });

  it('is the example the README gives CRM administrators', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const part of [SECRET, String(T), BODY, HEX]) expect(readme).toContain(part);
  });
});
