import { describe, expect, it } from 'vitest';
import { isFinalStatus, isMessageStatus, MESSAGE_STATUSES, shouldAdvance, statusRank, type MessageStatus } from './message-status.js';

describe('shouldAdvance', () => {
  it.each<[MessageStatus | undefined, MessageStatus, boolean]>([
    [undefined, 'queued', true],
    [undefined, 'delivered', true],
    ['accepted', 'queued', false],
    ['queued', 'accepted', false],
    ['queued', 'sending', true],
    ['queued', 'sent', true],
    ['sending', 'sent', true],
    ['sent', 'sending', false],
    ['sent', 'queued', false],
    ['sent', 'delivered', true],
    ['sent', 'failed', true],
    ['sent', 'undelivered', true],
    ['delivered', 'sent', false],
    ['delivered', 'queued', false],
    ['delivered', 'delivered', false],
    ['delivered', 'failed', false],
    ['delivered', 'undelivered', false],
    ['failed', 'delivered', false],
    ['undelivered', 'failed', false],
    ['delivered', 'read', true],
    ['sent', 'read', true],
    ['read', 'delivered', false],
    ['read', 'sent', false],
    ['read', 'read', false],
    ['scheduled', 'canceled', true],
    ['canceled', 'sent', false],
    ['receiving', 'received', true],
    ['received', 'receiving', false],
  ])('%s then %s → %s', (current, next, expected) => {
    expect(shouldAdvance(current, next)).toBe(expected);
  });

  it('never moves backwards for any pair', () => {
    for (const current of MESSAGE_STATUSES) {
      for (const next of MESSAGE_STATUSES) {
        if (shouldAdvance(current, next)) expect(statusRank(next)).toBeGreaterThan(statusRank(current));
      }
    }
  });
});

describe('status helpers', () => {
  it('knows the statuses', () => {
    expect(isMessageStatus('delivered')).toBe(true);
    expect(isMessageStatus('bounced')).toBe(false);
    expect(isMessageStatus('toString')).toBe(false);
  });

  it.each<[MessageStatus, boolean]>([
    ['queued', false],
    ['sent', false],
    ['delivered', true],
    ['failed', true],
    ['read', true],
  ])('%s final → %s', (status, expected) => {
    expect(isFinalStatus(status)).toBe(expected);
  });
});
