import { localCalendarDate } from '../../domain/time/calendar-date.js';
import type { Clock } from '../../domain/time/clock.js';
import { DNA_REASON_CATEGORIES } from '../../domain/appointments/dna.types.js';
import { PULSE_INSTRUMENTS } from '../../domain/in-work/pulse-instruments.js';
import { SUSTAINMENT_MILESTONE_WEEKS, sustainmentAtWeek } from '../../domain/in-work/sustainment.js';
import type { Executor } from '../../store/database.js';
import { OutcomesReportRepository, type OutcomesRow, type ParticipantCursor } from '../../store/outcomes-report.repository.js';
import type { CsvExport, CsvValue } from './csv-export.js';
import { exportScopeFor, type ExportRequest } from './export-scope.js';

/** People read per page of queries. */
const PAGE_SIZE = 500;

const PULSE_QUESTIONS = PULSE_INSTRUMENTS.flatMap((instrument) => instrument.questions.map((q) => q.id));

export const OUTCOMES_COLUMNS = [
  'participant_id',
  'external_ref',
  'first_name',
  'last_name',
  'key_worker',
  'team',
  'referred_on',
  'opted_out',
  'appointments',
  'attended',
  'did_not_attend',
  ...DNA_REASON_CATEGORIES.map((c) => `dna_reason_${c}`),
  'checkin_answers',
  'checkin_latest_rating',
  'checkin_struggling',
  'checkin_asked_for_call',
  'checkin_still_in_work',
  ...PULSE_QUESTIONS.flatMap((q) => [`pulse_${q}_first`, `pulse_${q}_latest`]),
  'job_starts',
  'job_start_date',
  'employer',
  'hours_per_week',
  'job_status',
  'job_left_on',
  ...SUSTAINMENT_MILESTONE_WEEKS.map((w) => `in_work_${w}_weeks`),
] as const;

/**
 * The outcomes of a team (or a caseload) over a date range, one row a person: attendance at appointments that
 * started in the range, the reasons given for missing them, check-in answers and confidence scores in the range,
 * job starts, and whether their latest job was sustained at 4, 13 and 26 weeks as of the range's end.
 */
export class ExportOutcomes {
  constructor(private readonly deps: { db: Executor; clock: Clock; timeZone: string; pageSize?: number }) {}

  execute(request: ExportRequest): CsvExport {
    const { scope, range, label } = exportScopeFor(request, this.deps.timeZone);
    const repository = new OutcomesReportRepository(this.deps.db);
    const { timeZone } = this.deps;
    const pageSize = this.deps.pageSize ?? PAGE_SIZE;
    const now = this.deps.clock.now();
    const asOf = now < range.end ? now : range.end;
    async function* rows(): AsyncGenerator<readonly CsvValue[]> {
      let after: ParticipantCursor | null = null;
      do {
        const page = await repository.page(scope, range.start, range.end, { first: range.from, last: range.to }, after, pageSize);
        for (const row of page.rows) yield outcomesLine(row, asOf, timeZone);
        after = page.next;
      } while (after);
    }
    return { filename: `outcomes-${label}-${range.from}-to-${range.to}.csv`, columns: OUTCOMES_COLUMNS, rows: rows() };
  }
}

function outcomesLine(row: OutcomesRow, asOf: Date, timeZone: string): CsvValue[] {
  const job = row.job;
  // As the record stood at the report's end: a job left afterwards was still going then.
  const leftAt = job?.endedAt && job.endedAt < asOf ? job.endedAt : null;
  const lastAnswerAt = job?.lastAnswerAt && job.lastAnswerAt < asOf ? job.lastAnswerAt : null;
  return [
    row.participantId,
    row.externalRef,
    row.firstName,
    row.lastName,
    row.keyWorkerName,
    row.team,
    row.referredAt ? localCalendarDate(row.referredAt, timeZone) : null,
    row.optedOut ? 'yes' : 'no',
    row.appointments,
    row.attended,
    row.didNotAttend,
    ...DNA_REASON_CATEGORIES.map((c) => row.reasons[c]),
    row.checkIns.answers,
    row.checkIns.latestRating,
    row.checkIns.struggling,
    row.checkIns.callsAsked,
    row.checkIns.stillInWork,
    ...PULSE_QUESTIONS.flatMap((q) => [row.pulse[q]?.first ?? null, row.pulse[q]?.latest ?? null]),
    row.jobStartsInRange,
    job?.startDate ?? null,
    job?.employer ?? null,
    job?.hoursPerWeek ?? null,
    job ? (leftAt ? (job.status === 'replaced' ? 'replaced' : 'left') : 'in_work') : null,
    leftAt ? localCalendarDate(leftAt, timeZone) : null,
    ...SUSTAINMENT_MILESTONE_WEEKS.map((week) => (job ? sustainmentAtWeek({ startDate: job.startDate, leftAt, lastAnswerAt }, week, asOf, timeZone) : null)),
  ];
}
