import { describe, expect, it } from 'vitest';
import { mayReachOptedOut, templateVariableText, whatsappRoute, type WhatsAppFallback } from './delivery.js';

const NOW = new Date('2026-03-04T10:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000);
const TEMPLATE: WhatsAppFallback = { kind: 'template', contentSid: `HX${'0'.repeat(32)}` };

describe('WhatsApp 24-hour window', () => {
  it.each([
    ['wrote an hour ago', hoursAgo(1), TEMPLATE, 'free_text'],
    ['wrote 23h59m ago', new Date(hoursAgo(24).getTime() + 60_000), { kind: 'sms' } as const, 'free_text'],
    ['wrote 25 hours ago, template set', hoursAgo(25), TEMPLATE, 'template'],
    ['never wrote, template set', undefined, TEMPLATE, 'template'],
    ['never wrote, SMS fallback', undefined, { kind: 'sms' } as const, 'sms'],
    ['never wrote, nothing set up', undefined, { kind: 'none' } as const, 'free_text'],
  ])('%s → %s', (_case, last, fallback, route) => {
    expect(whatsappRoute(last, NOW, fallback)).toBe(route);
  });
});

describe('who may still be messaged after STOP', () => {
  it.each([
    ['opt_out_confirmation', true],
    ['crisis', true],
    ['service', true],
    ['reply', false],
    ['reminder', false],
    ['notice', false],
  ])('%s → %s', (kind, allowed) => {
    expect(mayReachOptedOut(kind)).toBe(allowed);
  });
});

describe('templateVariableText', () => {
  it('puts a message on one line, without runs of spaces, as WhatsApp wants a template variable', () => {
    expect(templateVariableText('Hi Sam,\n\nYour appointment is Tue 4 Mar, 10:30am.\tPriya')).toBe('Hi Sam, Your appointment is Tue 4 Mar, 10:30am. Priya');
    expect(templateVariableText('  one     two \r\n')).toBe('one two');
    expect(templateVariableText('Already fine.')).toBe('Already fine.');
  });
});
