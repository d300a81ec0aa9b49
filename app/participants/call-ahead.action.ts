import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { callAheadMessage } from '../../domain/wording/call-ahead-wording.js';
import type { StaffIdentity } from '../../domain/caseload.js';
import type { Clock } from '../../domain/time/clock.js';
import { ukNationalFormat } from '../../domain/phone.js';
import { isInQuietHours, type QuietHours } from '../../domain/time/quiet-hours.js';
import { whyUnreachable } from '../../domain/sending/reachability.js';
import { applyWriteback } from '../conversation/apply-writeback.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db, Tx } from '../../store/database.js';
import { reachabilityOf } from '../../store/participant.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import type { JobQueues } from '../../workers/queues.js';

/** A second press within this long sends nothing more: one call, one text. */
export const REPEAT_WINDOW_MS = 60_000;

export type CallAheadRefusal = 'erased' | 'no_consent' | 'opted_out' | 'wrong_number' | 'quiet_hours' | 'no_phone' | 'already_sent';

/** Why no text went, in words a key worker can act on; `details` says more where there is more (quiet hours). */
export class CallAheadRefused extends Error {
  constructor(
    readonly reason: CallAheadRefusal,
    message: string,
    readonly details?: { quietHours: QuietHours },
  ) {
    super(message);
  }
}

export interface CallAheadInput {
  caller: StaffIdentity;
  inMinutes: number;
  /** The participant, locked for update in `tx`, or a throw when they are outside the caller's caseload. */
  participant: (tx: Tx) => Promise<ParticipantRow>;
}

export interface CallAheadSent {
  messageId: string;
  text: string;
  /** E.164, and as the participant will see it on their phone. */
  number: string;
  numberShown: string;
  numberFrom: 'work_phone' | 'team_phone';
  inMinutes: number;
}

export interface CallAheadDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  programmeName: string;
  queues: Pick<JobQueues, 'enqueueSends'>;
  logger: Logger;
}

/**
 * A member of staff is about to ring: one text first, naming them, the programme and the number they will ring from
 * (their work phone, else their team's), so the call is not from an unknown number. Never queued for later: in the
 * participant's team's quiet hours it is refused, because a call then is the caller's own judgement. On the case
 * record as `contact.call_ahead`; sent through the normal outbound path.
 */
export class CallAhead {
  constructor(private readonly deps: CallAheadDeps) {}

  async execute(input: CallAheadInput): Promise<CallAheadSent> {
    const now = this.deps.clock.now();
    const { sent, queuedMessageIds } = await this.deps.db.transaction().execute(async (tx) => {
      const participant = await input.participant(tx);
      const name = participant.first_name || 'This participant';
      const unreachable = whyUnreachable(reachabilityOf(participant), []);
      switch (unreachable) {
        case 'erased':
          throw new CallAheadRefused('erased', `${name}'s details have been erased, so nothing can be sent`);
        case 'no_consent':
          throw new CallAheadRefused('no_consent', `${name} has not agreed to be texted`);
        case 'opted_out':
          throw new CallAheadRefused('opted_out', `${name} has opted out of messages: no text can go until they text START`);
        case 'wrong_number':
          throw new CallAheadRefused('wrong_number', `Someone at ${name}'s number said it is not theirs: change the number before texting`);
        default:
          break;
      }
      const participantPolicy = await new TeamPolicyRepository(tx).get(participant.team);
      if (participantPolicy.quietHours && isInQuietHours(now, participantPolicy.quietHours, this.deps.timeZone)) {
        const { start, end } = participantPolicy.quietHours;
        throw new CallAheadRefused('quiet_hours', `It is quiet hours (${start} to ${end}): no text goes now. Whether to ring is your call`, {
          quietHours: participantPolicy.quietHours,
        });
      }
      const workPhone = await new StaffRepository(tx).workPhone(input.caller.id);
      const teamPhone = workPhone ? null : (await new TeamPolicyRepository(tx).get(input.caller.team)).phone;
      const number = workPhone ?? teamPhone;
      if (!number) {
        throw new CallAheadRefused('no_phone', 'There is no number to give: add your work phone, or your team’s phone in the team settings');
      }
      const last = await new CaseRecordRepository(tx).lastAt(participant.id, 'contact.call_ahead');
      if (last && now.getTime() - last.getTime() < REPEAT_WINDOW_MS) {
        throw new CallAheadRefused('already_sent', `A call-ahead text went to ${name} less than a minute ago`);
      }

      const numberShown = ukNationalFormat(number);
      const numberFrom = workPhone ? 'work_phone' : 'team_phone';
      const text = callAheadMessage({
        firstName: participant.first_name ?? '',
        callerName: input.caller.name,
        programmeName: this.deps.programmeName,
        language: participant.language,
        inMinutes: input.inMinutes,
        callerPhone: numberShown,
      });
      const written = await applyWriteback(tx, {
        participantId: participant.id,
        sourceKey: `call-ahead-${participant.id}-${randomUUID()}`,
        at: now.toISOString(),
        events: [{ type: 'contact.call_ahead', key: 'call', data: { by: input.caller.id, byName: input.caller.name, inMinutes: input.inMinutes, number, numberShown, numberFrom } }],
        alerts: [],
        replies: [{ kind: 'call_ahead', text }],
      });
      const [messageId] = written.queuedMessageIds;
      if (!messageId) throw new Error(`call-ahead text for ${participant.id} was not queued`);
      return {
        sent: { messageId, text, number, numberShown, numberFrom, inMinutes: input.inMinutes } satisfies CallAheadSent,
        queuedMessageIds: written.queuedMessageIds,
      };
    });
    await this.deps.queues
      .enqueueSends(queuedMessageIds)
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'call-ahead text not enqueued; the sweep will send it'));
    return sent;
  }
}
