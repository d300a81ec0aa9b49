import type { Clock } from '../../domain/time/clock.js';
import { alertDashboardUrl, escalationDecision, escalationRecipients, escalationSms, minutesAllowed } from '../../domain/safeguarding-escalation.js';
import { canTakeTexts } from '../../domain/work-phone.js';
import { AlertRepository } from '../../store/alert.repository.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db } from '../../store/database.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { SafeguardingPolicyRepository } from '../../store/safeguarding-policy.repository.js';
import { sourceKeys } from '../../domain/job-keys.js';
import { StaffRepository } from '../../store/staff.repository.js';

export interface EscalateSafeguardingAlertDeps {
  db: Db;
  clock: Clock;
  /** Where staff open the dashboard (the link in the text). */
  publicBaseUrl: string;
  programmeName: string;
}

export type EscalationOutcome =
  /** Texts made for each contact (none when the team has no contacts), waiting for the outbound queue. */
  | { kind: 'escalated'; contacts: number; messageIds: string[] }
  | { kind: 'not_due'; until: Date }
  | { kind: 'closed'; reason: string };

/** The kind of the texts to safeguarding contacts (a member of staff, never a participant). */
export const ESCALATION_KIND = 'safeguarding_escalation';

/**
 * An urgent safeguarding alert's time is up: if it is still open and was never escalated, one text goes to each of
 * the team's safeguarding contacts and each safeguarding lead with a mobile work phone, and the alert and the case record say so, all in one transaction under the
 * alert's lock. The texts are keyed by alert and number, so however often this runs (a retried job, the sweep, two
 * workers) each contact is texted once; they go out through the ordinary outbound queue.
 */
export class EscalateSafeguardingAlert {
  constructor(private readonly deps: EscalateSafeguardingAlertDeps) {}

  async execute(alertId: string): Promise<EscalationOutcome> {
    return this.deps.db.transaction().execute(async (tx) => {
      const alerts = new AlertRepository(tx);
      const found = await alerts.findById(alertId);
      if (!found) return { kind: 'closed', reason: 'no such alert' };
      // The person first, then their alert: the lock order every writer keeps (an erasure cannot cross this).
      const participant = await new ParticipantRepository(tx).lockForUpdate(found.participant_id);
      const alert = await alerts.lockById(alertId);
      if (!alert) return { kind: 'closed', reason: 'no such alert' };
      if (!participant || participant.erased_at) return { kind: 'closed', reason: 'participant erased' };

      const now = this.deps.clock.now();
      const decision = escalationDecision({ status: alert.status, escalateAt: alert.escalate_at, escalatedAt: alert.escalated_at }, now);
      if (decision.kind === 'wait') return { kind: 'not_due', until: decision.until };
      if (decision.kind === 'closed') return { kind: 'closed', reason: decision.reason };

      const policy = await new SafeguardingPolicyRepository(tx).forParticipant(participant.id);
      const leads = (await new StaffRepository(tx).activeWithPhone('safeguarding_lead')).filter((lead) => canTakeTexts(lead.phone));
      const recipients = escalationRecipients(policy.contacts, leads);
      const minutes = minutesAllowed(alert.created_at, alert.escalate_at ?? now);
      const body = escalationSms({
        programmeName: this.deps.programmeName,
        team: policy.team,
        minutes,
        url: alertDashboardUrl(this.deps.publicBaseUrl, alert.id),
      });
      const messages = new MessageRepository(tx);
      const messageIds: string[] = [];
      for (const contact of recipients) {
        const { message } = await messages.insertForStaff({
          phone: contact.phone,
          body,
          kind: ESCALATION_KIND,
          sourceKey: sourceKeys.escalationText(alert.id, contact.phone),
        });
        if (message.status === 'queued') messageIds.push(message.id);
      }
      await alerts.markEscalated(alert.id, now, recipients.length);
      await new CaseRecordRepository(tx).append({
        participantId: participant.id,
        type: 'alert.escalated',
        at: now,
        data: { alertId: alert.id, contactCount: recipients.length, minutes },
        sourceKey: sourceKeys.alertEscalated(alert.id),
      });
      return { kind: 'escalated', contacts: recipients.length, messageIds };
    });
  }
}
