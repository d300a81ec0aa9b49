import { z } from 'zod';
import { ReadEventsFeed } from '../../app/crm-sink/read-events-feed.action.js';
import type { FeedPosition } from '../../store/case-record-feed.repository.js';
import type { ApiDeps } from './api-deps.js';
import { route, type ApiRoute } from './api-route.js';
import { errorSchema } from './api-schemas.js';

// `<transaction id>-<event id>`; clients should treat it as opaque and hand back what `next` said.
const CURSOR = /^(\d{1,20})-(\d{1,19})$/;

const feedQuery = z.strictObject({
  after: z.string().regex(CURSOR, 'must be a cursor returned as next').optional().describe('The `next` of the previous page; left out: from the start'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const feedEvent = z.object({
  id: z.string(),
  type: z.string(),
  at: z.iso.datetime({ offset: true }),
  participantId: z.uuid(),
  appointmentId: z.uuid().optional(),
  data: z.record(z.string(), z.unknown()),
});

const toCursor = (position: FeedPosition) => `${position.xid}-${position.id}`;

function fromCursor(cursor: string | undefined): FeedPosition | undefined {
  const match = cursor ? CURSOR.exec(cursor) : null;
  return match ? { xid: match[1] as string, id: match[2] as string } : undefined;
}

/** Every case-record event in commit order, for a CRM that pulls instead of (or as well as) receiving pushes. */
export function eventsFeedRoutes({ db }: ApiDeps): ApiRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/events',
      summary: 'Every case-record event in commit order, resumable: pass the answer’s next as after',
      roles: ['admin'],
      query: feedQuery,
      responses: {
        200: { description: 'A page (empty when nothing is new; next is then the cursor given)', schema: z.object({ events: z.array(feedEvent), next: z.string() }) },
        400: { description: 'Invalid', schema: errorSchema },
      },
      async handle({ query }) {
        const page = await new ReadEventsFeed({ db }).execute(fromCursor(query.after), query.limit);
        return { status: 200, body: { events: page.events, next: toCursor(page.last) } };
      },
    }),
  ];
}
