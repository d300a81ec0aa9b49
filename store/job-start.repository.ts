import { sql } from 'kysely';
import type { Executor } from './database.js';
import type { JobStartRow } from './schema.js';

export interface NewJobStart {
  participantId: string;
  startDate: string;
  employer: string | null;
  hoursPerWeek: number | null;
  createdBy: string | null;
}

/** Job starts: the current one is `active`; a newer start replaces it, leaving ends it. */
export class JobStartRepository {
  constructor(private readonly db: Executor) {}

  /** Records a job start; an earlier active one becomes `replaced` (one active job a person). */
  async start(job: NewJobStart, at: Date): Promise<{ created: JobStartRow; replaced: JobStartRow | undefined }> {
    const replaced = await this.db
      .updateTable('job_starts')
      .set({ status: 'replaced', ended_at: at, ended_reason: 'a new job start was recorded', updated_at: at })
      .where('participant_id', '=', job.participantId)
      .where('status', '=', 'active')
      .returningAll()
      .executeTakeFirst();
    const created = await this.db
      .insertInto('job_starts')
      .values({
        participant_id: job.participantId,
        start_date: job.startDate,
        employer: job.employer,
        hours_per_week: job.hoursPerWeek,
        created_by: job.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.db
      .updateTable('participants')
      .set({ in_work_since: job.startDate, updated_at: at })
      .where('id', '=', job.participantId)
      .execute();
    return { created, replaced };
  }

  async findById(id: string): Promise<JobStartRow | undefined> {
    return this.db.selectFrom('job_starts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findActive(participantId: string): Promise<JobStartRow | undefined> {
    return this.db
      .selectFrom('job_starts')
      .selectAll()
      .where('participant_id', '=', participantId)
      .where('status', '=', 'active')
      .executeTakeFirst();
  }

  async listForParticipant(participantId: string): Promise<JobStartRow[]> {
    return this.db.selectFrom('job_starts').selectAll().where('participant_id', '=', participantId).orderBy('created_at').execute();
  }

  /** The latest job start, active or not (what the participant page shows). */
  async latest(participantId: string): Promise<JobStartRow | undefined> {
    return this.db
      .selectFrom('job_starts')
      .selectAll()
      .where('participant_id', '=', participantId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** They have left: true when this call ended it (it was still active). */
  async markLeft(id: string, at: Date, reason: string): Promise<boolean> {
    const result = await this.db
      .updateTable('job_starts')
      .set({ status: 'left', ended_at: at, ended_reason: reason, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** "Still in work": the latest sustainment evidence. */
  async markConfirmed(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('job_starts')
      .set({ last_confirmed_at: at, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }

  /** Erasure: where they worked goes; the rows stay, so counts remain true. */
  async eraseForParticipant(participantId: string): Promise<void> {
    await this.db
      .updateTable('job_starts')
      .set({ employer: null, hours_per_week: null, ended_reason: null, updated_at: sql<Date>`now()` })
      .where('participant_id', '=', participantId)
      .execute();
  }
}
