import type { Clock } from '../../domain/time/clock.js';
import { checkInOpening } from '../../domain/wording/in-work-wording.js';
import { decideSend } from '../../domain/sending/send-gate.js';
import { applyWriteback } from '../conversation/apply-writeback.js';
import { CheckInRepository } from '../../store/check-in.repository.js';
import type { Db } from '../../store/database.js';
import { JobStartRepository } from '../../store/job-start.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { QuestionSessionRepository } from '../../store/question-session.repository.js';
import { inWorkWording } from './in-work-wording.context.js';
import { sendGateFacts } from '../sending/send-gate.facts.js';
import { sourceKeys } from '../../domain/job-keys.js';

export interface FireCheckInDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  programmeName: string;
  dailyCap: number;
}

export type CheckInOutcome =
  | { kind: 'sent'; messageIds: string[] }
  | { kind: 'deferred'; until: Date; reason: string }
  | { kind: 'closed'; status: string; reason: string };

/**
 * A scheduled in-work check-in is due. Everything is checked again at this moment — the job still active here,
 * then the send gate (domain/sending/send-gate.ts: consent, opt-out, mutes, quiet hours, bank holidays, an open reminder or
 * did-not-attend conversation, which it waits for rather than interrupt, and the daily cap) — then the check-in's
 * first question goes and its session opens, in one transaction.
 */
export class FireCheckIn {
  constructor(private readonly deps: FireCheckInDeps) {}

  async execute(checkInId: string): Promise<CheckInOutcome> {
    return this.deps.db.transaction().execute(async (tx) => {
      const checkIns = new CheckInRepository(tx);
      // The person first, then their check-in: the lock order every writer keeps.
      const owner = await checkIns.findById(checkInId);
      const participant = owner && (await new ParticipantRepository(tx).lockForUpdate(owner.participant_id));
      const checkIn = await checkIns.lock(checkInId);
      if (!checkIn || checkIn.status !== 'scheduled') return { kind: 'closed', status: checkIn?.status ?? 'missing', reason: 'not waiting' };
      const close = async (status: 'cancelled' | 'skipped' | 'superseded', reason: string): Promise<CheckInOutcome> => {
        await checkIns.finish(checkIn.id, status, { reason });
        return { kind: 'closed', status, reason };
      };

      const job = await new JobStartRepository(tx).findById(checkIn.job_start_id);
      if (!job || job.status !== 'active') return close('cancelled', 'job ended');
      if (!participant) return close('skipped', 'erased');

      const now = this.deps.clock.now();
      const decision = decideSend({
        ...(await sendGateFacts(tx, participant, 'check_in', now, this.deps.timeZone)),
        dueAt: checkIn.due_at,
        deadline: null,
        dailyCap: this.deps.dailyCap,
        conversationWaits: 0,
      });
      if (decision.kind === 'drop' && decision.reason !== 'in_conversation') return close('skipped', decision.reason);
      // A later check-in already due makes this one moot, whenever this one could have gone.
      if (await checkIns.laterOneDue(checkIn, now)) return close('superseded', 'a later check-in is due');
      if (decision.kind === 'drop') return close('skipped', decision.reason);
      if (decision.kind === 'defer') {
        await checkIns.moveSendAt(checkIn.id, decision.until, decision.reason);
        return { kind: 'deferred', until: decision.until, reason: decision.reason };
      }

      const wording = await inWorkWording(tx, participant, this.deps.programmeName, job.id);
      const sessions = new QuestionSessionRepository(tx);
      const session = await sessions.start({
        participantId: participant.id,
        kind: 'check_in',
        step: checkIn.asks_still_in_work ? 'still_in_work' : 'how',
        askedAt: now,
        checkInId: checkIn.id,
        jobStartId: job.id,
        week: checkIn.week,
      });
      await sessions.supersedeOpen(participant.id, session.id);
      const { queuedMessageIds } = await applyWriteback(tx, {
        participantId: participant.id,
        sourceKey: sourceKeys.checkIn(checkIn.id),
        at: now.toISOString(),
        events: [],
        alerts: [],
        replies: [{ kind: 'check_in', text: checkInOpening(wording.context, { introduce: wording.introduce, asksStillInWork: checkIn.asks_still_in_work, weeksInWork: checkIn.week }) }],
      });
      await wording.markIntroduced();
      await checkIns.finish(checkIn.id, 'sent', { sessionId: session.id, sentAt: now });
      return { kind: 'sent', messageIds: queuedMessageIds };
    });
  }
}
