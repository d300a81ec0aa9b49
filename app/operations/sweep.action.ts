import type { Clock } from '../../domain/time/clock.js';
import { AlertRepository } from '../../store/alert.repository.js';
import { CaseRecordDeliveryRepository } from '../../store/case-record-delivery.repository.js';
import type { Db } from '../../store/database.js';
import { SESSION_ANSWER_WINDOW_MS } from '../../domain/in-work/question-session.types.js';
import { CampaignRepository } from '../../store/campaign.repository.js';
import { CheckInRepository } from '../../store/check-in.repository.js';
import { FollowUpRepository } from '../../store/follow-up.repository.js';
import { QuestionSessionRepository } from '../../store/question-session.repository.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ReminderRepository } from '../../store/reminder.repository.js';
import { WritebackRepository } from '../../store/writeback.repository.js';
import type { JobQueues } from '../../workers/queues.js';
import type { ReconcileCutSends } from '../sending/reconcile-cut-sends.action.js';

export interface SweepDeps {
  db: Db;
  queues: JobQueues;
  clock: Clock;
  /** Work younger than this is left alone: its own job is probably on the way. */
  graceMs?: number;
  /** Looks up sends cut mid-call once their original request cannot still land. */
  reconcile: ReconcileCutSends;
  batchSize?: number;
  /** Reminders and follow-up steps due within this are re-added (delayed) in case Redis lost them. @defaultValue 10 minutes */
  horizonMs?: number;
}

export interface SweepReport {
  turns: number;
  writebacks: number;
  sends: number;
  reminders: number;
  /** Sends cut mid-call that were given up (`unconfirmed`): the lookup failed too often, or a resend was cut too. */
  unconfirmed: number;
  /** Sends cut mid-call found in Twilio (recorded), sent once more (Twilio had none), or whose lookup failed. */
  cutSendsFound: number;
  cutSendsResent: number;
  cutSendLookupsFailed: number;
  checkIns: number;
  campaignMessages: number;
  /** Active campaigns nobody is waiting in any more, now recorded `completed`. */
  completedCampaigns: number;
  /** Lanes of CRM deliveries whose jobs were re-added (no-ops when Redis still has them). */
  crmDeliveries: number;
  /** Safeguarding escalations due within the horizon, re-added (no-ops when Redis still has them). */
  escalations: number;
}

/**
 * Re-enqueues whatever the database says is pending, with the same job ids, so a Redis flush or restart loses
 * nothing and a job that is still queued is not duplicated (adding an existing id is a no-op).
 */
export class Sweep {
  constructor(private readonly deps: SweepDeps) {}

  async execute(): Promise<SweepReport> {
    const { db, queues } = this.deps;
    const now = this.deps.clock.now().getTime();
    const before = new Date(now - (this.deps.graceMs ?? 2000));
    const limit = this.deps.batchSize ?? 1000;
    const messages = new MessageRepository(db);

    const inbound = await messages.listPending('inbound', before, limit);
    for (const m of inbound) {
      if (m.twilio_sid) await queues.enqueueTurn(m.twilio_sid, { messageId: m.id });
    }
    const writebackIds = await new WritebackRepository(db).listUnapplied(before, limit);
    for (const writebackId of writebackIds) await queues.enqueueWriteback({ writebackId });
    const outbound = await messages.listPending('outbound', before, limit);
    await queues.enqueueSends(outbound.map((m) => m.id));

    // Far-off reminders are re-added once they come within the horizon, so a sweep's work stays small.
    const horizon = new Date(now + (this.deps.horizonMs ?? 600_000));
    const reminders = await new ReminderRepository(db).listScheduledBefore(horizon, limit);
    await queues.enqueueReminders(
      reminders.map((r) => ({ id: r.id, jobId: r.job_id, sendAt: r.send_at ?? new Date(now) })),
      new Date(now),
    );

    const followUps = await new FollowUpRepository(db).listDueBefore(horizon, limit);
    await queues.enqueueFollowUps(
      followUps.map((f) => ({ id: f.id, step: f.step, at: f.next_at ?? new Date(now) })),
      new Date(now),
    );

    const checkIns = await new CheckInRepository(db).listScheduledBefore(horizon, limit);
    await queues.enqueueCheckIns(
      checkIns.map((c) => ({ id: c.id, sendAt: c.send_at ?? new Date(now) })),
      new Date(now),
    );
    // Campaign messages due soon whose jobs Redis may have lost, earliest first, under their own ids.
    const campaignMessages = await new CampaignRepository(db).listPendingDueBefore(horizon, limit);
    await queues.enqueueCampaignMessages(campaignMessages, new Date(now));
    const completedCampaigns = await new CampaignRepository(db).completeFinished(new Date(now));
    await new QuestionSessionRepository(db).expireAskedBefore(new Date(now - SESSION_ANSWER_WINDOW_MS), limit);

    // Escalations of urgent alerts nobody has acknowledged: due times are on the alerts, the jobs keyed by alert.
    const escalations = await new AlertRepository(db).listEscalationsDueBefore(horizon, limit);
    await queues.enqueueEscalations(escalations, new Date(now));

    // CRM deliveries: each lane's head under its own job id, delayed until its retry is due.
    const crmHeads = await new CaseRecordDeliveryRepository(db).listDueHeads(horizon, limit);
    await queues.enqueueCrmDeliveries(crmHeads, new Date(now));

    // Effectively once: a send cut mid-call is looked up in Twilio, then recorded or sent once more.
    const reconciled = await this.deps.reconcile.execute();
    return {
      unconfirmed: reconciled.given_up,
      cutSendsFound: reconciled.found,
      cutSendsResent: reconciled.resent,
      cutSendLookupsFailed: reconciled.lookup_failed,
      turns: inbound.length,
      writebacks: writebackIds.length,
      sends: outbound.length,
      reminders: reminders.length,
      crmDeliveries: crmHeads.length,
      checkIns: checkIns.length,
      campaignMessages: campaignMessages.length,
      completedCampaigns,
      escalations: escalations.length,
    };
  }
}
