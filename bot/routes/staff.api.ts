import { AddStaff } from '../../app/staff/add-staff.action.js';
import { ChangeStaff } from '../../app/staff/change-staff.action.js';
import { RotateStaffToken } from '../../app/staff/rotate-staff-token.action.js';
import { StaffChangeRefusedError, StaffInputError, StaffNotFoundError } from '../../app/staff/staff-errors.js';
import { ListStaff } from '../../app/staff/list-staff.action.js';
import type { StaffMember } from '../../store/staff.repository.js';
import { issueStaffToken } from '../auth/staff-token.js';
import { ApiError, notFound } from './api-error.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { createStaffBody, errorSchema, patchStaffBody, staffCreated, staffMemberSchema, staffPatched, staffToken } from './api-schemas.js';
import type { ApiDeps } from './api-deps.js';
import { z } from 'zod';

/** Staff accounts, for admins: add, list, change, switch off (with their caseload handed over), new token. */
export function staffRoutes({ db, clock, config, queues, logger }: ApiDeps): ApiRoute[] {
  const addStaff = new AddStaff({ db, issueToken: issueStaffToken });
  const changeStaff = new ChangeStaff({ db, clock, programmeName: config.PROGRAMME_NAME, queues, logger });
  const rotateToken = new RotateStaffToken({ db, issueToken: issueStaffToken });

  return [
    route({
      method: 'post',
      path: '/api/staff',
      summary: 'Add a member of staff and issue their token (shown once)',
      roles: ['admin'],
      body: createStaffBody,
      responses: {
        201: { description: 'Created', schema: staffCreated },
        400: { description: 'Invalid, with the failing field (an unknown role, an email already used, a phone that is not a UK number)', schema: errorSchema },
      },
      async handle({ body }) {
        const { member, token } = await staffAction(() =>
          addStaff.execute({ name: body.name, role: body.role, team: body.team ?? null, email: body.email ?? null, phone: body.phone ?? null }),
        );
        const { id, name, role, team, email, phone } = member;
        return { status: 201, subjectId: id, body: { id, name, role, team, email, phone, token } };
      },
    }),
    route({
      method: 'get',
      path: '/api/staff',
      summary: 'Every member of staff, active first (never their tokens)',
      roles: ['admin'],
      responses: { 200: { description: 'Staff', schema: z.array(staffMemberSchema) } },
      async handle() {
        const members = await new ListStaff({ db }).execute();
        return { status: 200, body: members.map(staffMemberJson) };
      },
    }),
    route({
      method: 'patch',
      path: '/api/staff/:id',
      summary: 'Change name, role, team, phone; active: false switches them off at once; reassignTo hands their caseload over',
      roles: ['admin'],
      body: patchStaffBody,
      responses: {
        200: { description: 'Changed', schema: staffPatched },
        400: { description: 'Invalid, with the failing field', schema: errorSchema },
        404: { description: 'No such member of staff', schema: errorSchema },
        409: { description: 'Refused as things stand (yourself, or the ADMIN_TOKEN administrator), saying why', schema: errorSchema },
      },
      async handle({ staff, params, body }) {
        const { member, reassigned } = await staffAction(() =>
          changeStaff.execute({
            staffId: uuidParam(params, 'id'),
            actor: staff,
            ...(body.name !== undefined && { name: body.name }),
            ...(body.role !== undefined && { role: body.role }),
            ...(body.team !== undefined && { team: body.team }),
            ...(body.phone !== undefined && { phone: body.phone }),
            ...(body.active !== undefined && { active: body.active }),
            ...(body.reassignTo !== undefined && { reassignTo: body.reassignTo }),
            ...(body.handoverReason !== undefined && { handoverReason: body.handoverReason }),
          }),
        );
        return { status: 200, body: { ...staffMemberJson(member), reassigned } };
      },
    }),
    route({
      method: 'post',
      path: '/api/staff/:id/token',
      summary: 'Issue a new token (shown once); the old one, and every session signed in with it, stop at once',
      roles: ['admin'],
      responses: {
        201: { description: 'The new token', schema: staffToken },
        404: { description: 'No such member of staff', schema: errorSchema },
        409: { description: 'Switched off, or the ADMIN_TOKEN administrator', schema: errorSchema },
      },
      async handle({ params }) {
        const issued = await staffAction(() => rotateToken.execute(uuidParam(params, 'id')));
        return { status: 201, body: issued };
      },
    }),
  ];
}

export function staffMemberJson(member: StaffMember) {
  return {
    id: member.id,
    name: member.name,
    role: member.role,
    team: member.team,
    email: member.email,
    phone: member.phone,
    active: member.active,
    deactivatedAt: member.deactivatedAt ? member.deactivatedAt.toISOString() : null,
    bootstrap: member.bootstrap,
  };
}

/** The staff actions' refusals in the contract's error shape. */
async function staffAction<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StaffInputError) {
      throw new ApiError(400, 'validation_failed', `${error.field} ${error.reason}`, { fields: [{ path: error.field, message: error.reason }] });
    }
    if (error instanceof StaffNotFoundError) throw notFound(error.message);
    if (error instanceof StaffChangeRefusedError) throw new ApiError(409, 'conflict', error.message);
    throw error;
  }
}
