import type { Clock } from '../domain/clock.js';
import { checkInOpening } from '../domain/in-work-wording.js';
import { CAPPED_KINDS, startOfLocalDay, startOfNextLocalDay } from '../domain/message-cap.js';
import { nextAllowedSendTime, nextAllowedTime } from '../domain/quiet-hours.js';
import { whyUnreachable } from '../domain/reachability.js';
import { applyWriteback } from '../store/case-record-writer.js';
import { CheckInRepository } from '../store/check-in.repository.js';
import type { Db } from '../store/database.js';
import { JobStartRepository } from '../store/job-start.repository.js';
import { MessageRepository } from '../store/message.repository.js';
import { ParticipantRepository, reachabilityOf } from '../store/participant.repository.js';
import { QuestionSessionRepository } from '../store/question-session.repository.js';
import { TeamPolicyRepository } from '../store/team-policy.repository.js';
import { inWorkWording } from './in-work-wording.context.js';
import { openConversationOf } from './open-conversation.reader.js';

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

/** While a reminder or DNA conversation is open, a check-in waits this long before looking again. */
const BUSY_RETRY_MS = 3600_000;
/** A check-in kept waiting this long after it was due by conversations that never close is skipped. */
const GIVE_UP_AFTER_MS = 7 * 24 * 3600_000;

/**
 * A scheduled in-work check-in is due. Everything is checked again at this moment — the job still active, consent,
 * opt-out, mutes, quiet hours, the daily cap, and that no reminder or did-not-attend conversation is open (it waits
 * rather than interrupt one) — then the check-in's first question goes and its session opens, in one transaction.
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
      const unreachable = whyUnreachable(reachabilityOf(participant), ['check_ins']);
      if (unreachable) return close('skipped', unreachable);

      const now = this.deps.clock.now();
      const { timeZone } = this.deps;
      const policy = await new TeamPolicyRepository(tx).get(participant.team);
      const defer = async (until: Date, reason: string): Promise<CheckInOutcome> => {
        await checkIns.moveSendAt(checkIn.id, until, reason);
        return { kind: 'deferred', until, reason };
      };
      const allowed = nextAllowedSendTime(now, policy, timeZone);
      if (allowed.at > now) return defer(allowed.at, allowed.moved ?? 'quiet_hours');
      if (await checkIns.laterOneDue(checkIn, now)) return close('superseded', 'a later check-in is due');

      if ((await openConversationOf(tx, participant.id, now)) !== null) {
        if (now.getTime() - checkIn.due_at.getTime() > GIVE_UP_AFTER_MS) return close('skipped', 'in_conversation');
        return defer(nextAllowedTime(new Date(now.getTime() + BUSY_RETRY_MS), policy, timeZone), 'in_conversation');
      }
      const sentToday = await new MessageRepository(tx).countSince(participant.id, CAPPED_KINDS, startOfLocalDay(now, timeZone));
      if (sentToday >= this.deps.dailyCap) return defer(nextAllowedTime(startOfNextLocalDay(now, timeZone), policy, timeZone), 'daily_cap');

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
        sourceKey: `checkin-${checkIn.id}`,
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
