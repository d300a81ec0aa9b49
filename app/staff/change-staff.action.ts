import type { Logger } from 'pino';
import type { StaffIdentity, StaffRole } from '../../domain/caseload.js';
import type { Clock } from '../../domain/time/clock.js';
import { staffChangeRefusal } from '../../domain/staff-lifecycle.js';
import type { Db } from '../../store/database.js';
import { StaffRepository, type StaffMember } from '../../store/staff.repository.js';
import type { JobQueues } from '../../workers/queues.js';
import { workPhoneOrThrow } from './add-staff.action.js';
import { deactivateStaff } from './deactivate-staff.action.js';
import { reassignCaseload } from './reassign-caseload.action.js';
import { StaffChangeRefusedError, StaffNotFoundError } from './staff-errors.js';

export interface ChangeStaffInput {
  staffId: string;
  /** The admin making the change. */
  actor: StaffIdentity;
  name?: string;
  role?: StaffRole;
  /** null: no team. A team not seen before is created by naming it. */
  team?: string | null;
  /** As typed (any UK number); null removes it. */
  phone?: string | null;
  /** false: switched off at once (token and sessions); true: back, with no working token until one is issued. */
  active?: boolean;
  /** Hand everyone they look after to this member of staff. */
  reassignTo?: string;
  handoverReason?: string;
}

export interface ChangeStaffDeps {
  db: Db;
  clock: Clock;
  programmeName: string;
  queues: Pick<JobQueues, 'enqueueSends'>;
  logger: Logger;
}

/**
 * An admin changes a member of staff in one transaction: details, role and team, switching them off (every token and
 * session stops at once) and handing their caseload to someone else, whose participants are each told by the
 * handover message. A role or team change applies to their very next request, sessions included.
 */
export class ChangeStaff {
  constructor(private readonly deps: ChangeStaffDeps) {}

  async execute(input: ChangeStaffInput): Promise<{ member: StaffMember; reassigned: number }> {
    const phone = typeof input.phone === 'string' ? workPhoneOrThrow(input.phone) : input.phone;
    const now = this.deps.clock.now();
    const result = await this.deps.db.transaction().execute(async (tx) => {
      const staff = new StaffRepository(tx);
      const member = await staff.findMember(input.staffId, { lock: true });
      if (!member) throw new StaffNotFoundError();
      const refusal = staffChangeRefusal(member, { ...(input.role && { role: input.role }), ...(input.active !== undefined && { active: input.active }) }, input.actor);
      if (refusal) throw new StaffChangeRefusedError(refusal);

      await staff.update(member.id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.role !== undefined && { role: input.role }),
        ...(input.team !== undefined && { team: input.team }),
        ...(phone !== undefined && { phone }),
      });
      if (input.active === false && member.active) await deactivateStaff(tx, member.id, now);
      if (input.active === true && !member.active) await staff.reactivate(member.id);
      const handedOver = input.reassignTo
        ? await reassignCaseload(tx, {
            from: member,
            toId: input.reassignTo,
            reason: input.handoverReason ?? null,
            programmeName: this.deps.programmeName,
            now,
            field: 'reassignTo',
          })
        : { reassigned: 0, queuedMessageIds: [] };
      const after = await staff.findMember(member.id);
      if (!after) throw new StaffNotFoundError();
      return { member: after, ...handedOver };
    });
    await this.deps.queues
      .enqueueSends(result.queuedMessageIds)
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'handover texts not enqueued; the sweep will send them'));
    return { member: result.member, reassigned: result.reassigned };
  }
}
