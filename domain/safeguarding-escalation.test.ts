import { describe, expect, it } from 'vitest';
import type { StaffIdentity } from './caseload.js';
import {
  alertDashboardUrl,
  escalates,
  escalationDecision,
  escalationDueAt,
  escalationSms,
  escalationTeam,
  minutesAllowed,
  policyTeamFor,
} from './safeguarding-escalation.js';
import { countSmsSegments } from './wording/sms-fitting.js';

const RAISED = new Date('2026-03-02T14:05:00Z');
const ALERT_ID = '3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';

describe('which alerts escalate, and when', () => {
  it('only urgent safeguarding alerts escalate', () => {
    expect(escalates({ type: 'safeguarding', priority: 'urgent' })).toBe(true);
    expect(escalates({ type: 'safeguarding', priority: 'high' })).toBe(false);
    expect(escalates({ type: 'at_risk', priority: 'high' })).toBe(false);
    expect(escalates({ type: 'message_for_key_worker', priority: 'urgent' })).toBe(false);
  });

  it('is due the team’s minutes after the alert was raised', () => {
    expect(escalationDueAt(RAISED, { escalateAfterMinutes: 15 })).toEqual(new Date('2026-03-02T14:20:00Z'));
    expect(escalationDueAt(RAISED, { escalateAfterMinutes: 1 })).toEqual(new Date('2026-03-02T14:06:00Z'));
    expect(minutesAllowed(RAISED, new Date('2026-03-02T18:05:00Z'))).toBe(240);
  });

  const open = { status: 'open', escalateAt: new Date('2026-03-02T14:20:00Z'), escalatedAt: null };
  it.each([
    ['a minute early: wait until it is due', open, '2026-03-02T14:19:00Z', { kind: 'wait', until: open.escalateAt }],
    ['on time: escalate', open, '2026-03-02T14:20:00Z', { kind: 'escalate' }],
    ['late (Redis lost the job; the sweep found it): escalate', open, '2026-03-02T16:00:00Z', { kind: 'escalate' }],
    ['acknowledged in time: nobody is texted', { ...open, status: 'acknowledged' }, '2026-03-02T16:00:00Z', { kind: 'closed', reason: 'acknowledged' }],
    ['escalated already: never twice', { ...open, escalatedAt: new Date('2026-03-02T14:20:01Z') }, '2026-03-02T16:00:00Z', { kind: 'closed', reason: 'already escalated' }],
    ['no due time (not a safeguarding alert)', { ...open, escalateAt: null }, '2026-03-02T16:00:00Z', { kind: 'closed', reason: 'does not escalate' }],
  ])('%s', (_what, alert, now, decision) => {
    expect(escalationDecision(alert, new Date(now))).toEqual(decision);
  });
});

describe('whose policy', () => {
  it('is the key worker’s team, or the participant’s own without a key worker', () => {
    expect(escalationTeam({ team: 'North' }, { team: 'South' })).toBe('South');
    expect(escalationTeam({ team: 'North' }, { team: null })).toBeNull();
    expect(escalationTeam({ team: 'North' }, undefined)).toBe('North');
  });

  const staff = (role: StaffIdentity['role'], team: string | null): StaffIdentity => ({ id: 'x', name: 'x', role, team });
  it('staff read and set their own team’s; only an admin names another team', () => {
    expect(policyTeamFor(staff('key_worker', 'North'), undefined)).toEqual({ ok: true, team: 'North' });
    expect(policyTeamFor(staff('key_worker', 'North'), 'North')).toEqual({ ok: true, team: 'North' });
    expect(policyTeamFor(staff('key_worker', 'North'), 'South')).toEqual({ ok: false });
    expect(policyTeamFor(staff('in_work_team', null), 'South')).toEqual({ ok: false });
    expect(policyTeamFor(staff('admin', null), 'South')).toEqual({ ok: true, team: 'South' });
    expect(policyTeamFor(staff('admin', null), undefined)).toEqual({ ok: true, team: null });
  });
});

describe('the text to a safeguarding contact', () => {
  const url = alertDashboardUrl('https://bot.example.org/', ALERT_ID);

  it('links to the alert in the dashboard', () => {
    expect(url).toBe(`https://bot.example.org/alerts?alert=${ALERT_ID}`);
  });

  it('names the team and the programme, says how long it waited, and links to the alert', () => {
    const text = escalationSms({ programmeName: 'Restart', team: 'North', minutes: 15, url });
    expect(text).toBe(
      `Restart: an urgent safeguarding alert for the North team is not acknowledged after 15 minutes. Please open it now: ${url} Replies here are not read.`,
    );
  });

  it('reads well for one minute, a team called "… team", and staff with no team', () => {
    expect(escalationSms({ programmeName: 'Restart', team: 'Leeds team', minutes: 1, url })).toContain('for the Leeds team is not acknowledged after 1 minute.');
    expect(escalationSms({ programmeName: 'Restart', team: null, minutes: 15, url })).toContain('for staff with no team is not');
  });

  it('stays plain GSM-7 in two segments with long names, whatever quotes the team was typed with', () => {
    const text = escalationSms({
      programmeName: 'Connect to Work (Greater Manchester)',
      team: 'St Helen’s “Outreach” – Evenings and Weekends Team 2',
      minutes: 240,
      url: alertDashboardUrl('https://engagement.connect-to-work.example.org', ALERT_ID),
    });
    expect(countSmsSegments(text)).toEqual({ encoding: 'GSM-7', segments: 2 });
    expect(text).toContain('Please open it now: https://engagement.connect-to-work.example.org/alerts?alert=');
  });
});
