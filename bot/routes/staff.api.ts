import { StaffRepository } from '../../store/staff.repository.js';
import { issueStaffToken } from '../auth/staff-token.js';
import { route, type ApiRoute } from './api-route.js';
import { createStaffBody, errorSchema, staffCreated } from './api-schemas.js';
import type { ApiDeps } from './api-deps.js';

export function staffRoutes({ db }: ApiDeps): ApiRoute[] {
  return [
    route({
      method: 'post',
      path: '/api/staff',
      summary: 'Add a member of staff and issue their token (shown once)',
      roles: ['admin'],
      body: createStaffBody,
      responses: {
        201: { description: 'Created', schema: staffCreated },
        400: { description: 'Invalid', schema: errorSchema },
        409: { description: 'That email already belongs to a member of staff', schema: errorSchema },
      },
      async handle({ body }) {
        const issued = await issueStaffToken();
        const staff = await new StaffRepository(db).create({
          name: body.name,
          role: body.role,
          team: body.team ?? null,
          email: body.email ?? null,
          tokenLookup: issued.lookup,
          tokenHash: issued.hash,
        });
        return { status: 201, body: { ...staff, email: body.email ?? null, token: issued.token } };
      },
    }),
  ];
}
