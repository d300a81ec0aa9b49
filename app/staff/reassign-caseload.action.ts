import { reassignmentRefusal, type CaseloadLink } from '../../domain/staff-lifecycle.js';
import type { Tx } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { StaffRepository, type StaffMember } from '../../store/staff.repository.js';
import { handOverParticipant } from '../participants/hand-over-participant.action.js';
import { StaffInputError } from './staff-errors.js';

export interface ReassignCaseload {
  from: StaffMember;
  toId: string;
  reason: string | null;
  programmeName: string;
  now: Date;
  /** The request field that named the new person, for a refusal. */
  field: string;
}

/**
 * Everyone a member of staff looks after goes to one other member in the caller's transaction: as key worker (the
 * participant's team becomes the new key worker's) or as in-work adviser. Each person gets the ordinary handover
 * message introducing the new person by name. Returns how many moved and the messages to send after commit.
 */
export async function reassignCaseload(tx: Tx, input: ReassignCaseload): Promise<{ reassigned: number; queuedMessageIds: string[] }> {
  const staff = new StaffRepository(tx);
  const to = await staff.findMember(input.toId);
  const participants = new ParticipantRepository(tx);
  const held = await participants.lockHeldBy(input.from.id);
  const links = new Set<CaseloadLink>();
  for (const p of held) {
    if (p.key_worker_id === input.from.id) links.add('key_worker');
    if (p.in_work_adviser_id === input.from.id) links.add('in_work_adviser');
  }
  const refusal = reassignmentRefusal(input.from.id, links, to);
  if (refusal || !to) throw new StaffInputError(input.field, refusal ?? 'is not a member of staff');

  const queuedMessageIds: string[] = [];
  for (const before of held) {
    const asKeyWorker = before.key_worker_id === input.from.id;
    const asAdviser = before.in_work_adviser_id === input.from.id;
    const row = await participants.update(before.id, {
      ...(asKeyWorker && { keyWorkerId: to.id, team: to.team }),
      ...(asAdviser && { inWorkAdviserId: to.id }),
    });
    if (!row) continue;
    const keyWorkerName = asKeyWorker ? to.name : row.key_worker_id ? ((await staff.findById(row.key_worker_id))?.name ?? null) : null;
    for (const role of [...(asKeyWorker ? ['key_worker' as const] : []), ...(asAdviser ? ['in_work_adviser' as const] : [])]) {
      queuedMessageIds.push(
        ...(await handOverParticipant(tx, {
          participant: row,
          role,
          from: input.from.id,
          to,
          reason: input.reason,
          keyWorkerName,
          programmeName: input.programmeName,
          now: input.now,
        })),
      );
    }
  }
  return { reassigned: held.length, queuedMessageIds };
}
