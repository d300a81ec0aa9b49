import { addDays } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import type { Clock } from '../../domain/time/clock.js';
import { welcomeMessage, welcomeSecondTry } from '../../domain/wording/contact-wording.js';
import { dnaFirstMessage, dnaNudge } from '../../domain/wording/dna-wording.js';
import { nextAllowedTime } from '../../domain/time/quiet-hours.js';
import { describeUnreachable, whyUnreachable } from '../../domain/sending/reachability.js';
import { decideSend } from '../../domain/sending/send-gate.js';
import { AppointmentRepository } from '../../store/appointment.repository.js';
import { applyWriteback } from '../conversation/apply-writeback.js';
import type { Db } from '../../store/database.js';
import { FollowUpRepository } from '../../store/follow-up.repository.js';
import { ParticipantRepository, reachabilityOf } from '../../store/participant.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { sendGateFacts } from '../sending/send-gate.facts.js';
import { sourceKeys } from '../../domain/job-keys.js';

export interface FireFollowUpDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  programmeName: string;
}

export type FollowUpOutcome =
  | { kind: 'sent'; messageIds: string[]; next: { step: number; at: Date } | null }
  | { kind: 'deferred'; until: Date }
  | { kind: 'not_reached' }
  | { kind: 'closed'; reason: string };

/** After the last message, how long the person has to answer before the key worker is told. */
const LAST_STEP_GRACE_DAYS = 1;

/**
 * One step of a follow-up — after a did-not-attend, or the welcome to someone new: message N of the sequence
 * (days from the team policy, counted in local days from the start), or, after the last, the `not_reached` alert. A reply,
 * STOP, a new attendance or the key worker ends the follow-up in the database, and the step re-checks that before
 * doing anything; a message step then goes through the send gate (domain/sending/send-gate.ts).
 */
export class FireFollowUp {
  constructor(private readonly deps: FireFollowUpDeps) {}

  async execute(followUpId: string, step: number): Promise<FollowUpOutcome> {
    return this.deps.db.transaction().execute(async (tx) => {
      const followUps = new FollowUpRepository(tx);
      // The person first, then their follow-up: the lock order every writer keeps, so none can deadlock.
      const owner = await followUps.findById(followUpId);
      const participant = owner && (await new ParticipantRepository(tx).lockForUpdate(owner.participant_id));
      const followUp = await followUps.lock(followUpId);
      if (!followUp || followUp.status !== 'active') return { kind: 'closed', reason: followUp ? followUp.status : 'missing' };
      if (followUp.step !== step) return { kind: 'closed', reason: `step ${step} already done` };

      if (!participant) {
        await followUps.end(followUp.id, 'stopped', 'participant erased');
        return { kind: 'closed', reason: 'participant erased' };
      }
      // Even the last step, which only tells the key worker, needs someone who can still be reached.
      const unreachable = whyUnreachable(reachabilityOf(participant), []);
      if (unreachable) {
        const reason = describeUnreachable(unreachable, 'dna_follow_up');
        await followUps.end(followUp.id, 'stopped', reason);
        return { kind: 'closed', reason };
      }

      const now = this.deps.clock.now();
      const appointment = followUp.appointment_id ? await new AppointmentRepository(tx).findById(followUp.appointment_id) : undefined;

      if (step >= followUp.days.length) {
        await followUps.end(followUp.id, 'not_reached', 'no reply');
        const welcome = followUp.kind === 'welcome';
        await applyWriteback(tx, {
          participantId: participant.id,
          sourceKey: sourceKeys.followUpEnd(followUp.id),
          at: now.toISOString(),
          events: welcome ? [{ type: 'contact.not_reached', key: 'welcome', data: { followUpId: followUp.id, messages: followUp.days.length } }] : [],
          alerts: [
            {
              type: 'not_reached',
              key: welcome ? 'welcome' : 'dna-follow-up',
              data: {
                followUpId: followUp.id,
                after: welcome ? 'welcome' : 'did_not_attend',
                appointmentId: appointment?.id ?? null,
                messages: followUp.days.length,
              },
            },
          ],
          replies: [],
        });
        return { kind: 'not_reached' };
      }

      const facts = await sendGateFacts(tx, participant, followUp.kind === 'welcome' ? 'welcome' : 'dna_follow_up', now, this.deps.timeZone);
      const { policy } = facts;
      const decision = decideSend({
        ...facts,
        dueAt: followUp.next_at ?? now,
        deadline: null,
        // Follow-ups are outside the cap (see the gate's rules): nothing is counted for them.
        dailyCap: Number.POSITIVE_INFINITY,
        conversationWaits: 0,
      });
      if (decision.kind === 'drop') {
        const reason = decision.reason === 'muted' ? 'follow-ups muted' : decision.reason;
        await followUps.end(followUp.id, 'stopped', reason);
        return { kind: 'closed', reason };
      }
      if (decision.kind === 'defer') {
        await followUps.moveNextAt(followUp.id, decision.until);
        return { kind: 'deferred', until: decision.until };
      }

      const keyWorker = participant.key_worker_id ? await new StaffRepository(tx).findById(participant.key_worker_id) : undefined;
      const ctx = {
        firstName: participant.first_name ?? '',
        keyWorkerName: keyWorker?.name ?? null,
        programmeName: this.deps.programmeName,
        language: participant.language,
        timeZone: this.deps.timeZone,
      };
      const { queuedMessageIds } = await applyWriteback(tx, {
        participantId: participant.id,
        sourceKey: sourceKeys.followUpStep(followUp.id, step),
        at: now.toISOString(),
        events:
          followUp.kind === 'welcome'
            ? [{ type: 'contact.welcome_sent', key: `step${step}`, data: { followUpId: followUp.id, step, secondTry: step > 0 } }]
            : [],
        alerts: [],
        replies: [
          followUp.kind === 'welcome'
            ? { kind: 'welcome', text: step === 0 ? welcomeMessage(ctx) : welcomeSecondTry(ctx) }
            : {
                kind: 'follow_up',
                text:
                  step === 0 && appointment
                    ? dnaFirstMessage(ctx, { title: appointment.title, startsAt: appointment.starts_at })
                    : dnaNudge(ctx, step),
              },
        ],
      });

      const nextStep = step + 1;
      const dayOffset = nextStep < followUp.days.length
        ? (followUp.days[nextStep] as number)
        : (followUp.days.at(-1) as number) + LAST_STEP_GRACE_DAYS;
      // Same local time of day, N local days after the DNA: the clocks changing moves nothing.
      const due = new Date(addDays(new TZDate(followUp.started_at.getTime(), this.deps.timeZone), dayOffset).getTime());
      const nextAt = nextStep < followUp.days.length ? nextAllowedTime(due, policy, this.deps.timeZone) : due;
      await followUps.advance(followUp.id, nextStep, nextAt);
      return { kind: 'sent', messageIds: queuedMessageIds, next: { step: nextStep, at: nextAt } };
    });
  }
}
