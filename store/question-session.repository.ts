import { sql } from 'kysely';
import type { QuestionSessionFacts, SessionKind, SessionUpdate } from '../domain/in-work/question-session.types.js';
import type { Executor } from './database.js';
import type { QuestionSessionRow } from './schema.js';

export interface NewQuestionSession {
  participantId: string;
  kind: SessionKind;
  step: string;
  askedAt: Date;
  instrumentId?: string | null;
  checkInId?: string | null;
  campaignId?: string | null;
  jobStartId?: string | null;
  week?: number | null;
}

/** Check-ins and pulses waiting for answers; the database holds them from the moment the first question goes. */
export class QuestionSessionRepository {
  constructor(private readonly db: Executor) {}

  /** One session per check-in and per campaign recipient: starting it again finds the first. */
  async start(s: NewQuestionSession): Promise<QuestionSessionRow> {
    const inserted = await this.db
      .insertInto('question_sessions')
      .values({
        participant_id: s.participantId,
        kind: s.kind,
        step: s.step,
        asked_at: s.askedAt,
        instrument_id: s.instrumentId ?? null,
        check_in_id: s.checkInId ?? null,
        campaign_id: s.campaignId ?? null,
        job_start_id: s.jobStartId ?? null,
        week: s.week ?? null,
        answers: '{}',
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return inserted;
    let existing = this.db.selectFrom('question_sessions').selectAll();
    existing = s.checkInId
      ? existing.where('check_in_id', '=', s.checkInId)
      : existing.where('campaign_id', '=', s.campaignId ?? null).where('participant_id', '=', s.participantId);
    return existing.executeTakeFirstOrThrow();
  }

  /** Other sessions of this person still open are left behind: only the newest question is being answered. */
  async supersedeOpen(participantId: string, exceptId: string): Promise<void> {
    await this.db
      .updateTable('question_sessions')
      .set({ status: 'expired', updated_at: sql<Date>`now()` })
      .where('participant_id', '=', participantId)
      .where('status', '=', 'open')
      .where('id', '!=', exceptId)
      .execute();
  }

  /** The newest open session asked since `since`, as a dialog sees it (with their previous pulse scores). */
  async openFacts(participantId: string, since: Date): Promise<QuestionSessionFacts | null> {
    const row = await this.db
      .selectFrom('question_sessions')
      .selectAll()
      .where('participant_id', '=', participantId)
      .where('status', '=', 'open')
      .where('asked_at', '>=', since)
      .orderBy('asked_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return null;
    const previousScores = row.kind === 'pulse' && row.instrument_id ? await this.previousScores(participantId, row.instrument_id, row.id) : {};
    return {
      id: row.id,
      kind: row.kind,
      step: row.step,
      stepIndex: row.step_index,
      retries: row.retries,
      askedAt: row.asked_at,
      instrumentId: row.instrument_id,
      checkInId: row.check_in_id,
      campaignId: row.campaign_id,
      jobStartId: row.job_start_id,
      week: row.week,
      previousScores,
      answers: row.answers,
    };
  }

  /** When the newest open question was asked (for "is a conversation open?"). */
  async openAskedAt(participantId: string, since: Date): Promise<Date | null> {
    const row = await this.db
      .selectFrom('question_sessions')
      .select(sql<Date | null>`max(asked_at)`.as('at'))
      .where('participant_id', '=', participantId)
      .where('status', '=', 'open')
      .where('asked_at', '>=', since)
      .executeTakeFirst();
    return row?.at ? new Date(row.at) : null;
  }

  /** Writes what a turn changed; returns the campaign whose recipient answered for the first time, if any. */
  async apply(update: SessionUpdate, at: Date): Promise<{ campaignId: string | null; participantId: string; firstResponse: boolean } | undefined> {
    const before = await this.db.selectFrom('question_sessions').select(['responded_at']).where('id', '=', update.id).forUpdate().executeTakeFirst();
    if (!before) return undefined;
    const row = await this.db
      .updateTable('question_sessions')
      .set({
        status: update.status,
        step: update.step,
        step_index: update.stepIndex,
        retries: update.retries,
        answers: JSON.stringify(update.answers),
        ...(update.askedAt !== undefined && { asked_at: update.askedAt }),
        ...(update.responded && before.responded_at === null && { responded_at: at }),
        updated_at: at,
      })
      .where('id', '=', update.id)
      .returning(['campaign_id', 'participant_id'])
      .executeTakeFirstOrThrow();
    return { campaignId: row.campaign_id, participantId: row.participant_id, firstResponse: update.responded && before.responded_at === null };
  }

  /** STOP, leaving the job, erasure: open sessions end (of one kind, or all). */
  async stopOpenFor(participantId: string, kind?: SessionKind): Promise<void> {
    let query = this.db
      .updateTable('question_sessions')
      .set({ status: 'stopped', updated_at: sql<Date>`now()` })
      .where('participant_id', '=', participantId)
      .where('status', '=', 'open');
    if (kind) query = query.where('kind', '=', kind);
    await query.execute();
  }

  /** The in-work schedule of a job stopped: its check-ins and pulses still waiting for answers end too. */
  async stopOpenForJob(jobStartId: string): Promise<void> {
    await this.db
      .updateTable('question_sessions')
      .set({ status: 'stopped', updated_at: sql<Date>`now()` })
      .where('job_start_id', '=', jobStartId)
      .where('status', '=', 'open')
      .execute();
  }

  /** Sessions nobody answered in time: `expired`, so counts and the participant page say so. */
  async expireAskedBefore(before: Date, limit: number): Promise<number> {
    const rows = await this.db
      .updateTable('question_sessions')
      .set({ status: 'expired', updated_at: sql<Date>`now()` })
      .where('id', 'in', (q) =>
        q.selectFrom('question_sessions').select('id').where('status', '=', 'open').where('asked_at', '<', before).limit(limit),
      )
      .returning('id')
      .execute();
    return rows.length;
  }

  /** The latest score for each question of an instrument, from earlier sessions than `exceptSessionId`. */
  async previousScores(participantId: string, instrumentId: string, exceptSessionId: string): Promise<Record<string, number>> {
    const rows = await sql<{ question_id: string; score: number }>`
      select distinct on (data->>'questionId') data->>'questionId' as question_id, (data->>'score')::int as score
      from case_record_events
      where participant_id = ${participantId} and type = 'pulse.response'
        and data->>'instrumentId' = ${instrumentId} and data->>'sessionId' <> ${exceptSessionId}
        and jsonb_typeof(data->'score') = 'number'
      order by data->>'questionId', id desc`.execute(this.db);
    return Object.fromEntries(rows.rows.map((r) => [r.question_id, Number(r.score)]));
  }

  /** Every pulse score of a person, oldest first (their trend). */
  async scores(participantId: string): Promise<Array<{ instrumentId: string; questionId: string; score: number; at: Date }>> {
    const rows = await sql<{ instrument_id: string; question_id: string; score: number; at: Date }>`
      select data->>'instrumentId' as instrument_id, data->>'questionId' as question_id, (data->>'score')::int as score, at
      from case_record_events
      where participant_id = ${participantId} and type = 'pulse.response' and jsonb_typeof(data->'score') = 'number'
      order by id`.execute(this.db);
    return rows.rows.map((r) => ({ instrumentId: r.instrument_id, questionId: r.question_id, score: Number(r.score), at: new Date(r.at) }));
  }

  /** Whether any check-in or pulse of this job has been sent to them yet. */
  async anyForJob(participantId: string, jobStartId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('question_sessions')
      .select('id')
      .where('participant_id', '=', participantId)
      .where('job_start_id', '=', jobStartId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async listForParticipant(participantId: string): Promise<QuestionSessionRow[]> {
    return this.db.selectFrom('question_sessions').selectAll().where('participant_id', '=', participantId).orderBy('created_at').execute();
  }

  async findById(id: string): Promise<QuestionSessionRow | undefined> {
    return this.db.selectFrom('question_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Erasure: what they answered goes, and open questions stop. */
  async eraseForParticipant(participantId: string): Promise<void> {
    await this.db
      .updateTable('question_sessions')
      .set({ answers: '{}', status: sql`case when status = 'open' then 'stopped' else status end`, updated_at: sql<Date>`now()` })
      .where('participant_id', '=', participantId)
      .execute();
  }
}
