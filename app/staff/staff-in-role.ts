import { mayAssignKeyWorker, type StaffIdentity, type StaffRole } from '../../domain/caseload.js';
import type { Executor } from '../../store/database.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { InvalidFieldError } from '../action-errors.js';

/** A key worker still at work; a team lead can only name one in their own team (they reassign within it). */
export async function keyWorkerFor(db: Executor, id: string, caller: StaffIdentity): Promise<StaffIdentity> {
  const keyWorker = await staffInRole(db, id, 'key_worker', 'keyWorkerId');
  if (!mayAssignKeyWorker(caller, keyWorker)) throw new InvalidFieldError('keyWorkerId', 'is not in your team');
  return keyWorker;
}

/** A member of staff still at work in this role, or a refusal naming the field that named them. */
export async function staffInRole(db: Executor, id: string, role: StaffRole, field: string): Promise<StaffIdentity> {
  const staff = await new StaffRepository(db).findActiveById(id);
  if (!staff || staff.role !== role) throw new InvalidFieldError(field, role === 'key_worker' ? 'is not a key worker' : 'is not in an in-work team');
  return staff;
}
