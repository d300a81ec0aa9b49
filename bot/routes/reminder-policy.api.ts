import { GetReminderPolicy } from '../../app/appointments/get-reminder-policy.action.js';
import { SetReminderPolicy } from '../../app/appointments/set-reminder-policy.action.js';
import type { ApiDeps } from './api-deps.js';
import { route, type ApiRoute } from './api-route.js';
import { errorSchema, reminderPolicySchema } from './api-schemas.js';

/** Each team's reminder policy; new bookings use it (booked reminders keep the policy they were planned with). */
export function reminderPolicyRoutes({ db }: ApiDeps): ApiRoute[] {
  const getPolicy = new GetReminderPolicy({ db });
  const setPolicy = new SetReminderPolicy({ db });
  return [
    route({
      method: 'get',
      path: '/api/reminder-policy',
      summary: "The caller's team reminder policy (the defaults until a team sets its own)",
      responses: { 200: { description: 'The policy', schema: reminderPolicySchema } },
      async handle({ staff }) {
        return { status: 200, body: await getPolicy.execute(staff.team) };
      },
    }),
    route({
      method: 'put',
      path: '/api/reminder-policy',
      summary: "Set the caller's team reminder policy",
      body: reminderPolicySchema,
      responses: { 200: { description: 'Saved', schema: reminderPolicySchema }, 400: { description: 'Invalid', schema: errorSchema } },
      async handle({ staff, body }) {
        return { status: 200, body: await setPolicy.execute(staff.team, body, staff.id) };
      },
    }),
  ];
}
