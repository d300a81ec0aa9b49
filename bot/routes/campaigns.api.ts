import { z } from 'zod';
import type { CampaignWithCounts } from '../../app/campaigns/campaign-access.js';
import { ChangeCampaignState } from '../../app/campaigns/change-campaign-state.action.js';
import { ReadCampaigns } from '../../app/campaigns/read-campaigns.action.js';
import { StartCampaign } from '../../app/campaigns/start-campaign.action.js';
import type { ApiDeps } from './api-deps.js';
import { route, uuidParam, type ApiRoute } from './api-route.js';
import { campaignSchema, createCampaignBody, errorSchema } from './api-schemas.js';
import { campaignResponsesCsv } from './campaign-responses.csv.js';
import { campaignJson } from './presenters.js';

const CAMPAIGN_ROLES = ['in_work_team', 'admin'] as const;

/**
 * Check-in and pulse campaigns that in-work teams run across many people (app/campaigns/start-campaign.action.ts). Admins see
 * every campaign; an in-work team its own team's.
 */
export function campaignRoutes({ db, clock, config, queues, logger }: ApiDeps): ApiRoute[] {
  const deps = { db, clock, timeZone: config.PROGRAMME_TIMEZONE, queues, logger };
  const startCampaign = new StartCampaign(deps);
  const changeCampaignState = new ChangeCampaignState(deps);
  const readCampaigns = new ReadCampaigns(deps);
  const present = ({ campaign, counts }: CampaignWithCounts) => campaignJson(campaign, counts, clock.now());

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
        const started = await startCampaign.execute({
          staff,
          name: body.name,
          type: body.type,
          instrumentId: body.instrumentId,
          participantIds: body.participantIds,
          filter: body.filter,
          startAt: body.startAt ? new Date(body.startAt) : undefined,
          ratePerMinute: body.ratePerMinute,
        });
        return { status: 201, body: present(started) };
      },
    }),
    route({
      method: 'get',
      path: '/api/campaigns',
      summary: "Your team's campaigns (admin: all), newest first, with live counts",
      roles: CAMPAIGN_ROLES,
      responses: { 200: { description: 'Campaigns', schema: z.array(campaignSchema) } },
      async handle({ staff }) {
        return { status: 200, body: (await readCampaigns.list(staff)).map(present) };
      },
    }),
    route({
      method: 'get',
      path: '/api/campaigns/:id',
      summary: 'One campaign with live counts (targeted, sent, delivered, failed, responded, opted out, skipped)',
      roles: CAMPAIGN_ROLES,
      responses: { 200: { description: 'The campaign', schema: campaignSchema }, 404: { description: 'Not your team’s', schema: errorSchema } },
      async handle({ staff, params }) {
        return { status: 200, body: present(await readCampaigns.one(staff, uuidParam(params, 'id'))) };
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
          return { status: 200, body: present(await changeCampaignState.execute(staff, uuidParam(params, 'id'), change)) };
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
        const { campaign, responses } = await readCampaigns.responses(staff, uuidParam(params, 'id'));
        return {
          status: 200,
          body: campaignResponsesCsv(campaign, responses),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="campaign-${campaign.id}-responses.csv"` },
        };
      },
    }),
  ];
}
