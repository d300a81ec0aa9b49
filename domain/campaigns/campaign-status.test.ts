import { describe, expect, it } from 'vitest';
import { CAMPAIGN_CHANGE_FROM, campaignStatus } from './campaign-status.js';

const NOW = new Date('2027-03-01T10:00:00Z');
const LATER = new Date('2027-03-01T12:00:00Z');
const counts = (pending: number, sent = 0, skipped = 0) => ({ pending, sent, skipped });

describe('campaignStatus', () => {
  it('an active campaign is scheduled before it starts, running while anyone waits, then completed', () => {
    expect(campaignStatus({ status: 'active', startAt: LATER }, counts(3), NOW)).toBe('scheduled');
    expect(campaignStatus({ status: 'active', startAt: LATER }, counts(2, 1), NOW)).toBe('running');
    expect(campaignStatus({ status: 'active', startAt: NOW }, counts(3), NOW)).toBe('running');
    expect(campaignStatus({ status: 'active', startAt: NOW }, counts(0, 2, 1), NOW)).toBe('completed');
  });

  it('paused, cancelled and completed are what the database says', () => {
    expect(campaignStatus({ status: 'paused', startAt: NOW }, counts(3), NOW)).toBe('paused');
    expect(campaignStatus({ status: 'cancelled', startAt: NOW }, counts(0), NOW)).toBe('cancelled');
    expect(campaignStatus({ status: 'completed', startAt: NOW }, counts(0, 3), NOW)).toBe('completed');
  });

  it('nothing changes a finished campaign; only a paused one resumes', () => {
    for (const change of ['pause', 'resume', 'cancel'] as const) {
      expect(CAMPAIGN_CHANGE_FROM[change]).not.toContain('completed');
      expect(CAMPAIGN_CHANGE_FROM[change]).not.toContain('cancelled');
    }
    expect(CAMPAIGN_CHANGE_FROM.resume).toEqual(['paused']);
  });
});
