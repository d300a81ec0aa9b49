import type { StaffIdentity, StaffRole } from './caseload.js';

/** A member of staff as the lifecycle rules need them. */
export interface StaffState {
  id: string;
  role: StaffRole;
  active: boolean;
  /** The ADMIN_TOKEN administrator: the operator's way in, whatever happens in the dashboard. */
  bootstrap: boolean;
}

export interface StaffChangeRequest {
  role?: StaffRole;
  active?: boolean;
}

/**
 * Why a change to a member of staff is refused, or undefined when it may go ahead. Nobody switches themselves off or
 * takes away their own admin role (an organisation could lose its last way in), and the ADMIN_TOKEN administrator
 * stays an active admin: its token comes from the environment, not from here.
 */
export function staffChangeRefusal(member: StaffState, change: StaffChangeRequest, actor: StaffIdentity): string | undefined {
  const demoted = change.role !== undefined && change.role !== member.role && member.role === 'admin';
  const switchedOff = change.active === false && member.active;
  if (member.bootstrap && (demoted || change.active === false)) return 'The ADMIN_TOKEN administrator is set by the environment and stays an active admin';
  if (member.id === actor.id && switchedOff) return 'You cannot switch yourself off; ask another admin';
  if (member.id === actor.id && demoted) return 'You cannot take away your own admin role; ask another admin';
  return undefined;
}

/** A new token is only for someone active, and never for the ADMIN_TOKEN administrator (set ADMIN_TOKEN instead). */
export function tokenRotationRefusal(member: StaffState): string | undefined {
  if (member.bootstrap) return 'The ADMIN_TOKEN administrator’s token is set by the environment: change ADMIN_TOKEN instead';
  if (!member.active) return 'This member of staff is switched off';
  return undefined;
}

/** How a participant is held: by their key worker, or by their in-work adviser. */
export type CaseloadLink = 'key_worker' | 'in_work_adviser';

/** The role someone must have to take over participants held by each link. */
export const ROLE_FOR_LINK: Record<CaseloadLink, StaffRole> = { key_worker: 'key_worker', in_work_adviser: 'in_work_team' };

/**
 * Why a caseload cannot be handed to `to`, or undefined. `links` are the ways the leaver holds people (key worker,
 * adviser); the new person must be someone else, active, and of the role each link needs.
 */
export function reassignmentRefusal(fromId: string, links: ReadonlySet<CaseloadLink>, to: { id: string; role: StaffRole; active: boolean } | undefined): string | undefined {
  if (!to) return 'is not a member of staff';
  if (to.id === fromId) return 'must be someone else';
  if (!to.active) return 'is switched off';
  for (const link of links) {
    if (to.role !== ROLE_FOR_LINK[link]) return link === 'key_worker' ? 'is not a key worker' : 'is not in an in-work team';
  }
  return undefined;
}
