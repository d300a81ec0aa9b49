import { describe, expect, it } from 'vitest';
import { normaliseMobile, normaliseUkPhone, ukNationalFormat } from './phone.js';

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

describe('normaliseUkPhone', () => {
  it.each([
    // Ofcom's drama numbers: Manchester landline and mobile.
    ['0161 496 0000', '+441614960000'],
    ['+44 161 496 0999', '+441614960999'],
    ['07700 900123', '+447700900123'],
    ['0300 123 4567', '+443001234567'],
  ])('accepts %s as %s', (input, e164) => {
    expect(normaliseUkPhone(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['+1 212 555 0100', 'UK'],
    ['0161 496', 'UK'],
    ['not a number', 'phone number'],
    ['', 'phone number'],
  ])('refuses %s', (input, reason) => {
    const result = normaliseUkPhone(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('ukNationalFormat', () => {
  it.each([
    ['+441614960000', '0161 496 0000'],
    ['+447700900123', '07700 900123'],
    ['+443001234567', '0300 123 4567'],
  ])('shows %s as %s', (e164, national) => {
    expect(ukNationalFormat(e164)).toBe(national);
  });
});
