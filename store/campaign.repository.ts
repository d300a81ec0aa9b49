import { sql } from 'kysely';
import type { CaseloadScope } from '../domain/caseload.js';
import type { JsonObject } from '../domain/case-record/case-record.types.js';
import { inCaseload } from './caseload-filter.js';
import type { Executor } from './database.js';
import type { CampaignRecipientRow, CampaignRow, RecipientStatus } from './schema.js';

export interface AudienceFilter {
  inWork?: boolean;
  team?: string;
  weeksSinceStart?: { min?: number; max?: number };
}

export interface NewCampaign {
  name: string;
  type: 'check_in' | 'pulse';
  instrumentId: string | null;
  team: string | null;
  audience: JsonObject;
  startAt: Date;
  ratePerMinute: number;
  createdBy: string;
}

export interface CampaignCounts {
  targeted: number;
  pending: number;
  sent: number;
  delivered: number;
  failed: number;
  responded: number;
  optedOut: number;
  skipped: number;
  cancelled: number;
  skippedBecause: Record<string, number>;
}

/** Who may see a campaign: admins all, an in-work team its own team's. */
export type CampaignScope = { kind: 'all' } | { kind: 'team'; team: string | null };

export class CampaignRepository {
  constructor(private readonly db: Executor) {}

  /**
   * The people a campaign reaches, in the caller's caseload: the ids given (in that order), or everyone the filter
   * matches (in work: an active job start; weeks since that start on the local calendar `today`). Erased people are
   * never in it; opted-out and muted people are, so that they are counted as skipped.
   */
  async resolveAudience(scope: CaseloadScope, audience: { participantIds?: string[]; filter?: AudienceFilter }, today: string): Promise<string[]> {
    let query = this.db
      .selectFrom('participants')
      .leftJoin('job_starts', (join) => join.onRef('job_starts.participant_id', '=', 'participants.id').on('job_starts.status', '=', 'active'))
      .select('participants.id')
      .where(inCaseload(scope))
      .where('participants.erased_at', 'is', null);
    if (audience.participantIds) query = query.where('participants.id', 'in', audience.participantIds);
    const filter = audience.filter ?? {};
    if (filter.inWork) query = query.where('job_starts.id', 'is not', null);
    if (filter.team !== undefined) query = query.where('participants.team', '=', filter.team);
    const weeks = sql<number>`((${today}::date - job_starts.start_date) / 7)`;
    if (filter.weeksSinceStart?.min !== undefined) query = query.where(weeks, '>=', filter.weeksSinceStart.min);
    if (filter.weeksSinceStart?.max !== undefined) query = query.where(weeks, '<=', filter.weeksSinceStart.max);
    const rows = await query.orderBy('participants.id').execute();
    if (!audience.participantIds) return rows.map((r) => r.id);
    const found = new Set(rows.map((r) => r.id));
    return [...new Set(audience.participantIds)].filter((id) => found.has(id));
  }

  /** The campaign and its recipients (slot i goes at `dueAts[i]`), in one statement each. */
  async create(campaign: NewCampaign, participantIds: readonly string[], dueAts: readonly Date[]): Promise<CampaignRow> {
    const row = await this.db
      .insertInto('campaigns')
      .values({
        name: campaign.name,
        type: campaign.type,
        instrument_id: campaign.instrumentId,
        team: campaign.team,
        audience: JSON.stringify(campaign.audience),
        start_at: campaign.startAt,
        rate_per_minute: campaign.ratePerMinute,
        created_by: campaign.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (participantIds.length > 0) {
      // Arrays keep a 50,000-person audience to one statement (row values would need 200,000 parameters).
      await sql`
        insert into campaign_recipients (campaign_id, participant_id, slot, due_at)
        select ${row.id}, p.id, p.ord - 1, p.due
        from unnest(${sql.val([...participantIds])}::uuid[], ${sql.val(dueAts.map((d) => d.toISOString()))}::timestamptz[])
          with ordinality as p(id, due, ord)`.execute(this.db);
    }
    return row;
  }

  async find(id: string, scope: CampaignScope = { kind: 'all' }): Promise<CampaignRow | undefined> {
    let query = this.db.selectFrom('campaigns').selectAll().where('id', '=', id);
    if (scope.kind === 'team') query = scope.team === null ? query.where('team', 'is', null) : query.where('team', '=', scope.team);
    return query.executeTakeFirst();
  }

  async lock(id: string): Promise<CampaignRow | undefined> {
    // Not FOR UPDATE: the key never changes, and a message being written holds FOR KEY SHARE through its question
    // session's foreign key until it commits, so late messages locking after they are written (FireCampaignMessage.
    // sendIfRoom) would deadlock each other.
    return this.db.selectFrom('campaigns').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
  }

  /** Active campaigns nobody is waiting in any more are recorded `completed` (the sweep does this). */
  async completeFinished(at: Date): Promise<number> {
    const result = await this.db
      .updateTable('campaigns')
      .set({ status: 'completed', completed_at: at, updated_at: at })
      .where('status', '=', 'active')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('campaign_recipients').select('campaign_recipients.campaign_id').whereRef('campaign_recipients.campaign_id', '=', 'campaigns.id').where('campaign_recipients.status', '=', 'pending'))),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async list(scope: CampaignScope, limit = 100): Promise<CampaignRow[]> {
    let query = this.db.selectFrom('campaigns').selectAll();
    if (scope.kind === 'team') query = scope.team === null ? query.where('team', 'is', null) : query.where('team', '=', scope.team);
    return query.orderBy('created_at', 'desc').limit(limit).execute();
  }

  async setStatus(id: string, status: CampaignRow['status'], at: Date, epoch?: number): Promise<CampaignRow> {
    return this.db
      .updateTable('campaigns')
      .set({ status, updated_at: at, ...(epoch !== undefined && { epoch }), ...(status === 'completed' && { completed_at: at }) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Every recipient still waiting is cancelled with the campaign. */
  async cancelPending(campaignId: string): Promise<number> {
    const result = await this.db
      .updateTable('campaign_recipients')
      .set({ status: 'cancelled', reason: 'campaign cancelled', updated_at: sql<Date>`now()` })
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async lockRecipient(campaignId: string, participantId: string): Promise<CampaignRecipientRow | undefined> {
    return this.db
      .selectFrom('campaign_recipients')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('participant_id', '=', participantId)
      .forUpdate()
      .executeTakeFirst();
  }

  async finishRecipient(
    campaignId: string,
    participantId: string,
    status: Exclude<RecipientStatus, 'pending'>,
    fields: { reason?: string; messageId?: string | null; sessionId?: string; sentAt?: Date } = {},
  ): Promise<void> {
    await this.db
      .updateTable('campaign_recipients')
      .set({
        status,
        ...(fields.reason !== undefined && { reason: fields.reason }),
        ...(fields.messageId !== undefined && { message_id: fields.messageId }),
        ...(fields.sessionId !== undefined && { session_id: fields.sessionId }),
        ...(fields.sentAt !== undefined && { sent_at: fields.sentAt }),
        updated_at: sql<Date>`now()`,
      })
      .where('campaign_id', '=', campaignId)
      .where('participant_id', '=', participantId)
      .execute();
  }

  /** Moves one recipient to a new time (the end of the plan); `counts` when it is for them, not for us (a late job). */
  async deferRecipient(campaignId: string, participantId: string, dueAt: Date, reason: string, options: { counts: boolean }): Promise<void> {
    await this.db
      .updateTable('campaign_recipients')
      .set({ due_at: dueAt, reason, ...(options.counts && { defers: sql<number>`defers + 1` }), updated_at: sql<Date>`now()` })
      .where('campaign_id', '=', campaignId)
      .where('participant_id', '=', participantId)
      .execute();
  }

  /** The times this campaign's messages to everyone but `except` are (or were) planned for, from `since` on. */
  async plannedSince(campaignId: string, since: Date, except: string): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('campaign_recipients')
      .select('due_at')
      .where('campaign_id', '=', campaignId)
      .where('participant_id', '!=', except)
      .where('due_at', '>=', since)
      .orderBy('due_at')
      .execute();
    return rows.map((row) => new Date(row.due_at));
  }

  /**
   * How many of this campaign's messages to anyone but `except` went within `windowMs` either side of `now`, or are
   * still planned for the `windowMs` after it (one still waiting from before `now` is counted when it goes).
   */
  async countAround(campaignId: string, now: Date, windowMs: number, except: string): Promise<number> {
    const before = new Date(now.getTime() - windowMs);
    const after = new Date(now.getTime() + windowMs);
    // One statement: a late message asks this with the campaign row locked, so every round trip holds up the next.
    const row = await this.db
      .selectFrom('campaign_recipients')
      .select(sql<string>`count(*)`.as('n'))
      .where('campaign_id', '=', campaignId)
      .where('participant_id', '!=', except)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'sent'), eb('sent_at', '>', before), eb('sent_at', '<', after)]),
          eb.and([eb('status', '=', 'pending'), eb('due_at', '>', now), eb('due_at', '<', after)]),
        ]),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** When this campaign's messages went, from `since` on. */
  async sentSince(campaignId: string, since: Date): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('campaign_recipients')
      .select('sent_at')
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'sent')
      .where('sent_at', '>=', since)
      .execute();
    return rows.flatMap((r) => (r.sent_at ? [new Date(r.sent_at)] : []));
  }

  /** When the last message of this campaign went (a resume plans one interval after it). */
  async lastSentAt(campaignId: string): Promise<Date | null> {
    const row = await this.db
      .selectFrom('campaign_recipients')
      .select(sql<Date | null>`max(sent_at)`.as('at'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst();
    return row?.at ? new Date(row.at) : null;
  }

  /** Recipients still waiting, in plan order. */
  async listPending(campaignId: string): Promise<Array<{ participantId: string; epoch: number; dueAt: Date }>> {
    const rows = await this.db
      .selectFrom('campaign_recipients')
      .select(['participant_id', 'epoch', 'due_at'])
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'pending')
      .orderBy('due_at')
      .orderBy('slot')
      .execute();
    return rows.map((r) => ({ participantId: r.participant_id, epoch: r.epoch, dueAt: r.due_at }));
  }

  /** A resume: the waiting recipients get new times (in plan order) under a new epoch. */
  async replan(campaignId: string, epoch: number, participantIds: readonly string[], dueAts: readonly Date[]): Promise<void> {
    if (participantIds.length === 0) return;
    await sql`
      update campaign_recipients r set due_at = p.due, epoch = ${epoch}, updated_at = now()
      from unnest(${sql.val([...participantIds])}::uuid[], ${sql.val(dueAts.map((d) => d.toISOString()))}::timestamptz[]) as p(id, due)
      where r.campaign_id = ${campaignId} and r.participant_id = p.id and r.status = 'pending'`.execute(this.db);
  }

  /** Pending recipients of active campaigns due before `before`: the sweep re-adds their jobs. */
  async listPendingDueBefore(before: Date, limit: number): Promise<Array<{ campaignId: string; participantId: string; epoch: number; dueAt: Date }>> {
    const rows = await this.db
      .selectFrom('campaign_recipients')
      .innerJoin('campaigns', 'campaigns.id', 'campaign_recipients.campaign_id')
      .select(['campaign_recipients.campaign_id', 'campaign_recipients.participant_id', 'campaign_recipients.epoch', 'campaign_recipients.due_at'])
      .where('campaign_recipients.status', '=', 'pending')
      .where('campaign_recipients.due_at', '<', before)
      .where('campaigns.status', '=', 'active')
      .whereRef('campaign_recipients.epoch', '=', 'campaigns.epoch')
      .orderBy('campaign_recipients.due_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ campaignId: r.campaign_id, participantId: r.participant_id, epoch: r.epoch, dueAt: r.due_at }));
  }

  /**
   * Live counts. Every recipient is in exactly one of pending, sent, skipped, cancelled (these add up to targeted);
   * delivered, failed and responded are parts of sent; optedOut is those skipped because they had opted out plus
   * those who opted out after this campaign's message reached them.
   */
  async counts(campaignId: string): Promise<CampaignCounts> {
    const row = await sql<Record<string, string>>`
      select
        count(*) as targeted,
        count(*) filter (where r.status = 'pending') as pending,
        count(*) filter (where r.status = 'sent') as sent,
        count(*) filter (where r.status = 'sent' and m.status in ('delivered', 'read')) as delivered,
        count(*) filter (where r.status = 'sent' and m.status in ('failed', 'undelivered', 'suppressed')) as failed,
        count(*) filter (where r.status = 'sent' and s.responded_at is not null) as responded,
        count(*) filter (where (r.status = 'skipped' and r.reason = 'opted_out')
          or (r.status = 'sent' and p.opted_out and p.opted_out_at >= r.sent_at)) as opted_out,
        count(*) filter (where r.status = 'skipped') as skipped,
        count(*) filter (where r.status = 'cancelled') as cancelled
      from campaign_recipients r
      join participants p on p.id = r.participant_id
      left join messages m on m.id = r.message_id
      left join question_sessions s on s.id = r.session_id
      where r.campaign_id = ${campaignId}`.execute(this.db);
    const reasons = await this.db
      .selectFrom('campaign_recipients')
      .select(['reason', sql<string>`count(*)`.as('n')])
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'skipped')
      .groupBy('reason')
      .execute();
    const c = row.rows[0] ?? {};
    const n = (key: string) => Number(c[key] ?? 0);
    return {
      targeted: n('targeted'),
      pending: n('pending'),
      sent: n('sent'),
      delivered: n('delivered'),
      failed: n('failed'),
      responded: n('responded'),
      optedOut: n('opted_out'),
      skipped: n('skipped'),
      cancelled: n('cancelled'),
      skippedBecause: Object.fromEntries(reasons.map((r) => [r.reason ?? 'other', Number(r.n)])),
    };
  }

  /** One row a recipient for the CSV export: what was sent, whether it arrived, and what they answered. */
  async responses(campaignId: string): Promise<
    Array<{ participantId: string; firstName: string | null; status: string; reason: string | null; sentAt: Date | null; messageStatus: string | null; respondedAt: Date | null; answers: JsonObject | null }>
  > {
    const rows = await this.db
      .selectFrom('campaign_recipients as r')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .leftJoin('messages as m', 'm.id', 'r.message_id')
      .leftJoin('question_sessions as s', 's.id', 'r.session_id')
      .select(['r.participant_id', 'p.first_name', 'r.status', 'r.reason', 'r.sent_at', 'm.status as message_status', 's.responded_at', 's.answers'])
      .where('r.campaign_id', '=', campaignId)
      .orderBy('r.slot')
      .execute();
    return rows.map((r) => ({
      participantId: r.participant_id,
      firstName: r.first_name,
      status: r.status,
      reason: r.reason,
      sentAt: r.sent_at,
      messageStatus: r.message_status,
      respondedAt: r.responded_at,
      answers: r.answers,
    }));
  }

  /** Erasure: campaign messages not yet sent to them are skipped; the rows stay, so reach remains true. */
  async skipPendingForParticipant(participantId: string, reason: string): Promise<void> {
    await this.db
      .updateTable('campaign_recipients')
      .set({ status: 'skipped', reason, updated_at: sql<Date>`now()` })
      .where('participant_id', '=', participantId)
      .where('status', '=', 'pending')
      .execute();
  }
}
