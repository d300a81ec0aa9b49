import type { Logger } from 'pino';
import { paceSlots, DEFAULT_CAMPAIGN_RATE_PER_MINUTE } from '../../domain/campaigns/campaign-pacing.js';
import { localCalendarDate } from '../../domain/time/calendar-date.js';
import type { JsonObject } from '../../domain/case-record/case-record.types.js';
import { caseloadOf, type StaffIdentity } from '../../domain/caseload.js';
import type { Clock } from '../../domain/time/clock.js';
import { findInstrument, JOB_CONFIDENCE_ID } from '../../domain/in-work/pulse-instruments.js';
import { CampaignRepository, type AudienceFilter } from '../../store/campaign.repository.js';
import type { Db } from '../../store/database.js';
import { TeamPolicyRepository } from '../../store/team-policy.repository.js';
import type { JobQueues } from '../../workers/queues.js';
import { InvalidFieldError } from '../action-errors.js';
import { withCounts, type CampaignWithCounts } from './campaign-access.js';

/** A start this far in the past is a mistake, not "now". */
const PAST_START_TOLERANCE_MS = 5 * 60_000;

export interface CampaignDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  queues: Pick<JobQueues, 'enqueueCampaignFanout'>;
  logger: Logger;
}

export interface NewCampaignInput {
  staff: StaffIdentity;
  name: string;
  type: 'check_in' | 'pulse';
  instrumentId?: string | undefined;
  participantIds?: string[] | undefined;
  filter?: AudienceFilter | undefined;
  startAt?: Date | undefined;
  ratePerMinute?: number | undefined;
}

/**
 * A check-in or pulse campaign across many people: the audience is fixed now, each person gets a slot at the
 * campaign's rate (outside quiet hours), and the fan-out adds one job a person, keyed by campaign and person.
 */
export class StartCampaign {
  constructor(private readonly deps: CampaignDeps) {}

  async execute(input: NewCampaignInput): Promise<CampaignWithCounts> {
    const { db, clock, timeZone } = this.deps;
    const now = clock.now();
    const instrumentId = input.type === 'pulse' ? (input.instrumentId ?? JOB_CONFIDENCE_ID) : null;
    if (instrumentId !== null && !findInstrument(instrumentId)) throw new InvalidFieldError('instrumentId', 'is not a pulse instrument (see GET /api/pulse-instruments)');
    const startAt = input.startAt ?? now;
    if (startAt.getTime() < now.getTime() - PAST_START_TOLERANCE_MS) throw new InvalidFieldError('startAt', 'is in the past');
    const first = startAt > now ? startAt : now;
    const ratePerMinute = input.ratePerMinute ?? DEFAULT_CAMPAIGN_RATE_PER_MINUTE;

    const campaigns = new CampaignRepository(db);
    const audience = await campaigns.resolveAudience(
      caseloadOf(input.staff),
      { ...(input.participantIds && { participantIds: input.participantIds }), ...(input.filter && { filter: input.filter }) },
      localCalendarDate(now, timeZone),
    );
    const missing = input.participantIds ? new Set(input.participantIds).size - audience.length : 0;
    if (missing > 0 && !input.filter) throw new InvalidFieldError('participantIds', `${missing} of these are not in your caseload`);
    if (audience.length === 0) throw new InvalidFieldError(input.filter ? 'filter' : 'participantIds', 'nobody in your caseload matches');

    const policy = await new TeamPolicyRepository(db).get(input.staff.team);
    const slots = paceSlots({ from: first, count: audience.length, ratePerMinute, policy, timeZone });
    // The audience as it was asked for (ids are in the recipients, not repeated here).
    const asked: JsonObject = {
      ...(input.participantIds && { participantIds: input.participantIds.length }),
      ...(input.filter && { filter: input.filter as JsonObject }),
    };
    const row = await db.transaction().execute((tx) =>
      new CampaignRepository(tx).create(
        { name: input.name, type: input.type, instrumentId, team: input.staff.team, audience: asked, startAt: first, ratePerMinute, createdBy: input.staff.id },
        audience,
        slots,
      ),
    );
    await fanOutCampaign(this.deps, row.id, row.epoch);
    return withCounts(db, row);
  }
}

/** After the commit; if Redis is away the sweep adds the campaign's jobs as they come due. */
export async function fanOutCampaign(deps: Pick<CampaignDeps, 'queues' | 'logger'>, campaignId: string, epoch: number): Promise<void> {
  await deps.queues
    .enqueueCampaignFanout(campaignId, epoch)
    .catch((error: unknown) => deps.logger.warn({ err: error, campaignId }, 'campaign not fanned out; the sweep will add its jobs as they come due'));
}
