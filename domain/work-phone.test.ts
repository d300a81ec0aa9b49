import { describe, expect, it } from 'vitest';
import { normaliseUkPhone } from './phone.js';
import { canTakeTexts } from './work-phone.js';

describe('a work phone', () => {
  it.each([
    ['0161 496 0000', '+441614960000'],
    ['+44 161 496 0000', '+441614960000'],
    ['07700 900123', '+447700900123'],
  ])('%s is a UK number: %s', (input, e164) => {
    expect(normaliseUkPhone(input)).toEqual({ ok: true, e164 });
  });

  it.each(['+1 415 555 0100', '+33 1 23 45 67 89', '12345', 'call me'])('%s is refused', (input) => {
    expect(normaliseUkPhone(input).ok).toBe(false);
  });

  it('takes texts only when it is a mobile', () => {
    expect(canTakeTexts('+447700900123')).toBe(true);
    expect(canTakeTexts('+441614960000')).toBe(false);
  });
});
