import { caseloadOf, type StaffIdentity } from '../domain/caseload.js';
import type { Executor } from '../store/database.js';
import { ParticipantRepository } from '../store/participant.repository.js';
import type { ParticipantRow } from '../store/schema.js';
import { NotFoundError } from './action-errors.js';

/**
 * A participant in the caller's caseload, or a 404: outside the caseload is indistinguishable from absent (never
 * reveal another caseload). `lock` also takes the person's row lock, the first lock every writer takes.
 */
export async function participantInCaseload(db: Executor, staff: StaffIdentity, id: string, options: { lock?: boolean } = {}): Promise<ParticipantRow> {
  const participants = new ParticipantRepository(db);
  const row = await participants.findById(id, caseloadOf(staff));
  const found = row && options.lock ? await participants.lockForUpdate(row.id) : row;
  if (!found) throw new NotFoundError('No such participant in your caseload');
  return found;
}

/** Whether someone in the caller's caseload has this number (E.164). */
export async function hasParticipantWithPhone(db: Executor, staff: StaffIdentity, phone: string): Promise<boolean> {
  const participants = new ParticipantRepository(db);
  const participant = await participants.findByPhone(phone);
  return participant !== undefined && (await participants.findById(participant.id, caseloadOf(staff))) !== undefined;
}
