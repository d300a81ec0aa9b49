import { randomUUID } from 'node:crypto';
import type { StaffIdentity } from '../../domain/caseload.js';
import { handoverMessage } from '../../domain/wording/contact-wording.js';
import { applyWriteback } from '../conversation/apply-writeback.js';
import type { Tx } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import type { ParticipantRow } from '../../store/schema.js';

export interface Handover {
  /** The participant as they are after the change. */
  participant: ParticipantRow;
  role: 'key_worker' | 'in_work_adviser';
  from: string | null;
  to: StaffIdentity;
  reason: string | null;
  /** Their key worker's name after the change, for the message's signature. */
  keyWorkerName: string | null;
  programmeName: string;
  now: Date;
}

/**
 * A new person looking after someone is introduced once, by name, with the reason: `participant.handover` on the
 * record and one notice, in the caller's transaction. Returns the queued message ids to send after commit. Used by
 * PATCH /api/participants/:id and the CSV import alike.
 */
export async function handOverParticipant(tx: Tx, handover: Handover): Promise<string[]> {
  const { participant, role, to } = handover;
  const { queuedMessageIds } = await applyWriteback(tx, {
    participantId: participant.id,
    sourceKey: `handover-${participant.id}-${role}-${to.id}-${randomUUID()}`,
    at: handover.now.toISOString(),
    events: [{ type: 'participant.handover', key: role, data: { role, from: handover.from, to: to.id, reason: handover.reason } }],
    alerts: [],
    replies: [
      {
        kind: 'notice',
        text: handoverMessage(
          { firstName: participant.first_name ?? '', keyWorkerName: handover.keyWorkerName, programmeName: handover.programmeName, language: participant.language },
          { newName: to.name, role, ...(handover.reason && { reason: handover.reason }) },
        ),
      },
    ],
  });
  // The handover message introduced the new adviser by name: their check-ins need not do it again.
  if (role === 'in_work_adviser') await new ParticipantRepository(tx).markAdviserIntroduced(participant.id, to.id);
  return queuedMessageIds;
}
