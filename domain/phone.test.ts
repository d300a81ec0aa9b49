import { describe, expect, it } from 'vitest';
import { normaliseMobile } from './phone.js';

describe('normaliseMobile', () => {
  it.each([
    ['07700 900123', '+447700900123'],
    ['07700900999', '+447700900999'],
    ['+44 7700 900000', '+447700900000'],
    ['(07700) 900-456', '+447700900456'],
    ['07911 123456', '+447911123456'],
  ])('accepts %s as %s', (input, e164) => {
    expect(normaliseMobile(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['020 7946 0000', 'mobile'],
    ['not a number', 'phone number'],
    ['', 'phone number'],
    ['0770090012', 'valid'],
    ['1'.repeat(40), 'phone number'],
  ])('refuses %s', (input, reason) => {
    const result = normaliseMobile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
