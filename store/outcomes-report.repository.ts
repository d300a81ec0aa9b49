import { sql } from 'kysely';
import { DNA_REASON_CATEGORIES, type DnaReasonCategory } from '../domain/appointments/dna.types.js';
import { type ExportScope, inExportScope } from './case-record-export.repository.js';
import type { Executor } from './database.js';

export interface OutcomesJob {
  id: string;
  startDate: string;
  employer: string | null;
  hoursPerWeek: number | null;
  status: string;
  endedAt: Date | null;
  /** Their latest check-in answer about this job before the report's end, other than saying they left. */
  lastAnswerAt: Date | null;
}

export interface OutcomesRow {
  participantId: string;
  externalRef: string | null;
  firstName: string | null;
  lastName: string | null;
  keyWorkerName: string | null;
  team: string | null;
  referredAt: Date | null;
  optedOut: boolean;
  appointments: number;
  attended: number;
  didNotAttend: number;
  reasons: Record<DnaReasonCategory, number>;
  checkIns: { answers: number; latestRating: string | null; struggling: number; callsAsked: number; stillInWork: number };
  /** question id → the first and latest score in the range. */
  pulse: Record<string, { first: number; latest: number; answers: number }>;
  jobStartsInRange: number;
  job: OutcomesJob | null;
}

/** Where the next page of participants starts (they are listed by last name, first name, id). */
export interface ParticipantCursor {
  lastName: string;
  firstName: string;
  id: string;
}

/**
 * A caseload's outcomes over [from, to), one row a person, a page of people at a time: appointments that started in
 * the range and how they went, the reasons given for missing them, check-in answers and confidence scores in the
 * range, job starts, and the latest job that started by the end of it (for sustainment).
 */
export class OutcomesReportRepository {
  constructor(private readonly db: Executor) {}

  async page(
    scope: ExportScope,
    from: Date,
    to: Date,
    days: { first: string; last: string },
    after: ParticipantCursor | null,
    limit: number,
  ): Promise<{ rows: OutcomesRow[]; next: ParticipantCursor | null }> {
    const people = await sql<{
      id: string;
      external_ref: string | null;
      first_name: string | null;
      last_name: string | null;
      key_worker_name: string | null;
      team: string | null;
      referred_at: Date | null;
      opted_out: boolean;
    }>`
      select participants.id, participants.external_ref, participants.first_name, participants.last_name, staff.name as key_worker_name,
        participants.team, participants.referred_at, participants.opted_out
      from participants
      left join staff on staff.id = participants.key_worker_id
      where participants.erased_at is null and participants.created_at < ${to} and ${inExportScope(scope)}
        ${after ? sql`and (coalesce(participants.last_name, ''), coalesce(participants.first_name, ''), participants.id) > (${after.lastName}, ${after.firstName}, ${after.id}::uuid)` : sql``}
      order by coalesce(participants.last_name, ''), coalesce(participants.first_name, ''), participants.id
      limit ${limit}`.execute(this.db);
    if (people.rows.length === 0) return { rows: [], next: null };
    const ids = people.rows.map((p) => p.id);
    const idList = sql`${ids}::uuid[]`;

    const attendance = await sql<{ participant_id: string; appointments: string; attended: string; dna: string }>`
      select participant_id, count(*) filter (where status <> 'cancelled') as appointments,
        count(*) filter (where attendance = 'attended') as attended, count(*) filter (where attendance = 'did_not_attend') as dna
      from appointments
      where participant_id = any(${idList}) and starts_at >= ${from} and starts_at < ${to}
      group by participant_id`.execute(this.db);

    const reasons = await sql<{ participant_id: string; category: string | null; n: string }>`
      select case_record_events.participant_id, case_record_events.data->>'category' as category, count(*) as n
      from case_record_events
      join appointments on appointments.id = case_record_events.appointment_id
      where case_record_events.type = 'dna.reason' and case_record_events.participant_id = any(${idList})
        and appointments.starts_at >= ${from} and appointments.starts_at < ${to}
      group by 1, 2`.execute(this.db);

    const checkIns = await sql<{ participant_id: string; answers: string; struggling: string; calls: string; still: string; latest_rating: string | null }>`
      select participant_id, count(*) as answers,
        count(*) filter (where data->>'question' = 'how' and data->>'rating' = 'struggling') as struggling,
        count(*) filter (where data->>'question' = 'call' and data->>'answer' = 'yes') as calls,
        count(*) filter (where data->>'question' = 'still_in_work' and data->>'answer' = 'yes') as still,
        (array_agg(data->>'rating' order by at desc, id desc) filter (where data->>'question' = 'how' and data->>'rating' is not null))[1] as latest_rating
      from case_record_events
      where type = 'checkin.response' and participant_id = any(${idList}) and at >= ${from} and at < ${to}
      group by participant_id`.execute(this.db);

    const pulse = await sql<{ participant_id: string; question_id: string; first: string; latest: string; answers: string }>`
      select participant_id, data->>'questionId' as question_id,
        (array_agg(data->>'score' order by at, id))[1] as first,
        (array_agg(data->>'score' order by at desc, id desc))[1] as latest,
        count(*) as answers
      from case_record_events
      where type = 'pulse.response' and participant_id = any(${idList}) and at >= ${from} and at < ${to}
        and jsonb_typeof(data->'score') = 'number'
      group by 1, 2`.execute(this.db);

    const jobs = await sql<{
      participant_id: string;
      id: string;
      start_date: string;
      employer: string | null;
      hours_per_week: number | null;
      status: string;
      ended_at: Date | null;
      last_answer_at: Date | null;
    }>`
      select latest.*,
        (select max(case_record_events.at) from case_record_events
          where case_record_events.participant_id = latest.participant_id and case_record_events.type = 'checkin.response'
            and case_record_events.data->>'jobStartId' = latest.id::text and case_record_events.at < ${to}
            and (case_record_events.data->>'answer') is distinct from 'left_job') as last_answer_at
      from (
        select distinct on (participant_id) participant_id, id, start_date, employer, hours_per_week, status, ended_at
        from job_starts
        where participant_id = any(${idList}) and start_date <= ${days.last}::date
        order by participant_id, start_date desc, created_at desc
      ) latest`.execute(this.db);

    const starts = await sql<{ participant_id: string; n: string }>`
      select participant_id, count(*) as n from job_starts
      where participant_id = any(${idList}) and start_date >= ${days.first}::date and start_date <= ${days.last}::date
      group by participant_id`.execute(this.db);

    const byId = <T extends { participant_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.participant_id, r]));
    const attendanceOf = byId(attendance.rows);
    const checkInsOf = byId(checkIns.rows);
    const jobOf = byId(jobs.rows);
    const startsOf = byId(starts.rows);
    const rows: OutcomesRow[] = people.rows.map((p) => {
      const a = attendanceOf.get(p.id);
      const c = checkInsOf.get(p.id);
      const j = jobOf.get(p.id);
      return {
        participantId: p.id,
        externalRef: p.external_ref,
        firstName: p.first_name,
        lastName: p.last_name,
        keyWorkerName: p.key_worker_name,
        team: p.team,
        referredAt: p.referred_at ? new Date(p.referred_at) : null,
        optedOut: p.opted_out,
        appointments: Number(a?.appointments ?? 0),
        attended: Number(a?.attended ?? 0),
        didNotAttend: Number(a?.dna ?? 0),
        reasons: Object.fromEntries(DNA_REASON_CATEGORIES.map((category) => [category, 0])) as Record<DnaReasonCategory, number>,
        checkIns: {
          answers: Number(c?.answers ?? 0),
          latestRating: c?.latest_rating ?? null,
          struggling: Number(c?.struggling ?? 0),
          callsAsked: Number(c?.calls ?? 0),
          stillInWork: Number(c?.still ?? 0),
        },
        pulse: {},
        jobStartsInRange: Number(startsOf.get(p.id)?.n ?? 0),
        job: j
          ? {
              id: j.id,
              startDate: j.start_date,
              employer: j.employer,
              hoursPerWeek: j.hours_per_week,
              status: j.status,
              endedAt: j.ended_at ? new Date(j.ended_at) : null,
              lastAnswerAt: j.last_answer_at ? new Date(j.last_answer_at) : null,
            }
          : null,
      };
    });
    const rowOf = new Map(rows.map((r) => [r.participantId, r]));
    for (const r of reasons.rows) {
      const row = rowOf.get(r.participant_id);
      const category = (DNA_REASON_CATEGORIES as readonly string[]).includes(r.category ?? '') ? (r.category as DnaReasonCategory) : 'other';
      if (row) row.reasons[category] += Number(r.n);
    }
    for (const r of pulse.rows) {
      const row = rowOf.get(r.participant_id);
      if (row) row.pulse[r.question_id] = { first: Number(r.first), latest: Number(r.latest), answers: Number(r.answers) };
    }
    const last = people.rows.at(-1);
    return {
      rows,
      next: last && people.rows.length === limit ? { lastName: last.last_name ?? '', firstName: last.first_name ?? '', id: last.id } : null,
    };
  }
}
