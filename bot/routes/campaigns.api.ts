import { z } from 'zod';
import { paceSlots, DEFAULT_CAMPAIGN_RATE_PER_MINUTE } from '../../domain/campaign-pacing.js';
import { caseloadOf, type StaffIdentity } from '../../domain/caseload.js';
import { localCalendarDate } from '../../domain/calendar-date.js';
import type { JsonObject } from '../../domain/case-record.types.js';
import { findInstrument, JOB_CONFIDENCE_ID } from '../../domain/pulse-instruments.js';
import { CampaignRepository, type CampaignScope } from '../../store/campaign.repository.js';
import type { CampaignRow } from '../../store/schema.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import { ApiError, notFound } from './api-error.js';
import type { ApiDeps } from './api-deps.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { campaignSchema, createCampaignBody, errorSchema } from './api-schemas.js';
import { campaignResponsesCsv } from './campaign-responses.csv.js';
import { campaignJson, campaignStatus } from './presenters.js';

const CAMPAIGN_ROLES = ['in_work_team', 'admin'] as const;
/** A start this far in the past is a mistake, not "now". */
const PAST_START_TOLERANCE_MS = 5 * 60_000;

/**
 * Check-in and pulse campaigns that in-work teams run across many people: the audience is fixed when it is created,
 * each person gets a slot at the campaign's rate (outside quiet hours), and every slot is a BullMQ job keyed by
 * campaign and person, so nobody is sent it twice. Admins see every campaign; an in-work team its own team's.
 */
export function campaignRoutes({ db, clock, config, queues, logger }: ApiDeps): ApiRoute[] {
  const scopeOf = (staff: StaffIdentity): CampaignScope => (staff.role === 'admin' ? { kind: 'all' } : { kind: 'team', team: staff.team });
  const campaigns = new CampaignRepository(db);

  const present = async (row: CampaignRow) => {
    const counts = await campaigns.counts(row.id);
    const now = clock.now();
    // Finished: said once in the database, so lists and reports agree.
    if (row.status === 'active' && campaignStatus(row, counts, now) === 'completed') await campaigns.setStatus(row.id, 'completed', now);
    return campaignJson(row, counts, now);
  };
  const findOrThrow = async (staff: StaffIdentity, params: Record<string, string>) => {
    const row = await campaigns.find(uuidParam(params, 'id'), scopeOf(staff));
    if (!row) throw notFound('No such campaign for your team');
    return row;
  };
  const fanOut = (campaignId: string, epoch: number) =>
    queues.enqueueCampaignFanout(campaignId, epoch).catch((error: unknown) => logger.warn({ err: error, campaignId }, 'campaign not fanned out; the sweep will add its jobs as they come due'));

  /** Changes a campaign's state under its row lock; a change that does not apply is a 409. */
  const transition = async (staff: StaffIdentity, params: Record<string, string>, change: 'pause' | 'resume' | 'cancel') => {
    const { id } = await findOrThrow(staff, params);
    const now = clock.now();
    const updated = await db.transaction().execute(async (tx) => {
      const repository = new CampaignRepository(tx);
      const row = await repository.lock(id);
      if (!row) throw notFound('No such campaign for your team');
      const allowed = { pause: ['active'], resume: ['paused'], cancel: ['active', 'paused'] }[change];
      if (!allowed.includes(row.status)) throw new ApiError(409, 'conflict', `A ${row.status} campaign cannot ${change}`);
      if (change === 'pause') return repository.setStatus(id, 'paused', now);
      if (change === 'cancel') {
        await repository.cancelPending(id);
        return repository.setStatus(id, 'cancelled', now);
      }
      // Resume: whoever is still waiting gets a new slot from now on, one interval after the last message sent.
      const epoch = row.epoch + 1;
      const pending = await repository.listPending(id);
      const policy = await new TeamPolicyRepository(tx).get(row.team);
      const lastSent = await repository.lastSentAt(id);
      const from = row.start_at > now ? row.start_at : now;
      const slots = paceSlots({ from, ...(lastSent && { after: lastSent }), count: pending.length, ratePerMinute: row.rate_per_minute, policy, timeZone: config.PROGRAMME_TIMEZONE });
      await repository.replan(id, epoch, pending.map((p) => p.participantId), slots);
      return repository.setStatus(id, 'active', now, epoch);
    });
    if (change === 'resume') await fanOut(updated.id, updated.epoch);
    return { status: 200, body: await present(updated) };
  };

  return [
    route({
      method: 'post',
      path: '/api/campaigns',
      summary: 'Start a check-in or pulse campaign for participants (by id or by filter), throttled to a rate a minute',
      roles: CAMPAIGN_ROLES,
      body: createCampaignBody,
      responses: {
        201: { description: 'Created; messages go from startAt at ratePerMinute', schema: campaignSchema },
        400: { description: 'Invalid (an unknown instrument, people outside your caseload, nobody matching)', schema: errorSchema },
      },
      async handle({ staff, body }) {
        const now = clock.now();
        const instrumentId = body.type === 'pulse' ? (body.instrumentId ?? JOB_CONFIDENCE_ID) : null;
        if (instrumentId !== null && !findInstrument(instrumentId)) throw invalid('instrumentId', 'is not a pulse instrument (see GET /api/pulse-instruments)');
        const startAt = body.startAt ? new Date(body.startAt) : now;
        if (startAt.getTime() < now.getTime() - PAST_START_TOLERANCE_MS) throw invalid('startAt', 'is in the past');
        const first = startAt > now ? startAt : now;
        const ratePerMinute = body.ratePerMinute ?? DEFAULT_CAMPAIGN_RATE_PER_MINUTE;

        const audience = await campaigns.resolveAudience(
          caseloadOf(staff),
          { ...(body.participantIds && { participantIds: body.participantIds }), ...(body.filter && { filter: body.filter }) },
          localCalendarDate(now, config.PROGRAMME_TIMEZONE),
        );
        const missing = body.participantIds ? new Set(body.participantIds).size - audience.length : 0;
        if (missing > 0 && !body.filter) throw invalid('participantIds', `${missing} of these are not in your caseload`);
        if (audience.length === 0) throw invalid(body.filter ? 'filter' : 'participantIds', 'nobody in your caseload matches');

        const policy = await new TeamPolicyRepository(db).get(staff.team);
        const slots = paceSlots({ from: first, count: audience.length, ratePerMinute, policy, timeZone: config.PROGRAMME_TIMEZONE });
        // The audience as it was asked for (ids are in the recipients, not repeated here).
        const asked: JsonObject = {
          ...(body.participantIds && { participantIds: body.participantIds.length }),
          ...(body.filter && { filter: body.filter as JsonObject }),
        };
        const row = await db.transaction().execute((tx) =>
          new CampaignRepository(tx).create(
            { name: body.name, type: body.type, instrumentId, team: staff.team, audience: asked, startAt: first, ratePerMinute, createdBy: staff.id },
            audience,
            slots,
          ),
        );
        await fanOut(row.id, row.epoch);
        return { status: 201, body: await present(row) };
      },
    }),
    route({
      method: 'get',
      path: '/api/campaigns',
      summary: "Your team's campaigns (admin: all), newest first, with live counts",
      roles: CAMPAIGN_ROLES,
      responses: { 200: { description: 'Campaigns', schema: z.array(campaignSchema) } },
      async handle({ staff }) {
        const rows = await campaigns.list(scopeOf(staff));
        const body = [];
        for (const row of rows) body.push(await present(row));
        return { status: 200, body };
      },
    }),
    route({
      method: 'get',
      path: '/api/campaigns/:id',
      summary: 'One campaign with live counts (targeted, sent, delivered, failed, responded, opted out, skipped)',
      roles: CAMPAIGN_ROLES,
      responses: { 200: { description: 'The campaign', schema: campaignSchema }, 404: { description: 'Not your team’s', schema: errorSchema } },
      async handle({ staff, params }) {
        return { status: 200, body: await present(await findOrThrow(staff, params)) };
      },
    }),
    ...(['pause', 'resume', 'cancel'] as const).map((change) =>
      route({
        method: 'post',
        path: `/api/campaigns/:id/${change}`,
        summary: { pause: 'Pause: nothing more goes until resumed', resume: 'Resume: whoever is still waiting gets a new slot from now', cancel: 'Cancel: nobody still waiting gets it' }[change],
        roles: CAMPAIGN_ROLES,
        responses: {
          200: { description: 'The campaign now', schema: campaignSchema },
          404: { description: 'Not your team’s', schema: errorSchema },
          409: { description: 'Not possible in its state (for example resuming a running one)', schema: errorSchema },
        },
        async handle({ staff, params }) {
          return transition(staff, params, change);
        },
      }),
    ),
    route({
      method: 'get',
      path: '/api/campaigns/:id/responses.csv',
      summary: 'Everyone the campaign targeted, what happened, and their answers, as CSV',
      roles: CAMPAIGN_ROLES,
      responses: { 200: { description: 'text/csv' }, 404: { description: 'Not your team’s', schema: errorSchema } },
      async handle({ staff, params }) {
        const row = await findOrThrow(staff, params);
        return {
          status: 200,
          body: campaignResponsesCsv(row, await campaigns.responses(row.id)),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="campaign-${row.id}-responses.csv"` },
        };
      },
    }),
  ];
}

function invalid(path: string, message: string): ApiError {
  return new ApiError(400, 'validation_failed', `${path} ${message}`, { fields: [{ path, message }] });
}
