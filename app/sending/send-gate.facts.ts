import { CAPPED_KINDS, startOfLocalDay } from '../../domain/sending/message-cap.js';
import { countsAgainstCap, waitsForOpenConversation, type ScheduledKind, type SendGateInput } from '../../domain/sending/send-gate.js';
import type { Tx } from '../../store/database.js';
import { MessageRepository } from '../../store/message.repository.js';
import { reachabilityOf } from '../../store/participant.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import { openConversationOf } from './open-conversation.reader.js';

/**
 * What the send gate needs to know about the person right now, read in the caller's transaction: reachability, their
 * team's send window, and (only for kinds the rule needs them for) today's capped count and any open conversation.
 */
export async function sendGateFacts(
  tx: Tx,
  participant: ParticipantRow,
  kind: ScheduledKind,
  now: Date,
  timeZone: string,
): Promise<Pick<SendGateInput, 'person' | 'policy' | 'sentToday' | 'openConversation' | 'kind' | 'now' | 'timeZone'>> {
  const policy = await new TeamPolicyRepository(tx).get(participant.team);
  const sentToday = countsAgainstCap(kind)
    ? await new MessageRepository(tx).countSince(participant.id, CAPPED_KINDS, startOfLocalDay(now, timeZone))
    : 0;
  const openConversation = waitsForOpenConversation(kind) ? await openConversationOf(tx, participant.id, now) : null;
  return { kind, now, timeZone, person: reachabilityOf(participant), policy, sentToday, openConversation };
}
