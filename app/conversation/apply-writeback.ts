import { priorityOf } from '../../domain/case-record/case-record.types.js';
import { mayReachOptedOut } from '../../domain/sending/delivery.js';
import { escalates, escalationDueAt } from '../../domain/safeguarding-escalation.js';
import type { WritebackPayload } from '../../domain/case-record/writeback.types.js';
import { AlertRepository, type DueEscalation } from '../../store/alert.repository.js';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Tx } from '../../store/database.js';
import { MessageRepository } from '../../store/message.repository.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { ParticipantRow } from '../../store/schema.js';
import { SafeguardingPolicyRepository } from '../../store/safeguarding-policy.repository.js';
import { sourceKeys } from '../../domain/job-keys.js';

/**
 * Writes one outcome to the case record inside the caller's transaction. Every row is keyed by the
 * outcome's source, so applying the same outcome again adds nothing.
 * Returns the outbound messages now waiting to be sent, and the escalations of urgent alerts it raised (each due
 * when the team's safeguarding policy says; the due time is on the alert, so the sweep finds it if this is lost).
 */
export async function applyWriteback(
  tx: Tx,
  payload: WritebackPayload,
  /** The participant's row, when the caller has just locked it in this transaction (one statement fewer). */
  locked?: ParticipantRow,
): Promise<{ queuedMessageIds: string[]; escalations: DueEscalation[] }> {
  return applyOutcome(tx, payload, payload.events, locked);
}

/**
 * As applyWriteback, for an outcome whose events are on the case record already (written, in order, by
 * WritebackRepository.lockOwnerClaimThroughAndRecordEvents in this transaction): its consent, alerts and replies.
 */
export async function applyWritebackAfterItsEvents(
  tx: Tx,
  payload: Omit<WritebackPayload, 'events'>,
  locked?: ParticipantRow,
): Promise<{ queuedMessageIds: string[]; escalations: DueEscalation[] }> {
  // Nothing left to do, so no need to read the person again.
  if (!payload.consent && payload.alerts.length === 0 && payload.replies.length === 0) return { queuedMessageIds: [], escalations: [] };
  return applyOutcome(tx, payload, [], locked);
}

async function applyOutcome(
  tx: Tx,
  payload: Omit<WritebackPayload, 'events'>,
  events: WritebackPayload['events'],
  locked: ParticipantRow | undefined,
): Promise<{ queuedMessageIds: string[]; escalations: DueEscalation[] }> {
  const participant = locked?.id === payload.participantId ? locked : await new ParticipantRepository(tx).lockForUpdate(payload.participantId);
  if (!participant || participant.erased_at) return { queuedMessageIds: [], escalations: [] };
  const at = new Date(payload.at);
  const record = new CaseRecordRepository(tx);
  const alerts = new AlertRepository(tx);
  const messages = new MessageRepository(tx);

  let optedOut = participant.opted_out;
  if (payload.consent && (payload.consent === 'opted_out') !== optedOut) {
    optedOut = payload.consent === 'opted_out';
    await new ParticipantRepository(tx).setOptedOut(participant.id, optedOut, at);
  }

  // One statement for all of them, in the order given (their ids, and so the record's order, follow it).
  await record.appendMany(
    events.map((event) => ({
      participantId: participant.id,
      type: event.type,
      at,
      appointmentId: event.appointmentId ?? null,
      data: event.data,
      sourceKey: sourceKeys.writebackEvent(payload.sourceKey, event.type, event.key),
    })),
  );

  const escalations: DueEscalation[] = [];
  for (const draft of payload.alerts) {
    const priority = priorityOf(draft.type);
    const escalateAt = escalates({ type: draft.type, priority })
      ? escalationDueAt(at, await new SafeguardingPolicyRepository(tx).forParticipant(participant.id))
      : null;
    const raised = await alerts.raise({
      participantId: participant.id,
      type: draft.type,
      priority,
      data: draft.data,
      sourceKey: draft.onceKey ?? `${payload.sourceKey}/alert/${draft.type}/${draft.key}`,
      createdAt: at,
      escalateAt,
    });
    if (raised?.escalate_at) escalations.push({ alertId: raised.id, dueAt: raised.escalate_at });
    if (raised) {
      await record.append({
        participantId: participant.id,
        type: 'alert.raised',
        at,
        data: { alertId: raised.id, type: raised.type, priority: raised.priority },
        sourceKey: sourceKeys.alert(raised.id),
      });
    }
  }

  const queuedMessageIds: string[] = [];
  for (const [index, reply] of payload.replies.entries()) {
    if (!participant.phone) break;
    const blocked = optedOut && !mayReachOptedOut(reply.kind);
    const { message } = await messages.insertOutbound({
      participantId: participant.id,
      channel: payload.replyChannel ?? participant.channel,
      phone: participant.phone,
      body: reply.text,
      kind: reply.kind,
      sourceKey: sourceKeys.writebackReply(payload.sourceKey, index),
      status: blocked ? 'suppressed' : 'queued',
    });
    if (message.status === 'queued') queuedMessageIds.push(message.id);
  }
  return { queuedMessageIds, escalations };
}
