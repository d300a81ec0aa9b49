import type { StaffIdentity } from './caseload.js';
import { firstThatFits, plain } from './wording/sms-fitting.js';

/**
 * Escalation when nobody picks an urgent safeguarding alert up: each team names its safeguarding contacts and how
 * long an alert may wait for an acknowledgement; after that, each contact gets one text that names the team and
 * links to the alert, and says nothing about the person (their name, number and words stay in the dashboard).
 */

/** Minutes an urgent safeguarding alert may wait for an acknowledgement. */
export const ESCALATE_AFTER_MINUTES = { min: 1, max: 240, default: 15 } as const;
/** A short list: every contact is texted at once for every escalated alert. */
export const MAX_ESCALATION_CONTACTS = 10;

export interface EscalationContact {
  name: string;
  /** E.164 (UK mobile). */
  phone: string;
}

export interface SafeguardingPolicy {
  escalateAfterMinutes: number;
  contacts: EscalationContact[];
}

export const DEFAULT_SAFEGUARDING_POLICY: SafeguardingPolicy = { escalateAfterMinutes: ESCALATE_AFTER_MINUTES.default, contacts: [] };

/** Only urgent safeguarding alerts escalate; everything else waits for the key worker. */
export function escalates(alert: { type: string; priority: string }): boolean {
  return alert.type === 'safeguarding' && alert.priority === 'urgent';
}

/** When an alert raised at `raisedAt` escalates if nobody has acknowledged it. */
export function escalationDueAt(raisedAt: Date, policy: Pick<SafeguardingPolicy, 'escalateAfterMinutes'>): Date {
  return new Date(raisedAt.getTime() + policy.escalateAfterMinutes * 60_000);
}

/** Whole minutes between an alert being raised and its escalation being due (what the text and the record say). */
export function minutesAllowed(raisedAt: Date, dueAt: Date): number {
  return Math.max(0, Math.round((dueAt.getTime() - raisedAt.getTime()) / 60_000));
}

export type EscalationDecision =
  | { kind: 'escalate' }
  | { kind: 'wait'; until: Date }
  | { kind: 'closed'; reason: 'acknowledged' | 'already escalated' | 'does not escalate' };

/** Whether an alert escalates now: still open, not escalated before, and its time has come. */
export function escalationDecision(
  alert: { status: string; escalateAt: Date | null; escalatedAt: Date | null },
  now: Date,
): EscalationDecision {
  if (alert.status !== 'open') return { kind: 'closed', reason: 'acknowledged' };
  if (alert.escalatedAt !== null) return { kind: 'closed', reason: 'already escalated' };
  if (alert.escalateAt === null) return { kind: 'closed', reason: 'does not escalate' };
  if (alert.escalateAt.getTime() > now.getTime()) return { kind: 'wait', until: alert.escalateAt };
  return { kind: 'escalate' };
}

/** The team whose safeguarding policy covers a participant: their key worker's; without a key worker, their own. */
export function escalationTeam(participant: { team: string | null }, keyWorker: { team: string | null } | undefined): string | null {
  return keyWorker ? keyWorker.team : participant.team;
}

/**
 * Who is texted when an alert escalates: the team's contacts, and every safeguarding lead of the programme whose work
 * phone takes texts (they receive every escalation). A number on both lists is texted once.
 */
export function escalationRecipients(contacts: readonly EscalationContact[], leads: readonly EscalationContact[]): EscalationContact[] {
  const seen = new Set<string>();
  return [...contacts, ...leads].filter((recipient) => !seen.has(recipient.phone) && seen.add(recipient.phone));
}

/** Which team's policy a member of staff reads or sets: their own; an admin or a safeguarding lead may name any team. */
export function policyTeamFor(staff: StaffIdentity, requested: string | undefined): { ok: true; team: string | null } | { ok: false } {
  if (requested === undefined) return { ok: true, team: staff.team };
  if (staff.role === 'admin' || staff.role === 'safeguarding_lead' || requested === staff.team) return { ok: true, team: requested };
  return { ok: false };
}

/** The alert in the dashboard: the alerts page brings it into view (the query survives signing in on the way). */
export function alertDashboardUrl(publicBaseUrl: string, alertId: string): string {
  return `${publicBaseUrl.replace(/\/+$/u, '')}/alerts?alert=${encodeURIComponent(alertId)}`;
}

/**
 * The text to a safeguarding contact. It takes only the team, the programme, the minutes and the link, so nothing
 * about the person can end up in it. Plain GSM-7, so a staff-typed team name cannot double its length; the note about
 * replies goes when long names would need a third segment.
 */
export function escalationSms(input: { programmeName: string; team: string | null; minutes: number; url: string }): string {
  const team = plain(input.team ?? '');
  const whose = team === '' ? 'staff with no team' : /\bteam$/iu.test(team) ? `the ${team}` : `the ${team} team`;
  const minutes = `${input.minutes} ${input.minutes === 1 ? 'minute' : 'minutes'}`;
  const alert = `${plain(input.programmeName)}: an urgent safeguarding alert for ${whose} is not acknowledged after ${minutes}.`;
  const open = `Please open it now: ${input.url}`;
  return firstThatFits([[alert, open, 'Replies here are not read.'], [alert, open]]);
}
