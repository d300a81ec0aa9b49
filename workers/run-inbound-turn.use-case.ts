import type { Activity } from 'botbuilder';
import { ParkFailedTurn } from '../app/conversation/park-failed-turn.action.js';
import type { Clock } from '../domain/time/clock.js';
import { knownBankHolidayRegion } from '../domain/time/bank-holiday-regions.js';
import { bankHolidayCalendar } from '../domain/time/bank-holidays.js';
import { nextKeyWorkerAvailability } from '../domain/time/key-worker-availability.js';
import { isLoop, loopAlertOnceKey, LOOP_WINDOW_MS } from '../domain/conversation/loop-guard.js';
import { prepareScreen, screenForRisk } from '../domain/safeguarding/screen.js';
import type { ParticipantContext, TurnResult } from '../domain/conversation/conversation.types.js';
import { SESSION_ANSWER_WINDOW_MS, type JobFacts } from '../domain/in-work/question-session.types.js';
import { turnWriteback } from '../domain/conversation/turn-writeback.js';
import { EngagementBot } from '../bot/twilio/engagement.bot.js';
import type { TwilioBotAdapter } from '../bot/twilio/twilio-bot.adapter.js';
import { ConversationStateStorage } from '../bot/twilio/conversation-state.storage.js';
import { AppointmentRepository } from '../store/appointment.repository.js';
import { CaseRecordRepository } from '../store/case-record.repository.js';
import type { Db, Tx } from '../store/database.js';
import { FollowUpRepository } from '../store/follow-up.repository.js';
import { endJob } from '../app/in-work/end-job.action.js';
import { JobStartRepository } from '../store/job-start.repository.js';
import { QuestionSessionRepository } from '../store/question-session.repository.js';
import { MessageRepository } from '../store/message.repository.js';
import { ParticipantRepository } from '../store/participant.repository.js';
import { StaffRepository } from '../store/staff.repository.js';
import { TeamPolicyRepository } from '../store/team-policy.repository.js';
import { WritebackRepository } from '../store/writeback.repository.js';
import type { MessageRow, ParticipantRow } from '../store/schema.js';
import { sourceKeys } from '../domain/job-keys.js';

export interface RunInboundTurnDeps {
  db: Db;
  adapter: TwilioBotAdapter;
  bot: EngagementBot;
  clock: Clock;
  programmeName: string;
  timeZone: string;
}

/** What a turn knows of the person beyond the dialog's context: who their in-work adviser is, and their team. */
interface TurnParticipant {
  context: ParticipantContext;
  adviserName: string | null;
  team: string | null;
}

/** How long after a did-not-attend its follow-up still shapes how replies are read. */
const DNA_FOLLOW_UP_MEMORY_MS = 14 * 24 * 3600_000;

/** What the job for a stored text did: the write-backs of the turns it ran, or why it ran none. */
export type InboundTextOutcome = { kind: 'done'; writebackIds: string[] } | { kind: 'skipped'; reason: string };

/**
 * Conversation turns for a stored inbound message. One person's turns run one at a time (their participant row
 * is locked) and in the order their texts arrived: the job for a text first takes every earlier text of theirs
 * still waiting. Each turn's memory, consent change and outcome are committed in the same transaction that marks
 * the text processed, so a retry after a crash either finds the turn done or runs it afresh.
 */
export class RunInboundTurn {
  constructor(private readonly deps: RunInboundTurnDeps) {
    // Made once when the workers start (startWorkers), so the screen's indexes and model are built then, not while
    // the first participant's text waits.
    prepareScreen();
  }

  async execute(messageId: string): Promise<InboundTextOutcome> {
    const { db } = this.deps;
    const message = await new MessageRepository(db).findById(messageId);
    if (!message || message.direction !== 'inbound') return { kind: 'skipped', reason: 'no such inbound message' };
    if (message.status !== 'received') return { kind: 'skipped', reason: 'already processed' };
    if (!message.participant_id) {
      // Nobody on our caseload has this number: keep the message, start no conversation with a stranger.
      await new MessageRepository(db).setStatus(message.id, 'processed');
      return { kind: 'skipped', reason: 'unknown sender' };
    }
    const participantId = message.participant_id;

    const writebackIds = await db.transaction().execute(async (tx) => {
      const participant = await new ParticipantRepository(tx).lockForUpdate(participantId);
      const waiting = await new MessageRepository(tx).listReceivedForParticipant(participantId, message.seq);
      // Their case record shows each text before anything its turn adds (the webhook stored only the row).
      await new CaseRecordRepository(tx).appendInboundArrivals(waiting.map((m) => m.id));
      if (!participant || participant.erased_at) {
        for (const m of waiting) await new MessageRepository(tx).setStatus(m.id, 'processed');
        return [];
      }
      const person = await this.participantContext(tx, participant);
      const ids: string[] = [];
      for (const text of waiting) ids.push(await this.turn(tx, text, person));
      return ids;
    });
    if (writebackIds.length === 0) return { kind: 'skipped', reason: 'processed already or participant erased' };
    return { kind: 'done', writebackIds };
  }

  /** The job gave up on this text: it becomes a dead letter (see app/conversation/park-failed-turn.action.ts). */
  async park(messageId: string, error: unknown): Promise<boolean> {
    return new ParkFailedTurn({ db: this.deps.db, clock: this.deps.clock }).execute(messageId, error);
  }

  private async turn(tx: Tx, message: MessageRow, person: TurnParticipant): Promise<string> {
    const { context } = person;
    const now = this.deps.clock.now();
    const loop = await this.loopGuard(tx, message, context, now);
    if (loop) return loop;
    const followUps = new FollowUpRepository(tx);
    const appointments = await new AppointmentRepository(tx).listUpcoming(context.id, now);
    const dnaFollowUp = await followUps.latestFacts(context.id, new Date(now.getTime() - DNA_FOLLOW_UP_MEMORY_MS));
    const welcomePending = await followUps.hasActive(context.id, 'welcome');
    const sessions = new QuestionSessionRepository(tx);
    const session = await sessions.openFacts(context.id, new Date(now.getTime() - SESSION_ANSWER_WINDOW_MS));
    const activeJob = await new JobStartRepository(tx).findActive(context.id);
    const job: JobFacts | null = activeJob
      ? { id: activeJob.id, employer: activeJob.employer, adviserName: person.adviserName ?? context.keyWorkerName }
      : null;
    const { workingHours, region } = await new TeamPolicyRepository(tx).get(person.team);
    const keyWorkerAvailability = nextKeyWorkerAvailability(now, workingHours, bankHolidayCalendar(knownBankHolidayRegion(region)), this.deps.timeZone);
    const storage = new ConversationStateStorage(tx, context.id);
    const { state, memory } = EngagementBot.memoryFor(storage, context.id);
    let answered: TurnResult | undefined;
    await this.deps.adapter.runTurn(this.activityFor(message, context, now), async (turn) => {
      EngagementBot.prepare(turn, { participant: context, now, appointments, dnaFollowUp, welcomePending, session, job, keyWorkerAvailability }, state, memory);
      await this.deps.bot.run(turn);
      answered = EngagementBot.resultOf(turn);
    });
    // No result: no message reached the dialogs, so the text is marked handled with nothing to say.
    const result: TurnResult = answered ?? { replies: [], events: [], alerts: [], memory: {} };
    await storage.commit(tx);
    // Any reply ends a follow-up at once: nobody is nudged after they have answered. A reply of any kind to the
    // welcome means the number reaches them — unless it says the number is someone else's.
    let answeredWelcome = false;
    if (result.wrongNumber) {
      await new ParticipantRepository(tx).markWrongNumber(context.id, now);
      await followUps.endActiveFor(context.id, 'stopped', 'wrong number');
    } else {
      const ended = await followUps.endActiveFor(context.id, 'replied', 'participant replied');
      answeredWelcome = ended.includes('welcome');
    }
    for (const event of result.events) {
      const followUpId = event.type === 'dna.reason' ? event.data.followUpId : undefined;
      if (typeof followUpId === 'string') await followUps.markReasonRecorded(context.id, followUpId, now);
    }
    // Consent changes at once, in this transaction: the next text's turn must already see a STOP or START.
    if (result.consent && (result.consent === 'opted_out') !== context.optedOut) {
      context.optedOut = result.consent === 'opted_out';
      await new ParticipantRepository(tx).setOptedOut(context.id, context.optedOut, now);
      if (context.optedOut) await sessions.stopOpenFor(context.id);
    }
    await this.applyInWork(tx, context.id, result, now, message.body);
    const sourceKey = sourceKeys.inbound(message.twilio_sid ?? message.id);
    const payload = turnWriteback(result, { participantId: context.id, sourceKey, now, channel: message.channel, answeredWelcome });
    const writebackId = await new WritebackRepository(tx).save(payload);
    await new MessageRepository(tx).setStatus(message.id, 'processed');
    return writebackId;
  }

  /** The check-in or pulse moves on; "still in work" is sustainment evidence; "I left" stops the in-work schedule. */
  private async applyInWork(tx: Tx, participantId: string, result: TurnResult, now: Date, words: string | null): Promise<void> {
    if (result.session) await new QuestionSessionRepository(tx).apply(result.session, now);
    for (const event of result.events) {
      if (event.type === 'checkin.response' && event.data.sustainment === true && typeof event.data.jobStartId === 'string') {
        await new JobStartRepository(tx).markConfirmed(event.data.jobStartId, now);
      }
    }
    if (result.leftJob) {
      await endJob(tx, { participantId, jobStartId: result.leftJob.jobStartId, reason: 'participant said they left', words, now });
    }
  }

  /**
   * Another bot's auto-reply (or a flood) gets no answer for the rest of the window, and one `loop_detected` alert a
   * day on the programme's calendar; the text itself stays on the record. Safeguarding is screened first, so a person
   * in crisis is never muted.
   */
  private async loopGuard(tx: Tx, message: MessageRow, context: ParticipantContext, now: Date): Promise<string | undefined> {
    const counts = await new MessageRepository(tx).countInboundSince(context.id, new Date(now.getTime() - LOOP_WINDOW_MS), message.seq, message.body ?? '');
    if (!isLoop({ sameTextInWindow: counts.same, allTextsInWindow: counts.all })) return undefined;
    if (screenForRisk(message.body ?? '').risk) return undefined;
    const writebackId = await new WritebackRepository(tx).save({
      participantId: context.id,
      sourceKey: sourceKeys.inbound(message.twilio_sid ?? message.id),
      at: now.toISOString(),
      events: [],
      alerts: [
        {
          type: 'loop_detected',
          key: 'loop',
          onceKey: loopAlertOnceKey(context.id, now, this.deps.timeZone),
          data: { sameText: counts.same, texts: counts.all, windowMinutes: LOOP_WINDOW_MS / 60_000 },
        },
      ],
      replies: [],
    });
    await new MessageRepository(tx).setStatus(message.id, 'processed');
    return writebackId;
  }

  private async participantContext(tx: Tx, participant: ParticipantRow): Promise<TurnParticipant> {
    const staff = new StaffRepository(tx);
    const keyWorker = participant.key_worker_id ? await staff.findById(participant.key_worker_id) : undefined;
    const adviser = participant.in_work_adviser_id ? await staff.findById(participant.in_work_adviser_id) : undefined;
    return {
      context: {
        id: participant.id,
        firstName: participant.first_name ?? '',
        language: participant.language,
        channel: participant.channel,
        optedOut: participant.opted_out,
        keyWorkerName: keyWorker?.name ?? null,
        programmeName: this.deps.programmeName,
        timeZone: this.deps.timeZone,
      },
      adviserName: adviser?.name ?? null,
      team: participant.team,
    };
  }

  private activityFor(message: MessageRow, participant: ParticipantContext, now: Date): Partial<Activity> {
    return {
      type: 'message',
      id: message.twilio_sid ?? message.id,
      channelId: message.channel,
      conversation: { id: `participant-${participant.id}`, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: participant.id, name: '' },
      recipient: { id: 'engagement-bot', name: '' },
      text: message.body ?? '',
      timestamp: now,
      locale: participant.language,
    };
  }
}
