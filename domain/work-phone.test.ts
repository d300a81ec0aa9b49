import { describe, expect, it } from 'vitest';
import { canTakeTexts, normaliseUkPhone } from './work-phone.js';

describe('a work phone', () => {
  it.each([
    ['0161 496 0000', '+441614960000'],
    ['+44 161 496 0000', '+441614960000'],
    ['07700 900123', '+447700900123'],
    ['01632 960123', '+441632960123'],
    ['020 7946 0123', '+442079460123'],
  ])('%s is a UK number: %s', (input, e164) => {
    expect(normaliseUkPhone(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['+1 415 555 0100', 'is not a UK number'],
    ['+33 1 23 45 67 89', 'is not a UK number'],
    ['12345', 'is not a valid UK phone number'],
    ['call me', 'is not a phone number'],
    ['', 'is not a phone number'],
  ])('%s is refused: %s', (input, reason) => {
    expect(normaliseUkPhone(input)).toEqual({ ok: false, reason });
  });

  it('takes texts only when it is a mobile', () => {
    expect(canTakeTexts('+447700900123')).toBe(true);
    expect(canTakeTexts('+441614960000')).toBe(false);
  });
});
